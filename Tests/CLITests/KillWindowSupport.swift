import Foundation
import TestSupport

/// A `git tapps` process started in the background, so that a test can signal it at a chosen moment.
final class BackgroundTapps {
    let process = Process()
    private let outputFile: String
    private let errorFile: String

    init(_ repo: ScratchRepository, _ arguments: [String], environment: [String: String] = [:]) throws {
        outputFile = repo.root + "/../" + UUID().uuidString + ".out"
        errorFile = outputFile + ".err"
        _ = FileManager.default.createFile(atPath: outputFile, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile, contents: nil)
        process.executableURL = URL(fileURLWithPath: TestPaths.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
        process.environment = ScratchRepository.environment.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outputFile)
        process.standardError = FileHandle(forWritingAtPath: errorFile)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the end; the exit status, or the signal number when `signalled`.
    func wait() -> (status: Int32, signalled: Bool, output: String, error: String) {
        process.waitUntilExit()
        let output = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        let error = (try? String(contentsOfFile: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputFile)
        try? FileManager.default.removeItem(atPath: errorFile)
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, output, error)
    }
}

enum KillWindow {
    /// Waits (up to `seconds`) until `relative` exists in the repository.
    static func await(_ repo: ScratchRepository, _ relative: String, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: repo.path(relative)) { return true }
            usleep(10_000)
        }
        return false
    }

    /// Every file of ours a killed run could leave: temporary files in the work tree, lock files under
    /// refs/tapps, the run's scratch directories and applied marks.
    static func leftovers(_ repo: ScratchRepository) -> [String] {
        var found: [String] = []
        let manager = FileManager.default
        if let walker = manager.enumerator(atPath: repo.root) {
            for case let name as String in walker where !name.hasPrefix(".git/") && name != ".git" {
                let base = (name as NSString).lastPathComponent
                if base.hasPrefix(".tapps-write-") || base.hasPrefix(".tapps-restore-") { found.append(name) }
            }
        }
        if let walker = manager.enumerator(atPath: repo.path(".git")) {
            for case let name as String in walker where name.hasSuffix(".lock") { found.append(".git/" + name) }
        }
        for folder in [".git/tapps/runs", ".git/tapps/applied"] {
            for name in (try? manager.contentsOfDirectory(atPath: repo.path(folder))) ?? [] { found.append(folder + "/" + name) }
        }
        return found.sorted()
    }

    /// The one backup reference's run id (empty when there is none).
    static func backupRunID(_ repo: ScratchRepository) throws -> String {
        let name = try repo.git("for-each-ref", "--format=%(refname)", "refs/tapps/backup/")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return name.components(separatedBy: "/").last ?? ""
    }
}
