import Foundation
import TestSupport

/// A stand-in `git-tapps` for hook tests: it appends `tapps <args>` to `$TAPPS_MARKER` and exits
/// with `$FAKE_TAPPS_STATUS` (default 0), so a test sees whether, when and how the shim called it.
struct FakeTapps {
    /// Holds the fake `git-tapps` and a `git` link, nothing else: a PATH of just this directory
    /// has git but no real git-tapps.
    let directory: ScratchRepository
    let marker: String

    init() throws {
        directory = try ScratchRepository(initialize: false)
        marker = directory.path("marker.log")
        try InstallSupport.writeExecutable(directory.path("bin/git-tapps"), """
            #!/bin/sh
            echo "tapps $*" >> "$TAPPS_MARKER"
            exit ${FAKE_TAPPS_STATUS:-0}

            """)
        try FileManager.default.createDirectory(atPath: directory.path("git-only"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path("git-only/git"),
                                                   withDestinationPath: InstallSupport.gitExecutable)
    }

    var bin: String { directory.path("bin") }
    var gitOnly: String { directory.path("git-only") }

    /// What the hooks wrote, in order.
    var lines: [String] {
        (directory.readText("marker.log") ?? "").split(separator: "\n").map(String.init)
    }

    /// The environment for a `git commit` that should find the fake before anything else.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["PATH": bin + ":" + gitOnly, "TAPPS_MARKER": marker].merging(extra) { $1 }
    }
}

enum InstallSupport {
    /// A user's hook that records that it ran, then exits with `$PREVIOUS_STATUS` (default 0).
    static let previousHook = """
        #!/bin/sh
        echo previous >> "$TAPPS_MARKER"
        exit ${PREVIOUS_STATUS:-0}

        """

    static let gitExecutable = which("git") ?? "/usr/bin/git"

    /// The executable `name` on this process's PATH, or nil.
    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(directory) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The directory of the built `git-tapps`, to put first on PATH.
    static var builtBinDirectory: String {
        URL(fileURLWithPath: TestPaths.executable).deletingLastPathComponent().path
    }

    static func writeExecutable(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// `git commit` with the hooks enabled; returns how it ended instead of throwing.
    static func commit(_ repo: ScratchRepository, in directory: String? = nil,
                       environment: [String: String]) throws -> ProcessResult {
        try ProcessRunner.run(gitExecutable, ["commit", "-q", "-m", "change"], directory: directory ?? repo.root,
                              environment: ScratchRepository.environment.merging(environment) { $1 })
    }

    /// Number of commits on HEAD in `directory`.
    static func commitCount(_ repo: ScratchRepository, in directory: String? = nil) throws -> Int {
        Int(try repo.git(["rev-list", "--count", "HEAD"], in: directory).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Stages a new file so that there is something to commit.
    static func stageChange(_ repo: ScratchRepository, _ name: String = "notes.txt", in directory: String? = nil) throws {
        let base = directory ?? repo.root
        try Data("change \(UUID().uuidString)\n".utf8).write(to: URL(fileURLWithPath: base + "/" + name))
        try repo.git(["add", name], in: base)
    }
}
