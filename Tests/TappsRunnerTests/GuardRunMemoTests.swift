import Foundation
import Testing
import TappsCore
@testable import TappsRunner
import TappsGit
import TestSupport

/// A staged change that passed the native guards, checked again, is answered whole from `guards.runs`: no blob is
/// looked up or read. Anything the results depend on — the index, HEAD, the guards planned, their options — makes
/// another key, and a change with findings is never kept whole. On real repositories through `GuardExecution.settle`.
@Suite struct GuardRunMemoTests {
    static let passing: [String: String] = {
        var files: [String: String] = ["docs/guide.md": "# Guide\n\nSee [the readme](../README.md) and [below](#guide).\n",
                                       "conf/app.json": "{\"port\": 80}\n", "pyproject.toml": "[p]\nx = 1\n",
                                       "notes/big.txt": String(repeating: "three kilobytes\n", count: 200)]
        for number in 0..<60 { files["notes/n\(number).txt"] = "note \(number)\nnothing here\n" }
        for number in 0..<10 { files["conf/c\(number).yaml"] = "key: \(number)\nlist:\n  - 1\n  - 2\n" }
        return files
    }()

    static func memoFile(_ repo: ScratchRepository) -> String { repo.path(".git/tapps/cache/guards.runs") }

    static func removeBlobCache(_ repo: ScratchRepository) {
        for name in ["guards", "guards.journal"] { try? FileManager.default.removeItem(atPath: repo.path(".git/tapps/cache/" + name)) }
    }

    @Test func aPassingChangeCheckedAgainIsAnsweredWholeWithoutLookingUpABlob() throws {
        let repo = try GuardResultCacheTests.repository(staging: Self.passing)
        let uncached = GuardResultCacheTests.seen(try GuardResultCacheTests.settle(repo, useCache: false))
        #expect(!FileManager.default.fileExists(atPath: Self.memoFile(repo)), "--no-cache writes nothing")
        let first = try GuardResultCacheTests.settle(repo)
        #expect(first.objectReads > Self.passing.count && GuardResultCacheTests.seen(first) == uncached)
        #expect(FileManager.default.fileExists(atPath: Self.memoFile(repo)))
        // Without the per-blob cache, only the memo can spare the reads.
        Self.removeBlobCache(repo)
        let second = try GuardResultCacheTests.settle(repo)
        #expect(second.objectReads == 0 && GuardResultCacheTests.seen(second) == uncached)
        #expect(repo.read(".git/tapps/cache/guards.journal") == nil && repo.read(".git/tapps/cache/guards") == nil,
                "no blob was looked up, so nothing was learnt")
        #expect(uncached.allSatisfy { $0.contains(" passed ") }, "\(uncached)")
    }

    @Test func anotherIndexHeadPlanOrOptionIsAnotherKey() throws {
        let repo = try GuardResultCacheTests.repository(staging: Self.passing)
        _ = try GuardResultCacheTests.settle(repo)
        // Another index: a restaged file is read (through the per-blob cache, the rest from it).
        try repo.write("notes/n3.txt", "changed\n")
        try repo.git("add", "notes/n3.txt")
        let restaged = try GuardResultCacheTests.settle(repo)
        #expect(restaged.objectReads == 1, "\(restaged.objectReads)")
        // A conflict marker staged into the memoised change is found.
        try repo.write("notes/n4.txt", "a\n" + String(repeating: "<", count: 7) + " HEAD\nb\n")
        try repo.git("add", "notes/n4.txt")
        let failing = try GuardResultCacheTests.settle(repo)
        #expect(GuardResultCacheTests.seen(failing) == GuardResultCacheTests.seen(try GuardResultCacheTests.settle(repo, useCache: false)))
        #expect(GuardResultCacheTests.seen(failing).joined().contains("notes/n4.txt:2:1"))
        try repo.write("notes/n4.txt", "fixed\n")
        try repo.git("add", "notes/n4.txt")
        _ = try GuardResultCacheTests.settle(repo)
        // Other options on the same index: another key.
        let small = try GuardResultCacheTests.config("builtins:\n  large-files:\n    max_kb: 1\n")
        let limited = try GuardResultCacheTests.settle(repo, config: small)
        #expect(GuardResultCacheTests.seen(limited) == GuardResultCacheTests.seen(try GuardResultCacheTests.settle(repo, config: small, useCache: false)))
        #expect(GuardResultCacheTests.seen(limited).joined().contains("large-files failed"), "\(GuardResultCacheTests.seen(limited))")
        // Another HEAD with the index untouched: another key.
        let before = GuardResultCacheTests.seen(try GuardResultCacheTests.settle(repo))
        let tree = try repo.git("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try repo.git("commit-tree", tree, "-m", "everything staged").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("update-ref", "HEAD", commit)
        let moved = try GuardResultCacheTests.settle(repo)
        #expect(GuardResultCacheTests.seen(moved) == GuardResultCacheTests.seen(try GuardResultCacheTests.settle(repo, useCache: false)))
        #expect(GuardResultCacheTests.seen(moved) != before, "nothing is staged against the new HEAD: \(GuardResultCacheTests.seen(moved))")
    }

    @Test func aChangeWithFindingsIsNeverKeptWholeAndADamagedMemoIsIgnored() throws {
        let failing = try GuardResultCacheTests.repository()
        _ = try GuardResultCacheTests.settle(failing)
        _ = try GuardResultCacheTests.settle(failing)
        #expect(!FileManager.default.fileExists(atPath: Self.memoFile(failing)), "findings are judged blob by blob every time")

        let repo = try GuardResultCacheTests.repository(staging: Self.passing)
        let uncached = GuardResultCacheTests.seen(try GuardResultCacheTests.settle(repo, useCache: false))
        _ = try GuardResultCacheTests.settle(repo)
        let good = try #require(repo.read(".git/tapps/cache/guards.runs"))
        var flipped = good
        flipped[good.count - 3] ^= 0x04
        for damaged in [flipped, Array(good.prefix(good.count - 5)), Array("garbage".utf8), []] {
            try repo.write(".git/tapps/cache/guards.runs", bytes: damaged)
            Self.removeBlobCache(repo)
            let run = try GuardResultCacheTests.settle(repo)
            #expect(GuardResultCacheTests.seen(run) == uncached)
            #expect(run.objectReads > Self.passing.count, "nothing is trusted from a damaged memo")
            #expect(try GuardResultCacheTests.settle(repo).objectReads == 0, "rewritten and used again")
        }
        StepResultCache(directory: StepResultCache.directory(for: try Repository.open(at: repo.root))).clear()
        #expect(!FileManager.default.fileExists(atPath: Self.memoFile(repo)), "git tapps cache clear removes it")
    }
}
