import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "suggest",
            abstract: "Recommend a workflow preset for a task from its description and the staged change.",
            discussion: PresetGuide.summary)

        @Argument(help: "What the task is, e.g. \"Fix typo in README\". Optional: the staged change is evidence too.")
        var description: [String] = []

        @OptionGroup var output: OutputOptions

        func run() throws {
            let text = description.joined(separator: " ")
            let report = try SuggestCommand.report(description: text)
            Console.out(output.format == .json ? report.json.serialized(pretty: output.indentsJSON) : report.text)
        }
    }
}
