import Foundation
import TappsCore
import TappsRunner
import TestSupport

/// Shared helpers for the step, built-in and scheduler tests.
enum StepFixture {
    /// The environment steps get in a scratch repository.
    static func environment(_ repo: ScratchRepository, extra: [String: String] = [:]) -> StepEnvironment {
        StepEnvironment(root: repo.root, runID: "run-test-1", gitCommonDirectory: repo.root + "/.git",
                        baseEnvironment: ScratchRepository.environment.merging(extra) { $1 },
                        tokenReportDirectory: repo.root + "/.git/tapps/runs/run-test-1")
    }

    /// A step running a shell script; the staged files arrive as "$@".
    static func shell(_ name: String, phase: Phase = .review, _ script: String, files: [RepoPath] = [],
                      timeout: Double? = nil, passFilenames: Bool = true, modifiesFiles: Bool = false) -> PlannedStep {
        PlannedStep(config: StepConfig(name: name, phase: phase, command: ["/bin/sh", "-c", script, name],
                                       passFilenames: passFilenames, timeout: timeout, modifiesFiles: modifiesFiles),
                    files: files)
    }

    /// Waits (up to `limit` seconds) for `condition`; returns whether it became true.
    static func waitUntil(_ limit: Double = 90, _ condition: () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + .milliseconds(Int(limit * 1000))
        while clock.now < end {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    /// Sets a file's modification time exactly.
    static func setModificationTime(_ path: String, seconds: Int, nanoseconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: nanoseconds), timespec(tv_sec: seconds, tv_nsec: nanoseconds)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    /// A pid a step wrote to `file` in the repository.
    static func pid(in repo: ScratchRepository, _ file: String) -> Int32? {
        repo.readText(file).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }
}

/// Looks at processes through /proc.
enum StepProcessProbe {
    /// True when the process no longer runs (gone, or a zombie waiting to be reaped).
    static func isGone(_ pid: Int32) -> Bool {
        guard let state = stat(pid) else { return true }
        return state.state == "Z" || state.state == "X"
    }

    /// Running (non-zombie) processes whose process group is `group`.
    static func liveMembers(ofGroup group: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let info = stat(pid) else { return false }
            return info.group == group && info.state != "Z" && info.state != "X"
        }
    }

    /// State letter and process group from /proc/<pid>/stat (the command name may hold spaces and parentheses).
    private static func stat(_ pid: Int32) -> (state: Character, group: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 3, let state = fields[0].first, let group = Int32(fields[2]) else { return nil }
        return (state, group)
    }
}

/// Finds mypy / pytest for the built-in tests: the package's `.build-venv` first, then PATH. A tool is only used
/// if `--version` works (a pyenv shim for an uninstalled tool does not).
enum StepPythonTool {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func directory(of tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let candidates = [packageRoot + "/.build-venv/bin"] + path.split(separator: ":").map(String.init)
        for directory in candidates where FileManager.default.isExecutableFile(atPath: directory + "/" + tool) {
            let result = try? ProcessRunner.run(directory + "/" + tool, ["--version"], directory: "/tmp",
                                                environment: ScratchRepository.environment)
            if result?.status == 0 { return directory }
        }
        return nil
    }

    static let mypy = directory(of: "mypy")
    static let pytest = directory(of: "pytest")

    /// An environment whose PATH starts with `directory`.
    static func pathEnvironment(_ directory: String) -> [String: String] {
        ["PATH": directory + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin:/bin")]
    }
}
