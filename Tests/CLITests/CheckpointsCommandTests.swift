import Foundation
import Testing
import TestSupport

/// `git tapps checkpoints list|show|drop|prune`.
@Suite struct CheckpointsCommandTests {
    @Test func listIsAnEmptyJSONArrayWithoutCheckpoints() throws {
        let repo = try CheckpointSupport.budgetRepository()
        let list = try repo.tapps(["checkpoints", "list", "--format", "json"])
        #expect(list.status == 0)
        #expect(try CheckpointSupport.json(list.outputText) as? [Any] != nil)
        #expect((try CheckpointSupport.json(list.outputText) as? [Any])?.isEmpty == true)
        #expect(try repo.tapps(["checkpoints", "list"]).outputText == "No checkpoints.\n")
    }

    @Test func listShowDropAndPrune() throws {
        let repo = try CheckpointSupport.budgetRepository()
        for _ in 0..<3 { #expect(try repo.tapps(["run", "--jobs", "1", "--no-cache"]).status == 3) }
        let ids = try CheckpointSupport.checkpointIDs(repo)
        #expect(ids.count == 3)

        let list = try repo.tapps(["checkpoints", "list", "--format", "json"])
        let entries = try #require(try CheckpointSupport.json(list.outputText) as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["id"] as? String }) == Set(ids))
        #expect(entries.allSatisfy { $0["pending_steps"] as? [String] == ["b"] && $0["resumable"] as? Bool == true })
        let text = try repo.tapps(["checkpoints", "list"]).outputText
        #expect(ids.allSatisfy(text.contains) && text.contains("budget, 1 pending"), "\(text)")

        let show = try repo.tapps(["checkpoints", "show", ids[0], "--format", "json"])
        #expect(show.status == 0)
        let detail = try #require(try CheckpointSupport.json(show.outputText) as? [String: Any])
        let steps = try #require(detail["steps"] as? [[String: Any]])
        #expect(steps.first?["output"] as? String == "output of a\n", "show gives the full output")
        let showText = try repo.tapps(["checkpoints", "show", ids[0]]).outputText
        #expect(showText.contains("pending  b") && showText.contains("git tapps resume \(ids[0])"), "\(showText)")
        #expect(try repo.tapps(["checkpoints", "show", "nope"]).status == 2)

        #expect(try repo.tapps(["checkpoints", "drop", ids[0]]).status == 0)
        #expect(try CheckpointSupport.checkpointIDs(repo) == Array(ids.dropFirst()))
        #expect(try repo.tapps(["checkpoints", "drop", ids[0]]).status == 2)

        // A completed one and an unreadable ref go with prune; a fresh resumable one stays.
        #expect(try repo.tapps(["resume", ids[1]]).status == 0)
        try repo.git("update-ref", "refs/tapps/checkpoints/junk", "HEAD")
        let listed = try repo.tapps(["checkpoints", "list", "--format", "json"])
        #expect(listed.status == 0, "an unreadable ref does not break list")
        #expect(listed.outputText.contains("refs/tapps/checkpoints/junk"))
        let prune = try repo.tapps(["checkpoints", "prune", "--format", "json"])
        #expect(prune.status == 0, "\(prune.errorText)")
        let pruned = try #require(try CheckpointSupport.json(prune.outputText) as? [String: Any])
        #expect(Set(pruned["dropped"] as? [String] ?? []) == [ids[1], "junk"])
        #expect(try CheckpointSupport.checkpointIDs(repo) == [ids[2]])
    }

    @Test func pruneDropsCheckpointsOlderThanTheCutoff() throws {
        let repo = try CheckpointSupport.budgetRepository()
        #expect(try repo.tapps(["run", "--jobs", "1"]).status == 3)
        let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)
        // Rewrite the state with an old created_at, as plain git objects (what a fetched checkpoint looks like).
        let old = try repo.git("show", "refs/tapps/checkpoints/\(id):checkpoint.json")
            .replacing(/"created_at": "[^"]*"/, with: "\"created_at\": \"2020-01-01T00:00:00Z\"")
            .replacingOccurrences(of: id, with: "old")
        try repo.write(".git/old.json", old)
        let blob = try repo.git("hash-object", "-w", ".git/old.json").trimmingCharacters(in: .whitespacesAndNewlines)
        let index = ["GIT_INDEX_FILE": repo.path(".git/old-index")]
        try repo.git(["update-index", "--add", "--cacheinfo", "100644,\(blob),checkpoint.json"], environment: index)
        let tree = try repo.git(["write-tree"], environment: index).trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try repo.git("commit-tree", tree, "-m", "old").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("update-ref", "refs/tapps/checkpoints/old", commit)

        #expect(try repo.tapps(["checkpoints", "prune", "--older-than", "36500"]).status == 0)
        #expect(Set(try CheckpointSupport.checkpointIDs(repo)) == [id, "old"], "nothing is that old")
        let prune = try repo.tapps(["checkpoints", "prune"])
        #expect(prune.outputText.contains("Dropped 1 checkpoint: old"), "\(prune.outputText)")
        #expect(try CheckpointSupport.checkpointIDs(repo) == [id])
    }
}
