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

        @OptionGroup var execution: ExecutionOptions

        func run() async throws {
            try execution.finish(try await ResumeRunner.resume(id: id, options: execution.runOptions))
        }
    }
}
