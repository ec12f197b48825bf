import Foundation
import Testing
import TestSupport
@testable import TappsGit

/// libgit2 1.5.1 cannot read split or sparse indexes; ``Repository/index()`` hands it a plain
/// copy instead. Its entries, the work-tree comparison and a write must match what git does.
@Suite struct ExpandedIndexTests {
    private func makeRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        for top in ["in", "out", "other"] {
            for number in 0..<4 {
                try repo.write("\(top)/f\(number).txt", "\(top) \(number)\n")
                try repo.write("\(top)/deep/g\(number).txt", "deep \(top) \(number)\n")
            }
        }
        try repo.write("top.txt", "top\n")
        try repo.commitAll("base")
        return repo
    }

    /// `git ls-files -s -z` (sparse directories expanded), with the skip-worktree flag (`-t`'s `S`).
    private func gitEntries(_ repo: ScratchRepository) throws -> [String] {
        let stages = try repo.gitBytes(["ls-files", "-s", "-z"]).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let tags = try repo.gitBytes(["ls-files", "-t", "-z"]).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return zip(stages, tags).map { "\($0) \($1.hasPrefix("S ") ? "skip" : "-")" }
    }

    private func entries(_ index: Index) -> [String] {
        index.entries.map { entry in
            String(format: "%06o", entry.mode) + " \(entry.id.hex) \(entry.stage)\t" + String(decoding: entry.path, as: UTF8.self)
                + " \(entry.isSkipWorktree ? "skip" : "-")"
        }
    }

    private func split(_ repo: ScratchRepository) throws {
        try repo.git("config", "splitIndex.maxPercentChange", "100")
        try repo.git("update-index", "--split-index")
        try repo.write("in/f1.txt", "replaced\n")
        try repo.write("new.txt", "added\n")
        try repo.git("add", "in/f1.txt", "new.txt")
        try repo.git("rm", "-q", "--cached", "out/f2.txt")
    }

    private func sparse(_ repo: ScratchRepository) throws {
        try repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "in")
        try repo.write("in/f1.txt", "staged inside the cone\n")
        try repo.git("add", "in/f1.txt")
    }

    @Test(arguments: ["split", "sparse"])
    func libgit2SeesEveryEntry(format: String) throws {
        let repo = try makeRepository()
        try format == "split" ? split(repo) : sparse(repo)
        let repository = try Repository.open(at: repo.root)
        let index = try repository.index()
        #expect(entries(index) == (try gitEntries(repo)))
        #expect(index.filePath.map { Repository.isSameFile($0, repo.path(".git/index")) } == true)
    }

    @Test(arguments: ["split", "sparse"])
    func theStagedTreeIdIsWhatGitWouldWrite(format: String) throws {
        let repo = try makeRepository()
        try format == "split" ? split(repo) : sparse(repo)
        try repo.git("update-index", "--refresh")
        let expected = try repo.git("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
        let repository = try Repository.open(at: repo.root)
        // From the cache tree when git kept it (it does after write-tree), else written from libgit2's copy.
        let id = try repository.cachedStagedTreeID() ?? repository.index().writeTree(to: repository)
        #expect(id.hex == expected)
        let copy = try Index.inMemory()
        for entry in try repository.index().entries where entry.stage == 0 { try copy.add(entry) }
        #expect(try copy.writeTree(to: repository).hex == expected)
    }

    @Test(arguments: ["split", "sparse"])
    func theWorkTreeComparisonMatchesGit(format: String) throws {
        let repo = try makeRepository()
        try format == "split" ? split(repo) : sparse(repo)
        try repo.write("in/f2.txt", "unstaged\n")
        try repo.write("new.txt", "unstaged too\n")
        let repository = try Repository.open(at: repo.root)
        let changes = try repository.workTreeChanges(against: try repository.index())
        let git = try repo.git("diff", "--name-only").split(separator: "\n").map(String.init)
        #expect(changes.map { String(decoding: $0.path, as: UTF8.self) }.sorted() == git.sorted())
    }

    @Test(arguments: ["split", "sparse"])
    func writingKeepsEveryEntryAndGitReadsIt(format: String) throws {
        let repo = try makeRepository()
        try format == "split" ? split(repo) : sparse(repo)
        try repo.write("in/f3.txt", "fixed by a step\n")
        let expectedStatus = try repo.git("status", "--porcelain").replacingOccurrences(of: " M in/f3.txt", with: "M  in/f3.txt")
        let repository = try Repository.open(at: repo.root)
        let index = try repository.index()
        try index.reload()
        try index.addFromWorkTree(Array("in/f3.txt".utf8))
        try index.write()
        #expect(try repo.git("status", "--porcelain") == expectedStatus)
        #expect(try repo.git("diff", "--cached", "--name-only").contains("in/f3.txt"))
        try repo.git("fsck", "--no-progress")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: repo.path(".git")).filter { $0.contains("tapps") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
