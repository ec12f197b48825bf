import TappsCore
import TappsRunner

// What `run`, `resume`, `suggest` and `agent-hook` were asked to do, as plain values. Both the
// argument parser's commands and `FastInvocation` (which skips the parser on the common vectors)
// build these and call `perform()`, so a vector means one thing whichever path read it.

/// `--format` and `--pretty`.
struct OutputSettings: Equatable, Sendable {
    var format: OutputFormat = .text
    var pretty = false

    /// JSON is indented for a terminal or with --pretty, compact for a pipe (what an agent reads).
    var indentsJSON: Bool { pretty || Console.isTerminal(1) }
}

/// How steps execute and how the result is shown (`run` and `resume`).
struct ExecutionSettings: Equatable, Sendable {
    var jobs: Int?
    var budget: Int?
    var full = false
    var budgetUsed: Int?
    var noCache = false
    var output = OutputSettings()

    /// Why these values cannot run, in the words `validate()` reports; nil when they can.
    var invalidity: String? {
        if let jobs, jobs < 1 { return "--jobs must be at least 1" }
        if let budget, budget < 1 { return "--budget must be a positive number of tokens" }
        if let budgetUsed, budgetUsed < 0 { return "--budget-used must be zero or more tokens" }
        if budgetUsed == nil, let text = Environment.value("TAPPS_TOKENS_USED"), !text.isEmpty,
           Int(text.trimmingCharacters(in: " ")).map({ $0 < 0 }) ?? true {
            return "TAPPS_TOKENS_USED must be zero or more tokens, not '\(text)'"
        }
        return nil
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
        if summary.exitCode != 0 { throw CommandExit(code: summary.exitCode) }
    }
}

/// `git tapps run`.
struct RunArguments: Equatable, Sendable {
    var preset: String?
    var description: String?
    var allFiles = false
    var fromRef: String?
    var toRef: String?
    var execution = ExecutionSettings()

    var invalidity: String? {
        if (fromRef == nil) != (toRef == nil) { return "--from-ref and --to-ref go together" }
        if allFiles && fromRef != nil { return "use either --all-files or --from-ref/--to-ref" }
        return execution.invalidity
    }

    func perform() async throws {
        if Environment.flag("TAPPS_SKIP") {
            if execution.output.format == .json { Console.out("{\"status\": \"skipped\", \"reason\": \"TAPPS_SKIP=1\"}") }
            else { Console.raw("git-tapps: skipped (TAPPS_SKIP=1)\n") }
            return
        }
        var options = execution.runOptions
        options.preset = preset
        options.description = description ?? Environment.value("TAPPS_DESCRIPTION")
        if allFiles { options.scope = .allFiles }
        if let fromRef, let toRef {
            options.scope = .range(from: fromRef, to: toRef)
        } else if !allFiles, let from = Environment.value("PRE_COMMIT_FROM_REF"), let to = Environment.value("PRE_COMMIT_TO_REF"),
                  !from.isEmpty, !to.isEmpty {
            // `pre-commit run --from-ref A --to-ref B` hands the range to hooks this way.
            options.scope = .range(from: from, to: to)
        }
        try execution.finish(try await HookRunner.run(options))
    }
}

/// `git tapps suggest`.
struct SuggestArguments: Equatable, Sendable {
    var words: [String] = []
    var output = OutputSettings()

    func perform() throws {
        let report = try SuggestCommand.report(description: words.joined(separator: " "))
        Console.out(output.format == .json ? report.json.serialized(pretty: output.indentsJSON) : report.text)
    }
}

/// `git tapps agent-hook`.
struct AgentHookArguments: Equatable, Sendable {
    var agent: AgentKind?

    func perform() async throws {
        let answer = await AgentHookRunner.answer(StandardInput.readAll(), agent: agent)
        if let stdout = answer.stdout { Console.out(stdout) }
        if let stderr = answer.stderr { Console.raw(stderr + "\n") }
        if answer.exitCode != 0 { throw CommandExit(code: answer.exitCode) }
    }
}

/// A command's exit status other than 0, thrown up to `Main`, which exits with it.
struct CommandExit: Error, Equatable {
    var code: Int32
}
