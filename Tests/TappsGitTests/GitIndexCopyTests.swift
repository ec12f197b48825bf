import Foundation
import Testing
import TestSupport
@testable import TappsGit

/// The fallback for index formats only git reads: git's plain copy of an index holds exactly
/// the entries git reads from it, and an index read that way is never rewritten by git-tapps.
/// (git 2.39 writes no format this reader cannot read, so the copy is taken here of indexes in
/// every format it does write; IndexExtensionTests covers the formats nobody reads.)
// Serialized: each test checks that no copy of this process is left behind, which a test running beside it
// (the three formats run in parallel otherwise) may be in the middle of making.
@Suite(.serialized) struct GitIndexCopyTests {
    private func makeRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        for top in ["in", "out"] {
            for number in 0..<8 { try repo.write("\(top)/sub/f\(number).txt", "\(top) \(number)\n") }
        }
        try repo.write("top.txt", "top\n")
        try repo.commitAll("base")
        return repo
    }

    /// Path, mode, id, stage and flags of every entry.
    private func entries(_ file: IndexFile) -> [String] {
        file.entries.map { entry in
            let id = file.id(entry).map { String(format: "%02x", $0) }.joined()
            return String(format: "%06o", entry.mode) + " \(id) \(entry.stage) \(entry.isIntentToAdd) \(entry.isSkipWorktree)\t"
                + String(decoding: file.path(entry), as: UTF8.self)
        }
    }

    private func gitEntries(_ repo: ScratchRepository) throws -> [String] {
        try repo.gitBytes(["ls-files", "-s", "-z"]).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    private func lsFilesForm(_ file: IndexFile) -> [String] {
        file.entries.map { entry in
            let id = file.id(entry).map { String(format: "%02x", $0) }.joined()
            return String(format: "%06o", entry.mode) + " \(id) \(entry.stage)\t" + String(decoding: file.path(entry), as: UTF8.self)
        }
    }

    private func leftoverCopies() -> [String] {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let pid = ProcessInfo.processInfo.processIdentifier
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("git-tapps-index-copy-\(pid)-") }
    }

    @Test(arguments: ["v4", "split", "intent-to-add and conflicts"])
    func gitsPlainCopyHoldsTheSameEntries(format: String) throws {
        let repo = try makeRepository()
        switch format {
        case "v4":
            try repo.git("update-index", "--index-version", "4")
        case "split":
            try repo.git("config", "splitIndex.maxPercentChange", "100")
            try repo.git("update-index", "--split-index")
            try repo.write("in/sub/f2.txt", "changed\n")
            try repo.git("add", "in/sub/f2.txt")
            try repo.git("rm", "-q", "--cached", "out/sub/f3.txt")
        default:
            try repo.write("later.txt", "later\n")
            try repo.git("add", "-N", "later.txt")
            let blob = try repo.git("hash-object", "-w", "top.txt").trimmingCharacters(in: .whitespacesAndNewlines)
            try repo.write(".git/info-list", "0 \(String(repeating: "0", count: 40))\ttop.txt\n"
                           + "100644 \(blob) 1\ttop.txt\n100644 \(blob) 2\ttop.txt\n")
            let result = try ProcessRunner.run("/bin/sh", ["-c", "git update-index --index-info < .git/info-list"],
                                               directory: repo.root, environment: ScratchRepository.environment)
            #expect(result.status == 0, "\(result.errorText)")
        }
        let direct = try #require(IndexFile.readPlain(at: repo.path(".git/index"), gitDirectory: repo.path(".git")))
        let copy = try GitIndexCopy.plainCopy(of: repo.path(".git/index"), gitDirectory: repo.path(".git"),
                                              because: .mandatoryExtension("abcd")).get()
        #expect(entries(copy) == entries(direct))
        #expect(lsFilesForm(copy) == (try gitEntries(repo)))
        #expect(copy.readThroughGit == .mandatoryExtension("abcd") && !copy.isSplit)
        // Racily clean entries are judged by the real index's time, not the copy's.
        #expect(copy.modified == direct.modified)
        #expect(leftoverCopies().isEmpty)
    }

    @Test func aSparseIndexComesBackWithEveryFile() throws {
        let repo = try makeRepository()
        try repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "in")
        let copy = try GitIndexCopy.plainCopy(of: repo.path(".git/index"), gitDirectory: repo.path(".git"),
                                              because: .version(5)).get()
        // git reads a sparse directory as its tree's files when sparse indexes are off.
        #expect(lsFilesForm(copy) == (try gitEntries(repo)))
        #expect(copy.entries.filter(\.isSkipWorktree).count == 8)
    }

    @Test func anIndexReadThroughGitIsNeverWritten() throws {
        let repo = try makeRepository()
        try repo.write("in/sub/f1.txt", "staged\n")
        try repo.git("add", "in/sub/f1.txt")
        let path = repo.path(".git/index")
        let before = try #require(repo.read(".git/index"))
        let copy = try GitIndexCopy.plainCopy(of: path, gitDirectory: repo.path(".git"), because: .mandatoryExtension("abcd")).get()
        let index = try IndexExpansion.index(of: copy, at: path, gitDirectory: repo.path(".git"), repository: nil)
        #expect(index.entries.map { "\(String(format: "%06o", $0.mode)) \($0.id) \($0.stage)\t" + String(decoding: $0.path, as: UTF8.self) }
                == (try gitEntries(repo)))
        let error = #expect(throws: GitError.self) { try index.write() }
        #expect(error?.message.contains(path) == true && error?.message.contains("'abcd'") == true, "\(String(describing: error))")
        #expect(repo.read(".git/index") == before)
    }

    @Test func whatGitSaysWhenItCannotReadTheFileEither() throws {
        let repo = try makeRepository()
        var bytes = try #require(repo.read(".git/index")).dropLast(20).map { $0 }
        bytes += Array("qqqq".utf8) + [0, 0, 0, 0]
        try repo.write(".git/index", bytes: bytes + IndexExtensions.sha1(bytes))
        guard case .failure(let unreadable) = IndexFile.load(at: repo.path(".git/index"), gitDirectory: repo.path(".git")) else {
            Issue.record("an index with the extension 'qqqq' was read")
            return
        }
        #expect(unreadable.failure == .mandatoryExtension("qqqq"))
        #expect(unreadable.message.hasPrefix("cannot read the index \(repo.path(".git/index")): it uses the mandatory extension 'qqqq', "
                                              + "and git cannot read it either (index uses qqqq extension"), "\(unreadable.message)")
        #expect(leftoverCopies().isEmpty)
    }
}
