import ArgumentParser
import TappsCore
import TappsRunner
import TappsSystem

extension GitTapps {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "The pre-commit hook: run the preset's steps on exactly the staged content.",
            discussion: """
                Tracked files hold their staged content while steps run; your unstaged work is saved under \
                refs/tapps/backup/<run> first and always put back (even after Ctrl-C; after a kill, \
                `git tapps recover`). Exit codes: 0 passed · 1 a step failed or modified files · 2 usage, \
                configuration or repository error · 3 stopped by the token budget (checkpoint saved) · 130/143 \
                interrupted (checkpoint saved). `git tapps resume` continues a checkpointed run.
                SKIP=step1,step2 skips steps; TAPPS_SKIP=1 skips the whole run.

                \(PresetGuide.summary)
                """)

        @Option(help: "The preset: a name from `git tapps presets`, or auto to let the recommender pick.")
        var preset: String?

        @Option(help: "The task description, used by --preset auto.")
        var description: String?

        @Flag(help: "Run on every tracked file instead of the staged change (CI).")
        var allFiles = false

        @Option(help: "With --to-ref: run on the files changed between two revisions (CI).")
        var fromRef: String?

        @Option(help: "With --from-ref: the end of the range.")
        var toRef: String?

        @OptionGroup var execution: ExecutionOptions

        func validate() throws {
            if (fromRef == nil) != (toRef == nil) { throw ValidationError("--from-ref and --to-ref go together") }
            if allFiles && fromRef != nil { throw ValidationError("use either --all-files or --from-ref/--to-ref") }
        }

        func run() async throws {
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
}
