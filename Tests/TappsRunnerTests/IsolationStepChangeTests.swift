import Foundation
import Testing
import TappsCore
import TappsGit
import TappsRunner
import TestSupport

/// What happens to changes steps make while the staged content is in the work tree.
@Suite struct IsolationStepChangeTests {
    static let lines = (1...9).map { "line \($0)\n" }.joined()

    /// A repository where `f.txt` has staged content and an unstaged edit of its last line,
    /// and `clean.txt` has no unstaged edits.
    func makeRepository() throws -> (ScratchRepository, IsolationHarness) {
        let repo = try ScratchRepository()
        try repo.write("f.txt", Self.lines)
        try repo.write("clean.txt", "clean\n")
        try repo.commitAll()
        try repo.write("f.txt", Self.lines + "staged\n")
        try repo.git("add", "f.txt")
        try repo.write("f.txt", Self.lines.replacingOccurrences(of: "line 9", with: "line 9 user") + "staged\n")
        return (repo, IsolationHarness(repo))
    }

    @Test func stepChangeWithoutClashIsMerged() throws {
        let (repo, harness) = try makeRepository()
        let lsBefore = try harness.git("ls-files", "-s", "-z")
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "merge")
        #expect(repo.readText("f.txt") == Self.lines + "staged\n")
        try repo.write("f.txt", Self.lines.replacingOccurrences(of: "line 1\n", with: "line 1 step\n") + "staged\n")
        #expect(isolation.changedPaths() == [RepoPath("f.txt")])
        #expect(isolation.changedPaths() == [])
        let outcome = isolation.finish()
        #expect(outcome.keptStepChanges == [RepoPath("f.txt")])
        #expect(outcome.droppedStepChanges == [])
        #expect(outcome.problems == [])
        #expect(repo.readText("f.txt") == Self.lines.replacingOccurrences(of: "line 1\n", with: "line 1 step\n")
            .replacingOccurrences(of: "line 9", with: "line 9 user") + "staged\n")
        #expect(try harness.git("ls-files", "-s", "-z") == lsBefore)
        #expect(try harness.backupRefs() == "")
    }

    @Test func stepChangeThatClashesIsDroppedAndTheUserWins() throws {
        let (repo, harness) = try makeRepository()
        let before = try harness.snapshot()
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "clash")
        try repo.write("f.txt", Self.lines.replacingOccurrences(of: "line 9", with: "line 9 step") + "staged\n")
        try FileManager.default.removeItem(atPath: repo.path("clean.txt"))
        try repo.write("step-output.txt", "created by a step\n")
        let outcome = isolation.finish()
        #expect(outcome.droppedStepChanges == [RepoPath("f.txt")])
        #expect(outcome.keptStepChanges == [RepoPath("clean.txt")])
        #expect(repo.readText("f.txt") == Self.lines.replacingOccurrences(of: "line 9", with: "line 9 user") + "staged\n")
        #expect(repo.read("clean.txt") == nil)
        #expect(repo.readText("step-output.txt") == "created by a step\n")
        let after = try harness.snapshot()
        #expect(after.lsFiles == before.lsFiles)
        #expect(after.indexFile == before.indexFile)
    }

    @Test func stepChangeToAFileWithoutUnstagedEditsIsKept() throws {
        let (repo, harness) = try makeRepository()
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "clean")
        try repo.write("clean.txt", "clean\nformatted\n")
        #expect(isolation.changedPaths() == [RepoPath("clean.txt")])
        let outcome = isolation.finish()
        #expect(outcome.keptStepChanges == [RepoPath("clean.txt")])
        #expect(repo.readText("clean.txt") == "clean\nformatted\n")
        #expect(repo.readText("f.txt") == Self.lines.replacingOccurrences(of: "line 9", with: "line 9 user") + "staged\n")
    }

    @Test func stageFixedWritesTheStepVersionToTheIndexAndKeepsUserEdits() throws {
        let (repo, harness) = try makeRepository()
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "fixed")
        let fixed = Self.lines.replacingOccurrences(of: "line 1\n", with: "line 1 fixed\n") + "staged\n"
        try repo.write("f.txt", fixed)
        try repo.write("clean.txt", "clean fixed\n")
        let outcome = isolation.finish(stageFixed: [RepoPath("f.txt"), RepoPath("clean.txt")])
        #expect(outcome.problems == [])
        #expect(outcome.keptStepChanges == [RepoPath("clean.txt"), RepoPath("f.txt")])
        #expect(try repo.git("show", ":f.txt") == fixed)
        #expect(try repo.git("show", ":clean.txt") == "clean fixed\n")
        #expect(repo.readText("f.txt") == fixed.replacingOccurrences(of: "line 9", with: "line 9 user"))
        #expect(repo.readText("clean.txt") == "clean fixed\n")
        #expect(try repo.git("diff", "--name-only") == "f.txt\n")
        #expect(try harness.backupRefs() == "")
    }

    @Test func stageFixedWithATemporaryIndexWritesThatIndexOnly() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        let temporary = repo.root + "/.git/index.tmp-commit"
        try FileManager.default.copyItem(atPath: repo.root + "/.git/index", toPath: temporary)
        try repo.write("a.txt", "a\nstaged\n")
        try repo.git(["add", "a.txt"], environment: ["GIT_INDEX_FILE": temporary])
        let realIndex = repo.read(".git/index")
        let harness = IsolationHarness(repo, indexFile: temporary)
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "tmp-fixed")
        try repo.write("a.txt", "a\nstaged\nfixed\n")
        #expect(isolation.finish(stageFixed: [RepoPath("a.txt")]).problems == [])
        #expect(try repo.git(["show", ":a.txt"], environment: ["GIT_INDEX_FILE": temporary]) == "a\nstaged\nfixed\n")
        #expect(repo.read(".git/index") == realIndex)
    }

    @Test func finishIsIdempotent() throws {
        let (repo, harness) = try makeRepository()
        let before = try harness.snapshot()
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "twice")
        try repo.write("clean.txt", "changed\n")
        let first = isolation.finish()
        try repo.write("f.txt", "edited by the user after the run\n")
        let second = isolation.finish()
        #expect(first == second)
        #expect(repo.readText("f.txt") == "edited by the user after the run\n")
        #expect(isolation.changedPaths() == [])
        try repo.write("clean.txt", "clean\n")
        try repo.write("f.txt", Self.lines.replacingOccurrences(of: "line 9", with: "line 9 user") + "staged\n")
        #expect(try harness.snapshot().tree == before.tree)
    }

    @Test func concurrentFinishCallsRestoreOnce() async throws {
        let (repo, harness) = try makeRepository()
        let before = try harness.snapshot()
        let isolation = try StagedIsolation.begin(session: try harness.session(), runID: "concurrent")
        let outcomes = await withTaskGroup(of: IsolationOutcome.self) { group in
            for _ in 0..<4 { group.addTask { isolation.finish() } }
            var all: [IsolationOutcome] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(Set(outcomes.map(\.problems)).count == 1)
        #expect(outcomes.allSatisfy { $0.problems == [] })
        #expect(try harness.snapshot().differences(from: before) == [])
        _ = repo
    }
}
