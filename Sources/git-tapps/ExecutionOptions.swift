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

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let budget, budget < 1 { throw ValidationError("--budget must be a positive number of tokens") }
        if let budgetUsed, budgetUsed < 0 { throw ValidationError("--budget-used must be zero or more tokens") }
        if budgetUsed == nil, let text = Environment.value("TAPPS_TOKENS_USED"), !text.isEmpty,
           Int(text.trimmingCharacters(in: " ")).map({ $0 < 0 }) ?? true {
            throw ValidationError("TAPPS_TOKENS_USED must be zero or more tokens, not '\(text)'")
        }
    }

    /// The run options these flags and the environment (`SKIP`) ask for.
    var runOptions: RunOptions {
        var options = RunOptions()
        options.jobs = jobs
        options.budget = budget
        options.useCache = !noCache
        options.fullOutput = full
        options.budgetUsed = budgetUsed ?? Environment.value("TAPPS_TOKENS_USED").flatMap { Int($0.trimmingCharacters(in: " ")) } ?? 0
        options.report = output.format == .json ? .json(pretty: output.indentsJSON) : .text(full: full)
        options.skip = Set((Environment.value("SKIP") ?? "").split(separator: ",").map {
            String($0).trimmingCharacters(in: " ")
        }.filter { !$0.isEmpty })
        options.interactive = output.format == .text && Console.isTerminal(2)
        return options
    }

    /// Prints the report and maps the summary to the contract's exit code.
    func finish(_ summary: RunSummary) throws {
        if output.format == .json {
            Console.out(RunReport.jsonText(summary, pretty: output.indentsJSON))
        } else {
            let color = Console.isTerminal(1) && Environment.value("NO_COLOR") == nil
            Console.out(RunReport.text(summary, color: color, full: full))
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
