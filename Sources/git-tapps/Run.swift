import ArgumentParser
import TappsCore
import TappsRunner

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

        /// The plain values both parsers produce.
        var arguments: RunArguments {
            RunArguments(preset: preset, description: description, allFiles: allFiles, fromRef: fromRef, toRef: toRef,
                         execution: execution.settings)
        }

        func validate() throws {
            if let invalidity = arguments.invalidity { throw ValidationError(invalidity) }
        }

        func run() async throws {
            try await arguments.perform()
        }
    }
}
