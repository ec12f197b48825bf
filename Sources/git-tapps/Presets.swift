import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Presets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "presets",
            abstract: "List the workflow presets, or show one with its steps and estimates.",
            subcommands: [List.self, Show.self], defaultSubcommand: List.self)
    }
}

extension GitTapps.Presets {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the presets, lightest first.")
        @OptionGroup var output: OutputOptions

        func run() throws {
            let catalogue = try PresetsCommand.catalogue()
            Console.out(output.format == .json ? PresetListing.json(catalogue).serialized(pretty: output.indentsJSON) : PresetListing.text(catalogue))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one preset: steps, hook phases, estimates.")
        @Argument(help: "The preset's name, e.g. standard.") var name: String
        @OptionGroup var output: OutputOptions

        func run() throws {
            let catalogue = try PresetsCommand.catalogue()
            guard let preset = catalogue.preset(named: name) else {
                throw TappsError.usage("unknown preset '\(name)' (known: \(catalogue.names.joined(separator: ", ")))")
            }
            Console.out(output.format == .json ? PresetListing.json(preset).serialized(pretty: output.indentsJSON) : PresetListing.text(preset))
        }
    }
}
