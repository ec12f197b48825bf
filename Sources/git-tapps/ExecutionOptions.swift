import ArgumentParser
import TappsCore
import TappsRunner

/// Options shared by `run` and `resume`: how steps execute and how the result is shown.
struct ExecutionOptions: ParsableArguments {
    @Option(help: "Steps to run in parallel at most (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Token budget (default: .tapps.yaml budget:, else unlimited); at 90% no further steps start (exit 3, checkpoint saved).")
    var budget: Int?

    @Flag(help: "Show every finding and full step output instead of the delta report.")
    var full = false

    @Option(help: "Tokens the reader (an agent) has used already; they count toward the budget (default: TAPPS_TOKENS_USED).")
    var budgetUsed: Int?

    @Flag(help: "Neither reuse nor record cached results (steps, and the guards' per-blob results): run and read everything.")
    var noCache = false

    @OptionGroup var output: OutputOptions

    /// The plain values both parsers produce.
    var settings: ExecutionSettings {
        ExecutionSettings(jobs: jobs, budget: budget, full: full, budgetUsed: budgetUsed, noCache: noCache,
                          output: output.settings)
    }

    func validate() throws {
        if let invalidity = settings.invalidity { throw ValidationError(invalidity) }
    }

    /// The run options these flags and the environment (`SKIP`) ask for.
    var runOptions: RunOptions { settings.runOptions }

    /// Prints the report and maps the summary to the contract's exit code.
    func finish(_ summary: RunSummary) throws { try settings.finish(summary) }
}
