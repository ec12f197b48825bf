import Foundation
import Testing
import TappsCore
import TappsGit
import TappsRunner
import TestSupport

/// `StagedChangeReader` through the library, with the index chosen by the caller.
@Suite struct StagedChangeReaderTests {
    @Test func anExplicitIndexFileIsReadAndLibgit2UsesItToo() throws {
        let repo = try ScratchRepository()
        try repo.write("kept.txt", "one\n")
        try repo.write("other.txt", "one\n")
        try repo.commitAll("base")
        let alternate = repo.path(".git/other-index")
        try FileManager.default.copyItem(atPath: repo.path(".git/index"), toPath: alternate)
        try repo.write("other.txt", "two\n")
        try repo.git("add", "other.txt", environment: ["GIT_INDEX_FILE": alternate])

        let plain = try StagedChangeReader.staged(in: try Repository.open(at: repo.root))
        #expect(plain.isEmpty)

        let repository = try Repository.open(at: repo.root, indexFile: alternate)
        #expect(repository.indexPath == alternate)
        let files = try StagedChangeReader.staged(in: repository)
        #expect(files.map(\.path.string) == ["other.txt"])
        #expect(files.first?.linesAdded == 1 && files.first?.linesDeleted == 1)
        // The deferred override still reaches libgit2 as soon as its index is wanted.
        let index = try repository.index()
        #expect(index.filePath == alternate)
        #expect(try StagedChangeReader.staged(in: repository).map(\.path.string) == ["other.txt"])
    }

    @Test func unsavedChangesToAHandedOutIndexAreSeen() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll("base")
        let repository = try Repository.open(at: repo.root)
        let index = try repository.index()
        try index.add(IndexEntry(path: Array("in-memory.txt".utf8), mode: 0o100644, id: ObjectID(hex: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")!), content: [])
        let files = try StagedChangeReader.staged(in: repository)
        #expect(files.map(\.path.string) == ["in-memory.txt"])
    }

    @Test func countsCanBeSkipped() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "a\n")
        try repo.git("add", "-A")
        let files = try StagedChangeReader.staged(in: try Repository.open(at: repo.root), countLines: false)
        #expect(files.map(\.status) == [.added])
        #expect(files.first?.linesAdded == 0)
    }
}
