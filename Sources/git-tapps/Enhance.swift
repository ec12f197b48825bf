import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Enhance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enhance",
            abstract: "Build an enhanced task prompt from the description and the staged context.",
            discussion: """
                No model is called: the prompt is built from the description, the staged change, the \
                recommended preset and .tapps.yaml. quick runs clarify, enrich, structure; full adds \
                validate, optimize, domain_enhance, finalize.
                """)

        @Argument(help: "The task, e.g. \"Add rate limiting to the login endpoint\".")
        var description: [String] = []

        @Option(name: .long, help: "quick (clarify, enrich, structure) or full (all seven stages).")
        var mode: EnhanceMode = .quick

        @OptionGroup var output: OutputOptions

        func run() throws {
            let result = try EnhanceCommand.enhance(description: description.joined(separator: " "), mode: mode)
            Console.out(output.format == .json ? EnhanceReport.json(result).serialized(pretty: output.indentsJSON) : EnhanceReport.text(result))
        }
    }
}

extension EnhanceMode: ExpressibleByArgument {}
