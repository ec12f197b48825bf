import Foundation
import Testing
@testable import TappsRunner
import TappsCore
import TestSupport

@Suite struct BuiltinCacheGuardTests {
    @Test func dropsTheCacheOnlyWhenAFileWasRewrittenWithinTheCheckedSecond() throws {
        let repo = try ScratchRepository()
        let cache = repo.root + "/.git/tapps/mypy-cache"
        try repo.write(".git/tapps/mypy-cache/3.11/a.meta.json", "{}")
        try repo.write("a.py", "x = 1\n")
        let files = [RepoPath("a.py")]
        StepFixture.setModificationTime(repo.path("a.py"), seconds: 1_700_000_000, nanoseconds: 100)
        MypyCacheGuard.prepare(cacheDirectory: cache, root: repo.root, files: files).save()

        // Untouched: the cache stays.
        MypyCacheGuard.prepare(cacheDirectory: cache, root: repo.root, files: files).save()
        #expect(FileManager.default.fileExists(atPath: cache + "/3.11/a.meta.json"))

        // A later second: mypy notices by itself, the cache stays.
        StepFixture.setModificationTime(repo.path("a.py"), seconds: 1_700_000_005, nanoseconds: 100)
        MypyCacheGuard.prepare(cacheDirectory: cache, root: repo.root, files: files).save()
        #expect(FileManager.default.fileExists(atPath: cache + "/3.11/a.meta.json"))

        // Rewritten in the same second with the same size: mypy would not notice, so the cache goes.
        try repo.write("a.py", "x = 2\n")
        StepFixture.setModificationTime(repo.path("a.py"), seconds: 1_700_000_005, nanoseconds: 900)
        let guardian = MypyCacheGuard.prepare(cacheDirectory: cache, root: repo.root, files: files)
        #expect(!FileManager.default.fileExists(atPath: cache))
        guardian.save()
        #expect(guardian.readRecord()[RepoPath("a.py")] == .init(size: 6, seconds: 1_700_000_005, nanoseconds: 900))
    }

    @Test func recordKeepsAnyFileName() throws {
        let repo = try ScratchRepository()
        let raw: [UInt8] = [0x61, 0xff, 0x20, 0x62, 0x2e, 0x70, 0x79]
        try repo.write(rawName: raw, bytes: Array("x = 1\n".utf8))
        let cache = repo.root + "/.git/tapps/mypy-cache"
        MypyCacheGuard.prepare(cacheDirectory: cache, root: repo.root, files: [RepoPath(bytes: raw)]).save()
        let record = MypyCacheGuard(cacheDirectory: cache, root: repo.root, stamps: [:]).readRecord()
        #expect(record[RepoPath(bytes: raw)]?.size == 6)
    }
}
