import Foundation
import Testing
import TestSupport

/// Repositories with a step that reports findings, and the recorded agent payloads (Tests/Fixtures/agent-hooks).
enum AgentHookSupport {
    /// A step that reports `path:line:1: <message>` for every line containing BUG in the staged .py files.
    static func markerStep(_ name: String, message: String = "bug marker", phase: String = "review") -> String {
        """
          - name: \(name)
            phase: \(phase)
            command: [awk, '/BUG/ { printf "%s:%d:1: \(message)\\n", FILENAME, FNR; found = 1 } END { exit found }']
            files: '\\.py$'

        """
    }

    /// A step that only records that it ran.
    static let ranStep = """
          - name: ran
            phase: test
            command: [sh, -c, 'echo ran >> .hook-ran']
            pass_filenames: false
            cache: false

        """

    /// A repository whose `standard` preset runs the marker step and the ran step; base content has no BUG.
    static func repository(steps: String? = nil) throws -> ScratchRepository {
        let config = "preset: standard\nbuiltins: false\nsteps:\n" + (steps ?? markerStep("lint") + ranStep)
        let repo = try RunCommandTests.repository(config: config, install: false)
        try repo.write(".gitignore", ".hook-ran\n")
        try repo.commitAll("ignore the marker")
        return repo
    }

    static func fixture(_ name: String, repo: ScratchRepository, command: String = "") throws -> String {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/agent-hooks")
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        let quoted = try #require(String(data: try JSONEncoder().encode(command), encoding: .utf8)).dropFirst().dropLast()
        return text.replacingOccurrences(of: "__REPO__", with: repo.root).replacingOccurrences(of: "__COMMAND__", with: String(quoted))
    }

    /// Runs `git tapps agent-hook [arguments]` with `payload` on stdin, from the repository root.
    static func hook(_ repo: ScratchRepository, payload: String, arguments: [String] = []) throws -> ProcessResult {
        let file = repo.path(".git/payload-\(UUID().uuidString).json")
        try payload.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        var environment = ScratchRepository.environment.merging(RunCommandTests.hookEnvironment) { $1 }
        environment["TAPPS_PAYLOAD"] = file
        return try ProcessRunner.run("/bin/sh", ["-c", "exec \"$0\" agent-hook \"$@\" < \"$TAPPS_PAYLOAD\"", TestPaths.executable] + arguments,
                                     directory: repo.root, environment: environment)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }
}
