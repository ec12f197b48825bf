import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Restore unstaged work saved by a git tapps run that was killed.",
            discussion: """
                A run saves your unstaged work under refs/tapps/backup/<run> before it touches the work tree. \
                If the run is killed (SIGKILL, power loss) the backup stays; this puts every byte back and \
                deletes the ref. `git tapps run` does the same by itself when it finds a leftover backup.
                """)

        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let session = try RepositorySession.open() else {
                throw TappsError.repository("not a git repository (run git tapps recover inside the work tree)")
            }
            let report = try BackupRecovery.recover(session: session)
            if output.format == .json {
                Console.out(JSONValue.object([
                    ("recovered", .array(report.backups.map(JSONValue.string))),
                    ("restored_paths", .array(report.restoredPaths.map(JSONValue.path))),
                    ("problems", .array(report.problems.map(JSONValue.string))),
                    ("notes", .array(report.notes.map(JSONValue.string))),
                ]).serialized(pretty: output.indentsJSON))
            } else if report.backups.isEmpty && report.problems.isEmpty {
                for note in report.notes { Console.out(note) }
                Console.out("Nothing to recover: no backup left by a killed run.")
            } else {
                for backup in report.backups { Console.out("Restored \(backup)") }
                for path in report.restoredPaths { Console.out("  \(path.quoted)") }
                for note in report.notes { Console.out(note) }
                for problem in report.problems { Console.error(problem) }
            }
            if !report.problems.isEmpty { throw CommandExit(code: 2) }
        }
    }
}
