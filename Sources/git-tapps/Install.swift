import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "install",
            abstract: "Install the pre-commit hook (honours core.hooksPath; an existing hook is kept and runs first).",
            discussion: """
                An existing pre-commit hook is moved to pre-commit.tapps-previous beside it and runs \
                before git-tapps. With --force it is moved to pre-commit.tapps-backup and no longer runs. \
                Installing again changes nothing. Bypass the hook once with git commit --no-verify or \
                TAPPS_SKIP=1.
                """)

        @Flag(help: "Replace an existing hook instead of chaining it (it is kept as pre-commit.tapps-backup).")
        var force = false

        @Option(help: "Instead of the pre-commit hook, add git-tapps to this coding agent's hooks in the repository (claude: .claude/settings.json, codex: .codex/hooks.json, cursor: .cursor/hooks.json).")
        var agent: AgentKind?

        @OptionGroup var output: OutputOptions

        func run() throws {
            guard let session = try RepositorySession.open() else {
                throw TappsError.repository("not inside a git repository; run git tapps install in the repository's work tree")
            }
            if let agent {
                let report = try AgentSettingsInstaller.install(agent, session: session)
                Console.out(output.format == .json ? report.json.serialized(pretty: output.indentsJSON) : report.message)
                return
            }
            let report = try HookInstaller.install(session: session, force: force)
            Console.out(output.format == .json ? report.json.serialized(pretty: output.indentsJSON) : report.message)
        }
    }
}
