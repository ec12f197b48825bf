import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "uninstall",
            abstract: "Remove the pre-commit hook and put back the hook it had kept, if any.")

        @Option(help: "Instead of the pre-commit hook, remove git-tapps' entries from this agent's hook settings (claude, codex, cursor).")
        var agent: AgentKind?

        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let session = try RepositorySession.open() else {
                throw TappsError.repository("not inside a git repository; run git tapps uninstall in the repository's work tree")
            }
            if let agent {
                let report = try AgentSettingsInstaller.uninstall(agent, session: session)
                Console.out(output.format == .json ? report.json.serialized(pretty: output.indentsJSON) : report.message)
                return
            }
            let report = try HookInstaller.uninstall(session: session)
            Console.out(output.format == .json ? report.json.serialized(pretty: output.indentsJSON) : report.message)
        }
    }
}
