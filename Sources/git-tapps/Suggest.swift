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

        /// The plain values both parsers produce.
        var arguments: SuggestArguments { SuggestArguments(words: description, output: output.settings) }

        func run() throws {
            try arguments.perform()
        }
    }
}
