import Foundation
import Testing
import TestSupport

/// Every index format git writes: `suggest` reports exactly what `git diff --cached` reports,
/// and a hook `run` through a real `git commit` sees the staged content and keeps unstaged work.
@Suite struct SuggestParityIndexFormatTests {
    @Test(arguments: ["2", "3", "4"])
    func everyIndexVersion(version: String) throws {
        let repo = try IndexFormatFixture.repository()
        try repo.git("update-index", "--index-version", version)
        try IndexFormatFixture.stageMixedChanges(repo)
        try repo.write("out/f0.txt", "outside\n")
        try repo.git("add", "out/f0.txt")
        try repo.write("later.txt", "intent\n")
        try repo.git("add", "-N", "later.txt")
        try Parity.expectMatch(repo)
    }

    @Test func aSplitIndexMadeByUpdateIndex() throws {
        let repo = try IndexFormatFixture.repository()
        try repo.git("update-index", "--split-index")
        try IndexFormatFixture.stageMixedChanges(repo)
        try repo.git("rm", "-q", "--cached", "other/f5.txt")
        try Parity.expectMatch(repo)
        #expect(try shared(repo) >= 1)
    }

    @Test func coreSplitIndexWithACommitInBetween() throws {
        let repo = try IndexFormatFixture.repository()
        try repo.git("config", "core.splitIndex", "true")
        try repo.git("config", "splitIndex.maxPercentChange", "100")
        try repo.git("update-index", "--split-index")
        // The shared index now lags: the split file replaces and deletes entries of it.
        try repo.write("other/f1.txt", "committed change\n")
        try repo.git("rm", "-q", "other/f2.txt")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "between")
        try IndexFormatFixture.stageMixedChanges(repo)
        try repo.write("other/f1.txt", "changed again\n")
        try repo.write("other/f2.txt", "back again\n")
        try repo.git("add", "other")
        try repo.git("rm", "-q", "--cached", "out/deep/g3.py")
        try Parity.expectMatch(repo)
        try Parity.expectMatch(repo, in: repo.path("other/deep"))
    }

    @Test func aSparseIndexWithChangesInsideAndOutsideTheCone() throws {
        let repo = try IndexFormatFixture.repository()
        try repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "in")
        #expect(try repo.git("ls-files", "--sparse").contains("out/\n"), "git wrote no sparse-directory entry")
        try IndexFormatFixture.stageMixedChanges(repo)
        try Parity.expectMatch(repo)
        // Outside the cone: an entry git expands the directory for.
        let blob = try repo.git("hash-object", "-w", "top.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("update-index", "--add", "--cacheinfo", "100644,\(blob),out/deep/added.py")
        try Parity.expectMatch(repo)
    }

    @Test func aSparseDirectoryWhoseTreeIsNotHeads() throws {
        let repo = try IndexFormatFixture.repository()
        try repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "in")
        let blob = try repo.git("hash-object", "-w", "top.txt").trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.git("update-index", "--add", "--cacheinfo", "100644,\(blob),out/deep/deeper/added.py")
        try repo.git("update-index", "--force-remove", "other/f1.txt")
        try repo.git("update-index", "--cacheinfo", "100755,\(blob),other/deep/g2.py")
        try repo.git("commit", "-q", "--no-verify", "-m", "outside the cone")
        try repo.git("sparse-checkout", "reapply")
        // The index keeps the new trees as sparse directories while HEAD goes back.
        try repo.git("reset", "-q", "--soft", "HEAD~1")
        let sparse = try repo.git("ls-files", "--sparse")
        #expect(sparse.contains("out/\n") && sparse.contains("other/\n"), "\(sparse)")
        try IndexFormatFixture.stageMixedChanges(repo)
        try Parity.expectMatch(repo)
    }

    @Test(arguments: ["split", "sparse", "4"])
    func aHookRunSeesTheStagedContentAndKeepsUnstagedWork(format: String) throws {
        let repo = try IndexFormatFixture.repositoryWithLookingHook()
        switch format {
        case "split": try repo.git("config", "core.splitIndex", "true")
        case "sparse": try repo.git("sparse-checkout", "set", "--cone", "--sparse-index", "in")
        default: try repo.git("update-index", "--index-version", format)
        }
        try IndexFormatFixture.stageMixedChanges(repo)
        try repo.write("in/f1.txt", "replaced\nlines\nhere\nand unstaged work\n")
        let names = try repo.git("diff", "--cached", "--name-only")
        try repo.git(["commit", "-q", "-m", "through the hook"], environment: RunCommandTests.hookEnvironment)
        #expect(repo.readText(".seen/f1") == "replaced\nlines\nhere\n")
        #expect(repo.readText(".seen/names") == names)
        #expect(repo.readText("in/f1.txt") == "replaced\nlines\nhere\nand unstaged work\n")
        #expect(try repo.git("diff", "--name-only") == "in/f1.txt\n")
        #expect(try repo.git("log", "--oneline").split(separator: "\n").count == 3)
        try repo.git("fsck", "--no-progress")
    }

    private func shared(_ repo: ScratchRepository) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: repo.path(".git")).filter { $0.hasPrefix("sharedindex.") }.count
    }
}
