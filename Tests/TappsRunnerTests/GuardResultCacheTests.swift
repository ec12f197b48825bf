import Foundation
import Testing
import TappsCore
@testable import TappsRunner
import TappsGit
import TestSupport

/// The guard-result cache on real repositories: a blob checked once is not read again, its findings come back
/// exactly as an uncached run finds them, and anything the findings depend on (options, path kind) makes a
/// new key. The runs go through `GuardExecution.settle`, which counts the objects the guards read.
@Suite struct GuardResultCacheTests {
    // Test material is assembled at run time so that this file itself holds no marker, key or token.
    static let conflict = "line\n" + String(repeating: "<", count: 7) + " HEAD\nmine\n" + String(repeating: "=", count: 7)
        + "\ntheirs\n" + String(repeating: ">", count: 7) + " feature\n"
    static let privateKey = "-----BEGIN RSA " + "PRIVATE KEY-----\n"
        + "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n-----END RSA " + "PRIVATE KEY-----\n"
    static let token = "ghp_" + String(repeating: "a1B2", count: 9)
    static let otherToken = "ghp_" + String(repeating: "z9Y8", count: 9)
    /// Valid as tsconfig-style JSON (comments, trailing comma), invalid as plain JSON: one blob, two path kinds.
    static let lenientJSON = "{\n  // a comment\n  \"a\": 1,\n}\n"

    /// A staged change of new files: harmless ones (enough for the two-thread visit) and one failing case per guard.
    static let files: [String: String] = {
        var files: [String: String] = [
            "merge.txt": conflict, "deploy/id_rsa": privateKey, "src/settings.py": "TOKEN = \"\(token)\"\n",
            "config/app.json": "{\"port\": 80,}\n", "deploy.yaml": "a: 1\n b: 2\n", "pyproject.toml": "[p]\nx = 1\nx = 2\n",
            "tsconfig.json": lenientJSON, "data/strict.json": lenientJSON,
        ]
        for number in 0..<60 { files["notes/n\(number).txt"] = "note \(number)\nnothing here\n" }
        for number in 0..<10 { files["conf/c\(number).yaml"] = "key: \(number)\nlist: [1, 2]\n" }
        return files
    }()

    static func repository(staging: [String: String] = files) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("README.md", "# Project\n")
        try repo.commitAll("base")
        for (path, content) in staging { try repo.write(path, content) }
        try repo.write("data.bin", bytes: [0x00, 0x01] + Array(conflict.utf8))
        try repo.git("add", "-A")
        return repo
    }

    static func config(_ yaml: String = "") throws -> TappsConfig { try ConfigLoader.parse(yaml) }

    /// The native guards of the comprehensive preset (secrets included) on the staged change.
    static func settle(_ repo: ScratchRepository, config: TappsConfig? = nil, useCache: Bool = true) throws -> GuardExecution.Settled {
        let config = try config ?? Self.config()
        let session = RepositorySession(repository: try Repository.open(at: repo.root), root: repo.root, config: config)
        let names = try repo.git("diff", "--cached", "--name-only").split(separator: "\n").map { RepoPath(String($0)) }
        let plan = StepPlanner.plan(preset: BuiltInPresets.comprehensive, config: config, files: names,
                                    allTrackedFiles: { [] }, skip: [])
        return GuardExecution.settle(plan.run.filter { $0.check?.isNative == true }, session: session, scope: .staged,
                                     environment: [:], useCache: useCache)
    }

    /// What a user sees of the results: names, statuses, notes and every finding (durations aside).
    static func seen(_ settled: GuardExecution.Settled) -> [String] {
        settled.results.map { result in
            "\(result.name) \(result.status) \(result.note ?? "-")\n" + result.findings.map {
                "  \($0.file?.string ?? "-"):\($0.line ?? -1):\($0.column ?? -1) \($0.severity) \($0.code ?? "-") \($0.message)"
            }.joined(separator: "\n")
        }
    }

    static func cacheFile(_ repo: ScratchRepository) -> String { repo.path(".git/tapps/cache/guards") }

    @Test func aSecondRunOnTheSameStagedChangeReadsNoBlobAndFindsTheSame() throws {
        let repo = try Self.repository()
        let uncached = try Self.settle(repo, useCache: false)
        let first = try Self.settle(repo)
        let second = try Self.settle(repo)
        #expect(first.objectReads >= Self.files.count + 1, "every staged blob is read once: \(first.objectReads)")
        #expect(second.objectReads == 0, "the second run reads nothing: \(second.objectReads)")
        #expect(Self.seen(second) == Self.seen(uncached) && Self.seen(first) == Self.seen(uncached))
        let seen = Self.seen(second).joined(separator: "\n")
        for expected in ["merge.txt:2:1", "merge.txt:4:1", "merge.txt:6:1", "deploy/id_rsa:1:1", "src/settings.py:1:",
                         "config/app.json:1:", "deploy.yaml:2:", "pyproject.toml:3:1", "data/strict.json:2:"] {
            #expect(seen.contains(expected), "\(expected) in \(seen)")
        }
        #expect(!seen.contains("tsconfig.json") && !seen.contains("data.bin"), "the same blob as tsconfig.json passes; binary is not read: \(seen)")
        #expect(GuardResultCache.storedEntries(at: Self.cacheFile(repo)) == Self.files.count + 1,
                "a record per staged file: the lenient JSON blob under two path kinds, and data.bin")
        #expect(repo.read(".git/tapps/cache/guards") == nil, "a change of fewer files than the journal takes is appended to it")
    }

    @Test func restagingOneFileReadsOnlyThatBlob() throws {
        let repo = try Self.repository()
        let first = try Self.settle(repo)
        try repo.write("notes/n7.txt", "changed\n" + Self.conflict)
        try repo.git("add", "notes/n7.txt")
        let second = try Self.settle(repo)
        #expect(second.objectReads == 1, "\(second.objectReads)")
        #expect(Self.seen(second) == Self.seen(try Self.settle(repo, useCache: false)))
        #expect(Self.seen(second).joined().contains("notes/n7.txt:3:1") && !Self.seen(first).joined().contains("notes/n7.txt"))
    }

    @Test func aModifiedFilesSecretsAreStillKeptToItsAddedLines() throws {
        let repo = try Self.repository(staging: [:])
        try repo.write("src/keys.py", "OLD = \"\(Self.token)\"\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "an old token")
        try repo.write("src/keys.py", "OLD = \"\(Self.token)\"\nx = 1\nNEW = \"\(Self.otherToken)\"\n")
        try repo.git("add", "src/keys.py")
        let uncached = Self.seen(try Self.settle(repo, useCache: false))
        let first = try Self.settle(repo)
        let second = try Self.settle(repo)
        #expect(Self.seen(first) == uncached && Self.seen(second) == uncached)
        let secrets = second.results.first { $0.name == "secrets" }
        #expect(secrets?.findings.map(\.line) == [3], "only the added line: \(uncached)")
        #expect(second.objectReads == 2, "the diff against HEAD still reads both sides, only because of the finding: \(second.objectReads)")
    }

    @Test func changingTheSecretsAllowListMakesNewKeys() throws {
        let repo = try Self.repository()
        let plain = try Self.settle(repo)
        let allowing = try Self.config("builtins:\n  secrets:\n    allow: ['^ghp_a1B2']\n")
        let allowed = try Self.settle(repo, config: allowing)
        #expect(allowed.objectReads == plain.objectReads, "other options, other keys: every blob is read again")
        #expect(Self.seen(allowed) == Self.seen(try Self.settle(repo, config: allowing, useCache: false)))
        #expect(!Self.seen(allowed).joined().contains("src/settings.py") && Self.seen(plain).joined().contains("src/settings.py"))
        let again = try Self.settle(repo)
        #expect(again.objectReads == 0 && Self.seen(again) == Self.seen(plain), "the entries of the first options are still there")
        // Options the single-file guards do not read keep the keys.
        let larger = try Self.settle(repo, config: try Self.config("builtins:\n  large-files:\n    max_kb: 900\n"))
        #expect(larger.objectReads == 0)
    }

    @Test func aCorruptTruncatedOrForeignCacheFileIsIgnoredAndRebuilt() throws {
        let repo = try Self.repository()
        let uncached = Self.seen(try Self.settle(repo, useCache: false))
        _ = try Self.settle(repo)
        for name in ["guards.journal", "guards"] {
            // First the journal the run appended to; damaging it folds it into the sorted file, which is damaged next.
            let good = try #require(repo.read(".git/tapps/cache/" + name), "\(name) was written")
            var flipped = good
            flipped[good.count / 2] ^= 0x01
            var foreign = good
            foreign[name == "guards" ? 4 : 8] = 0x7F
            for damaged in [Array(good.prefix(good.count - 9)), flipped, foreign, Array("garbage".utf8), []] {
                // Only the damaged file holds the entries: the other one is removed.
                try? FileManager.default.removeItem(atPath: repo.path(".git/tapps/cache/" + (name == "guards" ? "guards.journal" : "guards")))
                try repo.write(".git/tapps/cache/" + name, bytes: damaged)
                let run = try Self.settle(repo)
                #expect(Self.seen(run) == uncached)
                #expect(run.objectReads >= Self.files.count + 1, "nothing is trusted from a damaged \(name)")
                #expect(GuardResultCache.storedEntries(at: Self.cacheFile(repo)) == Self.files.count + 1, "rebuilt")
                #expect(try Self.settle(repo).objectReads == 0, "and used again")
                if name == "guards.journal", damaged.isEmpty {
                    // Put the sorted file back for the second half (the last damaged journal was empty: nothing folded).
                    let cache = GuardResultCache(path: Self.cacheFile(repo), secretsAllow: [], journalLimit: 0)
                    cache.learn(Self.key(1), Self.result(1))
                    cache.save()
                }
            }
        }
    }

    @Test func noCacheNeitherReadsNorWritesIt() throws {
        let repo = try Self.repository()
        let first = try Self.settle(repo, useCache: false)
        #expect(repo.read(".git/tapps/cache/guards") == nil)
        _ = try Self.settle(repo)
        let bypassed = try Self.settle(repo, useCache: false)
        #expect(bypassed.objectReads == first.objectReads && Self.seen(bypassed) == Self.seen(first))
    }

    // MARK: - The file: size cap and concurrent writers

    static func key(_ number: Int) -> GuardResultFile.Key {
        GuardResultFile.Key(objectID: SHA256.hash(Array("blob \(number)".utf8)).prefix(20).map { $0 }, kind: 0, settings: 1)!
    }

    static func result(_ number: Int) -> GuardResultFile.Result {
        .init(isBinary: false, size: number, findings: [[], [], nil, [Finding(file: nil, line: number, column: 1, message: "m\(number)")]])
    }

    @Test func pastTheCapTheLeastRecentlyUsedGo() throws {
        let repo = try ScratchRepository()
        let path = Self.cacheFile(repo)
        let first = GuardResultCache(path: path, secretsAllow: [], maxEntries: 10, keptAfterPruning: 6, journalLimit: 0)
        for number in 0..<8 { first.learn(Self.key(number), Self.result(number)) }
        first.save()
        let second = GuardResultCache(path: path, secretsAllow: [], maxEntries: 10, keptAfterPruning: 6, journalLimit: 0)
        #expect(second.lookup(Self.key(2), checks: [.conflictMarkers, .secrets]) == Self.result(2))
        #expect(second.lookup(Self.key(5), checks: [.privateKeys]) == Self.result(5))
        #expect(second.lookup(Self.key(5), checks: [.syntax]) == nil, "syntax was not run on it")
        for number in 8..<11 { second.learn(Self.key(number), Self.result(number)) }
        second.save()
        let file = try #require(GuardResultFile(bytes: repo.read(".git/tapps/cache/guards") ?? []))
        #expect(file.count == 6)
        for number in [2, 5, 8, 9, 10] { #expect(file.lookup(Self.key(number)) == Self.result(number), "\(number) was used last") }
        #expect([0, 1, 3, 4, 6, 7].count { file.lookup(Self.key($0)) != nil } == 1)
    }

    @Test func twoRunsThatLoadedTheSameFileBothKeepWhatTheyLearnt() throws {
        for limit in [0, 512] {
            let repo = try ScratchRepository()
            let path = Self.cacheFile(repo)
            let one = GuardResultCache(path: path, secretsAllow: [], journalLimit: limit)
            let other = GuardResultCache(path: path, secretsAllow: [], journalLimit: limit)
            one.learn(Self.key(1), Self.result(1))
            other.learn(Self.key(2), Self.result(2))
            one.save()
            other.save()
            let later = GuardResultCache(path: path, secretsAllow: [])
            #expect(later.lookup(Self.key(1), checks: [.secrets]) == Self.result(1), "journal limit \(limit)")
            #expect(later.lookup(Self.key(2), checks: [.secrets]) == Self.result(2), "journal limit \(limit)")
            #expect(!later.hasNews)
            #expect((repo.read(".git/tapps/cache/guards.journal") == nil) == (limit == 0), "folded only past the limit")
        }
    }

    @Test func aSmallRunAppendsToTheJournalAndALargeOneFoldsItIntoTheSortedFile() throws {
        let repo = try ScratchRepository()
        let path = Self.cacheFile(repo)
        for number in 0..<3 {
            let cache = GuardResultCache(path: path, secretsAllow: [], journalLimit: 4)
            cache.learn(Self.key(number), Self.result(number))
            cache.save()
        }
        #expect(repo.read(".git/tapps/cache/guards") == nil && GuardResultCache.storedEntries(at: path) == 3)
        let journal = try #require(repo.read(".git/tapps/cache/guards.journal"))
        let large = GuardResultCache(path: path, secretsAllow: [], journalLimit: 4)
        for number in 3..<5 { large.learn(Self.key(number), Self.result(number)) }
        large.save()
        #expect(repo.read(".git/tapps/cache/guards.journal") == nil)
        let file = try #require(GuardResultFile(bytes: repo.read(".git/tapps/cache/guards") ?? []))
        #expect(file.count == 5 && (0..<5).allSatisfy { file.lookup(Self.key($0)) == Self.result($0) })
        // A journal whose last append was torn keeps the records before it.
        try repo.write(".git/tapps/cache/guards.journal", bytes: journal + GuardResultJournal.record([], generation: 9).dropLast())
        #expect(GuardResultJournal.entries(try #require(repo.read(".git/tapps/cache/guards.journal"))).entries.count == 3)
    }
}
