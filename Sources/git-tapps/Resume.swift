import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Continue a run stopped by the token budget or a signal: run only its pending steps.",
            discussion: """
                The checkpoint's staged content must still be staged (otherwise exit 2: run `git tapps run` \
                again). Pending steps run with the commands of this repository's .tapps.yaml and built-ins, \
                matched by name; commands are never taken from the checkpoint. Results of the steps that \
                already finished are carried into the report. Exit codes as `git tapps run`; when every \
                step has run, the checkpoint is marked completed (`git tapps checkpoints prune` removes it).
                """)

        @Argument(help: "The checkpoint id (default: the newest resumable one; see `git tapps checkpoints list`).")
        var id: String?

        @Option(help: "Steps to run in parallel at most (default: the number of cores).")
        var jobs: Int?

        @Option(help: "Token budget for the resumed steps (default: .tapps.yaml budget:, else unlimited).")
        var budget: Int?

        @Flag(help: "Show every finding and full step output instead of the short report.")
        var full = false

        @Flag(help: "Neither reuse nor record cached step results: run every pending step.")
        var noCache = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
            if let budget, budget < 1 { throw ValidationError("--budget must be a positive number of tokens") }
        }

        func run() async throws {
            var options = RunOptions()
            options.jobs = jobs
            options.budget = budget
            options.useCache = !noCache
            options.skip = Set((Environment.value("SKIP") ?? "").split(separator: ",").map {
                String($0).trimmingCharacters(in: " ")
            }.filter { !$0.isEmpty })
            options.interactive = output.format == .text && Console.isTerminal(2)
            options.fullOutput = full
            let color = output.format == .text && Console.isTerminal(1) && Environment.value("NO_COLOR") == nil
            let summary = try await ResumeRunner.resume(id: id, options: options)
            if output.format == .json {
                Console.out(RunReport.json(summary).serialized())
            } else {
                Console.out(RunReport.text(summary, color: color, full: full))
            }
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }
    }
}
