import ArgumentParser
import TappsCore
import TappsRunner

/// `git-tapps`: the root command. Subcommands are thin: parse, call the libraries, map to an exit code.
/// Every command names itself (`commandName`): deriving the name from the type costs a dynamic
/// cast and a conformance scan per command at every start, which a hook pays on each commit.
struct GitTapps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-tapps",
        abstract: "Fast, safe checks for AI-assisted commits: recommend a workflow preset, run it as a pre-commit hook.",
        discussion: """
            Run it as `git tapps <command>`. Exit codes of run: 0 passed; 1 a step failed or modified \
            files; 2 usage, configuration or repository error; 3 stopped by the token budget; \
            130/143 interrupted.
            """,
        version: VersionText.text,
        subcommands: [Suggest.self, Enhance.self, Run.self, Resume.self, Checkpoints.self, Presets.self, Install.self,
                      Uninstall.self, Recover.self, Cache.self, SelectTests.self, Completion.self, Version.self,
                      AgentHook.self, Tokens.self])
}

/// Options every command shares.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: text (for people) or json (stable, for scripts and agents).")
    var format: OutputFormat = .text

    @Flag(help: "Indent JSON (the default when stdout is a terminal; compact otherwise).")
    var pretty = false

    /// The plain values both parsers produce.
    var settings: OutputSettings { OutputSettings(format: format, pretty: pretty) }

    /// JSON is indented for a terminal or with --pretty, compact for a pipe (what an agent reads).
    var indentsJSON: Bool { settings.indentsJSON }

    /// `json` as this command prints it.
    func render(_ json: JSONValue) -> String { json.serialized(pretty: indentsJSON) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
