import ArgumentParser
import TappsCore
import TappsRunner
import TappsSystem

extension GitTapps {
    struct AgentHook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agent-hook",
            abstract: "Answer a coding agent's hook event (JSON on stdin) in that agent's protocol.",
            discussion: """
                Claude Code and Codex (PreToolUse of Bash, Stop) and Cursor (beforeShellExecution, stop). A shell \
                command that runs `git commit` is checked on what that commit would contain — the same run as the \
                pre-commit hook — and denied with the delta report while it fails; `git commit --no-verify`/-n is \
                denied; every other command is allowed at once. A stop event checks the staged change and keeps \
                the agent working while it fails (once per turn). A payload that cannot be read blocks nothing: \
                one line on stderr, exit 0, logged to <git-common-dir>/tapps/agent-hook.log. \
                `git tapps install --agent claude|codex|cursor` sets it up.
                """)

        @Option(help: "The agent's protocol: claude, codex or cursor (default: told from the payload).")
        var agent: AgentKind?

        /// The plain values both parsers produce.
        var arguments: AgentHookArguments { AgentHookArguments(agent: agent) }

        func run() async throws {
            try await arguments.perform()
        }
    }
}

extension AgentKind: ExpressibleByArgument {}

/// All of stdin, without Foundation.
enum StandardInput {
    static func readAll() -> [UInt8] {
        (try? Descriptor.standardInput.readToEnd()) ?? []
    }
}
