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
        // A required extension nobody knows ("zzzz", lower case): not guessed at.
        let populated = try makeRepository()
        var bytes = try #require(populated.read(".git/index"))
        bytes.removeLast(20)
        bytes += Array("zzzz".utf8) + [0, 0, 0, 0] + [UInt8](repeating: 0, count: 20)
        try populated.write("odd-index", bytes: bytes)
        #expect(IndexFile.read(at: populated.path("odd-index")) == nil)
    }

    /// Entries (path, mode, id, stage) as `git ls-files -s -z` prints them (`--sparse`: sparse
    /// directories as they are).
    private func gitEntries(_ repo: ScratchRepository, sparse: Bool = false) throws -> [String] {
        try repo.gitBytes(["ls-files", "-s", "-z"] + (sparse ? ["--sparse"] : [])).split(separator: 0).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    private func entries(_ file: IndexFile) -> [String] {
        file.entries.map { entry in
            let id = file.id(entry).map { String(format: "%02x", $0) }.joined()
            return String(format: "%06o", entry.mode) + " \(id) \(entry.stage)\t" + String(decoding: file.path(entry), as: UTF8.self)
        }
    }

    @Test(arguments: ["2", "4"])
    func aSplitIndexIsMergedWithItsSharedIndex(version: String) throws {
        let repo = try makeRepository()
        for number in 0..<30 { try repo.write("many/f\(number).txt", "\(number)\n") }
        try repo.commitAll("many")
        try repo.git("config", "core.splitIndex", "true")
        try repo.git("config", "splitIndex.maxPercentChange", "100")
        try repo.git("update-index", "--index-version", version, "--split-index")
        // Replacements, deletions and additions on top of the shared index, across a commit.
        try repo.write("many/f3.txt", "changed\n")
        try repo.git("add", "many/f3.txt")
        try repo.git("rm", "-q", "--cached", "many/f7.txt", "a.txt")
        try repo.git("commit", "-q", "--no-verify", "-m", "between")
        try repo.write("many/f10.txt", "changed again\n")
        try repo.write("many/g-new.txt", "new\n")
        try repo.write("0-first.txt", "sorts first\n")
        try repo.git("add", "many/f10.txt", "many/g-new.txt", "0-first.txt")
        try repo.git("rm", "-q", "--cached", "many/f20.txt")
        let shared = try FileManager.default.contentsOfDirectory(atPath: repo.path(".git")).filter { $0.hasPrefix("sharedindex.") }
        #expect(!shared.isEmpty, "git wrote no shared index")
        let file = try #require(IndexFile.read(at: repo.path(".git/index"), gitDirectory: repo.path(".git")))
        #expect(file.isSplit)
        #expect(entries(file) == (try gitEntries(repo)))
        // The split file alone holds only the changes: the shared index is where the rest is.
        #expect(IndexFile.read(at: repo.path(".git/index"))?.entries.count == file.entries.count,
                "the shared index is also found beside the index file")
    }

    @Test func aSparseIndexKeepsItsDirectoryEntries() throws {
        let repo = try makeRepository()
        try repo.write("out/x/y.txt", "y\n")
        try repo.write("out/z.txt", "z\n")
        try repo.commitAll("outside")
        try repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "dir")
        let file = try #require(IndexFile.read(at: repo.path(".git/index")))
        #expect(file.isSparse)
        #expect(entries(file) == (try gitEntries(repo, sparse: true)))
        let directory = try #require(file.entries.first { String(decoding: file.path($0), as: UTF8.self) == "out/" })
        #expect(directory.isSparseDirectory && directory.isSkipWorktree)
    }

    @Test func aLargeVersion4IndexIsReadCompletely() throws {
        // Every entry used to copy the whole path arena (quadratic): see `scripts/bench suggest`.
        let repo = try ScratchRepository()
        let blob = try repo.git("hash-object", "-w", "--stdin").trimmingCharacters(in: .whitespacesAndNewlines)
        var list = ""
        for number in 0..<20_000 { list += "100644 \(blob)\tdirectory-\(number / 100)/file-\(number).txt\n" }
        try repo.write("list", list)
        _ = try ProcessRunner.run("/bin/sh", ["-c", "git update-index --index-info < list && git update-index --index-version 4"],
                                  directory: repo.root, environment: ScratchRepository.environment)
        let file = try #require(IndexFile.read(at: repo.path(".git/index")))
        #expect(file.entries.count == 20_000)
        #expect(paths(file) == (try gitPaths(repo)))
    }

    private func hex(_ file: IndexFile, _ offset: Int?) -> String? {
        guard let offset else { return nil }
        return (0..<20).map { String(format: "%02x", file.data[offset + $0]) }.joined()
    }
}
