import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    /// Hidden: prints the built-in pytest's test selection for the staged change as JSON (benchmarks, debugging).
    struct SelectTests: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "select-tests",
            abstract: "Show which tests the built-in pytest would run for the staged change, and why (JSON).",
            shouldDisplay: false)

        @Flag(help: "Drop the import cache first (a cold run).")
        var cold = false

        func run() throws {
            Console.out(try TestSelectionCommand.run(cold: cold).serialized())
        }
    }
}
