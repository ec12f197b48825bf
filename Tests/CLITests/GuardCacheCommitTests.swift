import Foundation
import Testing
import TestSupport

/// The guard-result cache through the built binary and real `git commit`s: a failing change checked once is
/// still blocked with the same findings when its blobs can no longer be read at all (so they were not read),
/// `--no-cache` does read them, `cache stats` counts the entries and `cache clear` removes them.
@Suite struct GuardCacheCommitTests {
    static let staged: [String: String] = [
        "merge.txt": GuardCommitTests.conflict, "deploy/id_rsa": GuardCommitTests.privateKey,
        "src/settings.py": "TOKEN = \"\(GuardCommitTests.githubToken)\"\n", "config/app.json": "{\"port\": 80,}\n",
        "notes/a.txt": "fine\n", "notes/b.yaml": "a: 1\n", "notes/c.toml": "a = 1\n",
    ]

    /// The findings of `git tapps run --format json`, one line each, and the guards' statuses and notes.
    static func findings(_ repo: ScratchRepository, _ extra: [String] = []) throws -> (status: Int32, lines: [String]) {
        let result = try repo.tapps(["run", "--preset", "comprehensive", "--format", "json"] + extra)
        let object = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any]
        var lines: [String] = []
        for step in object?["steps"] as? [[String: Any]] ?? [] {
            lines.append("\(step["name"] ?? "") \(step["status"] ?? "") \(step["note"] ?? "-")")
            for finding in step["findings"] as? [[String: Any]] ?? [] {
                lines.append("  \(finding["file"] ?? "-"):\(finding["line"] ?? "-"):\(finding["column"] ?? "-") \(finding["code"] ?? "-") \(finding["message"] ?? "")")
            }
        }
        return (result.status, lines)
    }

    /// Replaces every staged blob's loose object with bytes that are no object at all.
    static func destroyStagedObjects(_ repo: ScratchRepository) throws {
        for path in staged.keys {
            let id = try repo.git("rev-parse", ":" + path).trimmingCharacters(in: .whitespacesAndNewlines)
            let object = repo.path(".git/objects/" + id.prefix(2) + "/" + id.dropFirst(2))
            try FileManager.default.removeItem(atPath: object)
            try Data("not a zlib stream".utf8).write(to: URL(fileURLWithPath: object))
        }
    }

    @Test func aCachedFailingChangeIsStillBlockedWithTheSameFindingsWithoutReadingABlob() throws {
        let repo = try GuardCommitTests.repository(config: "preset: comprehensive\nbuiltins: [conflict-markers, large-files, private-keys, case-conflicts, syntax, secrets]\n")
        for (path, content) in Self.staged { try repo.write(path, content) }
        try repo.git(["add", "--"] + Self.staged.keys.sorted())
        let environment = RunCommandTests.hookEnvironment
        let blocked = try InstallSupport.commit(repo, environment: environment)
        #expect(try InstallSupport.commitCount(repo) == 1, "\(blocked.outputText)")
        let before = try Self.findings(repo)
        #expect(before.status == 1)
        let text = before.lines.joined(separator: "\n")
        for expected in ["merge.txt:2:1", "deploy/id_rsa:1:1", "src/settings.py:1:", "config/app.json:1:", "conflict-markers failed",
                         "private-keys failed", "secrets failed", "syntax failed", "large-files passed"] {
            #expect(text.contains(expected), "\(expected) in \(text)")
        }

        try Self.destroyStagedObjects(repo)
        let again = try InstallSupport.commit(repo, environment: environment)
        #expect(try InstallSupport.commitCount(repo) == 1, "still blocked: \(again.outputText)")
        let hookLines = { (output: String) in output.split(separator: "\n").filter { $0.contains(":") && !$0.contains(" ms") && !$0.contains("s)") } }
        #expect(hookLines(blocked.outputText + blocked.errorText).count >= 6, "\(blocked.outputText) \(blocked.errorText)")
        #expect(hookLines(again.outputText + again.errorText) == hookLines(blocked.outputText + blocked.errorText),
                "the hook prints the same findings:\n\(again.outputText)\n---\n\(blocked.outputText)")
        #expect(try Self.findings(repo).lines == before.lines, "identical findings from the cache")

        // The objects really are unreadable: without the cache, the guards cannot read the staged content.
        let uncached = try Self.findings(repo, ["--no-cache"])
        #expect(uncached.status == 1 && uncached.lines.contains { $0.contains("error cannot read the staged content") }, "\(uncached.lines)")

        let stats = try CacheCommandTests.stats(repo)
        #expect(stats["guard_entries"] as? Int == Self.staged.count, "\(stats)")
        #expect((stats["guard_bytes"] as? Int ?? 0) > 0)
        let clear = try repo.tapps(["cache", "clear", "--format", "json"])
        let cleared = try JSONSerialization.jsonObject(with: Data(clear.output)) as? [String: Any]
        #expect(cleared?["removed_guard_entries"] as? Int == Self.staged.count, "\(clear.outputText)")
        #expect(!FileManager.default.fileExists(atPath: repo.path(".git/tapps/cache/guards")))
        #expect(try CacheCommandTests.stats(repo)["guard_entries"] as? Int == 0)
        let afterClear = try Self.findings(repo)
        #expect(afterClear.lines.contains { $0.contains("error cannot read the staged content") }, "nothing cached any more: \(afterClear.lines)")
    }

    @Test func aFixedFileIsReadAgainAndTheCommitGoesThrough() throws {
        let repo = try GuardCommitTests.repository()
        try repo.write("merge.txt", GuardCommitTests.conflict)
        try repo.write("notes.txt", "fine\n")
        try repo.git("add", "merge.txt", "notes.txt")
        let environment = RunCommandTests.hookEnvironment
        _ = try InstallSupport.commit(repo, environment: environment)
        #expect(try InstallSupport.commitCount(repo) == 1, "blocked by the conflict")
        try repo.write("merge.txt", "resolved\n")
        try repo.git("add", "merge.txt")
        let fixed = try InstallSupport.commit(repo, environment: environment)
        #expect(try InstallSupport.commitCount(repo) == 2, "\(fixed.outputText) \(fixed.errorText)")
    }
}
