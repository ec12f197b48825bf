import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Checkpoints: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoints",
            abstract: "List, show, drop or prune saved checkpoints (refs/tapps/checkpoints/<id>).",
            discussion: """
                A run stopped by the token budget (exit 3) or by SIGINT/SIGTERM (130/143) saves a checkpoint; \
                `git tapps resume` continues it. Share them with `git push origin 'refs/tapps/*'` and \
                `git fetch origin 'refs/tapps/*:refs/tapps/*'`.
                """,
            subcommands: [List.self, Show.self, Drop.self, Prune.self])

        static func session() throws -> RepositorySession {
            guard let session = try RepositorySession.open() else {
                throw TappsError.repository("not a git repository (run git tapps checkpoints inside a work tree)")
            }
            return session
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every checkpoint, newest first.")
            @OptionGroup var output: OutputOptions

            func run() throws {
                let entries = try CheckpointStore.list(in: try Checkpoints.session().repository)
                if output.format == .json {
                    Console.out(JSONValue.array(entries.map { entry in
                        switch entry {
                        case .success(let stored): CheckpointReport.summaryJSON(stored)
                        case .failure(let problem):
                            .object([("ref", .string(problem.reference)), ("error", .string(problem.message))])
                        }
                    }).serialized(pretty: output.indentsJSON))
                } else {
                    Console.out(CheckpointReport.listText(entries))
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "One checkpoint: its steps, tokens and (json) outputs.")
            @Argument(help: "The checkpoint id.") var id: String
            @OptionGroup var output: OutputOptions

            func run() throws {
                guard let stored = try CheckpointStore.load(id, in: try Checkpoints.session().repository) else {
                    throw TappsError.usage("no checkpoint '\(id)' (see git tapps checkpoints list)")
                }
                Console.out(output.format == .json ? CheckpointReport.detailJSON(stored).serialized(pretty: output.indentsJSON)
                                                   : CheckpointReport.showText(stored))
            }
        }

        struct Drop: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "drop", abstract: "Delete one checkpoint.")
            @Argument(help: "The checkpoint id.") var id: String
            @OptionGroup var output: OutputOptions

            func run() throws {
                let repository = try Checkpoints.session().repository
                guard CheckpointStore.isValidID(id), try repository.referenceTarget(CheckpointStore.reference(for: id)) != nil else {
                    throw TappsError.usage("no checkpoint '\(id)' (see git tapps checkpoints list)")
                }
                try CheckpointStore.drop(id, in: repository)
                if output.format == .json {
                    Console.out(JSONValue.object([("dropped", .array([.string(id)]))]).serialized(pretty: output.indentsJSON))
                } else {
                    Console.out("Dropped checkpoint \(id).")
                }
            }
        }

        struct Prune: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "prune", abstract: "Drop completed checkpoints, unreadable ones, and those older than --older-than days.")
            @Option(help: "Drop checkpoints whose latest state is older than this many days.")
            var olderThan = 14
            @OptionGroup var output: OutputOptions

            func validate() throws {
                if olderThan < 0 { throw ValidationError("--older-than must be zero or more days") }
            }

            func run() throws {
                let dropped = try CheckpointStore.prune(olderThan: olderThan, in: try Checkpoints.session().repository)
                if output.format == .json {
                    Console.out(JSONValue.object([("dropped", .array(dropped.map(JSONValue.string)))]).serialized(pretty: output.indentsJSON))
                } else if dropped.isEmpty {
                    Console.out("Nothing to prune.")
                } else {
                    Console.out("Dropped \(dropped.count) checkpoint\(dropped.count == 1 ? "" : "s"): \(dropped.joined(separator: ", "))")
                }
            }
        }
    }
}
