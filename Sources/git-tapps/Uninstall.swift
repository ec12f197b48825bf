import ArgumentParser
import TappsRunner

extension GitTapps {
    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove the pre-commit hook and put back the hook it had kept, if any.")

        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let session = try RepositorySession.open() else {
                throw TappsError.repository("not inside a git repository; run git tapps uninstall in the repository's work tree")
            }
            let report = try HookInstaller.uninstall(session: session)
            Console.out(output.format == .json ? report.json.serialized() : report.message)
        }
    }
}
