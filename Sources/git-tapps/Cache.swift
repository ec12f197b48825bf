import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Cache: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cache",
            abstract: "Statistics for, or clear, the step-result cache (<git-common-dir>/tapps/cache).",
            discussion: """
                `git tapps run` reports a step that passed on identical input as passed ("cached: passed on \
                <date>") without running it again. Only passes are cached; `--no-cache` neither reads nor \
                writes the cache; a step with `cache: false` is never cached. The native guards keep what they \
                found in each staged blob there too (`guards`), so a blob checked once is not read again.
                """,
            subcommands: [Stats.self, Clear.self])

        static func store() throws -> StepResultCache {
            guard let session = try RepositorySession.open() else {
                throw TappsError.repository("not a git repository (run git tapps cache inside a work tree)")
            }
            return StepResultCache(directory: StepResultCache.directory(for: session.repository))
        }

        struct Stats: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "stats", abstract: "Entries, bytes, hits, misses and hit rate.")
            @OptionGroup var output: OutputOptions

            func run() throws {
                let statistics = try Cache.store().statistics()
                Console.out(output.format == .json ? statistics.json.serialized(pretty: output.indentsJSON) : statistics.text)
            }
        }

        struct Clear: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "clear", abstract: "Remove every cached result (the guards' too) and reset the counters.")
            @OptionGroup var output: OutputOptions

            func run() throws {
                let before = try Cache.store().clear()
                if output.format == .json {
                    Console.out(JSONValue.object([("removed_entries", .int(before.entries)),
                                                  ("removed_bytes", .int(before.bytes)),
                                                  ("removed_guard_entries", .int(before.guardEntries))]).serialized(pretty: output.indentsJSON))
                } else {
                    Console.out("Removed \(before.entries) cached result\(before.entries == 1 ? "" : "s") (\(before.bytes) bytes)"
                        + (before.guardEntries > 0 ? " and the guards' results for \(before.guardEntries) blob\(before.guardEntries == 1 ? "" : "s")." : "."))
                }
            }
        }
    }
}
