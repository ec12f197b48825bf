import Foundation
import Testing
import TestSupport
@testable import TappsGit

/// The index-file reader against indexes git itself wrote.
@Suite struct IndexFileTests {
    private func makeRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "a\n")
        try repo.write("dir/b.txt", "b\n")
        try repo.write("dir/sub/c.txt", "c\n")
        try repo.write("dir-x/d.txt", "d\n")
        try repo.write(rawName: [0x6E, 0x0A, 0xFF], bytes: [0x31])
        try repo.commitAll("base")
        return repo
    }

    private func paths(_ file: IndexFile) -> [[UInt8]] { file.entries.map { Array(file.path($0)) } }

    private func gitPaths(_ repo: ScratchRepository) throws -> [[UInt8]] {
        try repo.gitBytes(["ls-files", "-s", "-z"]).split(separator: 0).map {
            Array($0.drop { $0 != UInt8(ascii: "\t") }.dropFirst())
        }
    }

    @Test(arguments: ["2", "3", "4"])
    func readsEveryEntryOfEachVersion(version: String) throws {
        let repo = try makeRepository()
        try repo.git("update-index", "--index-version", version)
        let file = try #require(IndexFile.read(at: repo.path(".git/index")))
        #expect(paths(file) == (try gitPaths(repo)))
        let modes = file.entries.map(\.mode)
        #expect(modes.allSatisfy { $0 == 0o100644 })
    }

    @Test func intentToAddAndStagesAreRead() throws {
        let repo = try makeRepository()
        try repo.write("later.txt", "x\n")
        try repo.git("add", "-N", "later.txt")
        let file = try #require(IndexFile.read(at: repo.path(".git/index")))
        let later = try #require(file.entries.first { Array(file.path($0)) == Array("later.txt".utf8) })
        #expect(later.isIntentToAdd)
        #expect(file.entries.filter(\.isIntentToAdd).count == 1)
    }

    @Test func theCacheTreeMatchesHeadUntilAPathIsAdded() throws {
        let repo = try makeRepository()
        let file = try #require(IndexFile.read(at: repo.path(".git/index")))
        let root = try #require(file.cacheTree)
        #expect(hex(file, root.idOffset) == (try repo.git("rev-parse", "HEAD^{tree}")).trimmingCharacters(in: .whitespacesAndNewlines))
        let sub = try #require(root.children[Array("dir".utf8)]?.children[Array("sub".utf8)])
        #expect(hex(file, sub.idOffset) == (try repo.git("rev-parse", "HEAD:dir/sub")).trimmingCharacters(in: .whitespacesAndNewlines))

        try repo.write("dir/sub/c.txt", "changed\n")
        try repo.git("add", "dir/sub/c.txt")
        let changed = try #require(IndexFile.read(at: repo.path(".git/index")))
        let changedRoot = try #require(changed.cacheTree)
        #expect(changedRoot.idOffset == nil)
        #expect(changedRoot.children[Array("dir".utf8)]?.idOffset == nil)
        #expect(changedRoot.children[Array("dir-x".utf8)]?.idOffset != nil)
    }

    @Test func aMissingIndexIsEmptyAndOddOnesAreLeftToLibgit2() throws {
        let repo = try ScratchRepository()
        #expect(IndexFile.read(at: repo.path(".git/index"))?.entries.isEmpty == true)
        try repo.write("garbage", "not an index at all, just text\n")
        #expect(IndexFile.read(at: repo.path("garbage")) == nil)
        let populated = try makeRepository()
        try populated.git("update-index", "--split-index")
        #expect(IndexFile.read(at: populated.path(".git/index")) == nil)
    }

    private func hex(_ file: IndexFile, _ offset: Int?) -> String? {
        guard let offset else { return nil }
        return (0..<20).map { String(format: "%02x", file.data[offset + $0]) }.joined()
    }
}
