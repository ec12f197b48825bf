import Foundation
import Testing
import TappsCore
import TappsGit
import TappsRunner
import TestSupport

/// Isolation in linked worktrees, with a temporary index, around submodules, and its refusals.
@Suite struct IsolationEnvironmentTests {
    @Test func linkedWorktree() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "base\n")
        try repo.commitAll()
        let linked = repo.root + "-linked"
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try repo.git("worktree", "add", "-q", "-b", "feature", linked)
        try repo.write("a.txt", "main has unstaged work\n")
        let harness = IsolationHarness(repo, workTree: linked)
        try Data("base\nstaged\n".utf8).write(to: URL(fileURLWithPath: linked + "/a.txt"))
        _ = try harness.git("add", "a.txt")
        try Data("base\nstaged\nunstaged\n".utf8).write(to: URL(fileURLWithPath: linked + "/a.txt"))
        let mainBefore = try IsolationHarness(repo).snapshot()
        try harness.roundTrip(runID: "linked-run") { _ in
            #expect(FileManager.default.contents(atPath: linked + "/a.txt").map(Array.init) == Array("base\nstaged\n".utf8))
            // The linked worktree's backup does not block, and is not recovered by, the main one.
            let main = try IsolationHarness(repo).session()
            #expect(BackupRecovery.pendingBackups(in: main) == [])
            #expect(BackupRecovery.pendingBackups(in: try harness.session()) == ["refs/tapps/backup/linked-run"])
            let other = try StagedIsolation.begin(session: main, runID: "main-run")
            #expect(repo.readText("a.txt") == "base\n")
            #expect(other.finish().problems == [])
        }
        #expect(try IsolationHarness(repo).snapshot().differences(from: mainBefore) == [])
    }

    @Test func temporaryIndexLeavesTheRealIndexAlone() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "base\n")
        try repo.write("b.txt", "b\n")
        try repo.commitAll()
        try repo.write("a.txt", "in the real index\n")
        try repo.git("add", "a.txt")
        let temporary = repo.root + "/.git/next-index-4242.lock"
        try FileManager.default.copyItem(atPath: repo.root + "/.git/index", toPath: temporary)
        try repo.write("a.txt", "in the temporary index\n")
        try repo.write("b.txt", "b\nstaged in temporary\n")
        try repo.git(["add", "a.txt", "b.txt"], environment: ["GIT_INDEX_FILE": temporary])
        try repo.write("a.txt", "work tree only\n")
        try repo.write("b.txt", "b\nstaged in temporary\nwork tree only\n")
        let realIndex = repo.read(".git/index")
        let realHarness = IsolationHarness(repo)
        let realBefore = try realHarness.snapshot()
        let harness = IsolationHarness(repo, indexFile: temporary)
        try harness.roundTrip(runID: "commit-a") { _ in
            #expect(repo.readText("a.txt") == "in the temporary index\n")
            #expect(repo.readText("b.txt") == "b\nstaged in temporary\n")
            #expect(repo.read(".git/index") == realIndex)
        }
        #expect(repo.read(".git/index") == realIndex)
        #expect(try realHarness.snapshot().differences(from: realBefore) == [])
    }

    @Test func submodulesAreNeverTouched() throws {
        let sub = try ScratchRepository()
        try sub.write("lib.txt", "v1\n")
        try sub.commitAll()
        let repo = try ScratchRepository()
        try repo.write("main.txt", "main\n")
        try repo.commitAll()
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.root, "vendor/lib")
        try repo.commitAll("add submodule")
        let inner = repo.root + "/vendor/lib"
        try Data("v2\n".utf8).write(to: URL(fileURLWithPath: inner + "/lib.txt"))
        try repo.git(["commit", "-qam", "moved"], in: inner)
        try Data("v3 dirty\n".utf8).write(to: URL(fileURLWithPath: inner + "/lib.txt"))
        try Data("untracked in sub\n".utf8).write(to: URL(fileURLWithPath: inner + "/extra.txt"))
        try repo.write("main.txt", "main\nstaged\n")
        try repo.git("add", "main.txt")
        try repo.write("main.txt", "main\nstaged\nunstaged\n")
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("main.txt") == "main\nstaged\n")
            #expect(repo.readText("vendor/lib/lib.txt") == "v3 dirty\n")
            #expect(repo.readText("vendor/lib/extra.txt") == "untracked in sub\n")
        }
    }

    @Test func unmergedPathsAreRefusedWithNothingTouched() throws {
        let repo = try ScratchRepository()
        try repo.write("c.txt", "base\n")
        try repo.write("other.txt", "other\n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "-b", "side")
        try repo.write("c.txt", "side\n")
        try repo.commitAll("side")
        try repo.git("checkout", "-q", "main")
        try repo.write("c.txt", "main\n")
        try repo.commitAll("main")
        #expect(throws: (any Error).self) { try repo.git("merge", "-q", "side") }
        try repo.write("other.txt", "other\nunstaged\n")
        let harness = IsolationHarness(repo)
        let before = try harness.snapshot()
        do {
            _ = try StagedIsolation.begin(session: try harness.session(), runID: "conflicted")
            Issue.record("begin accepted unmerged paths")
        } catch let error as TappsError {
            guard case .repository(let message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(message.contains("unmerged"))
            #expect(message.contains("c.txt"))
        }
        #expect(try harness.snapshot().differences(from: before) == [])
        #expect(try harness.backupRefs() == "")
    }

    @Test func backupReferenceIsCompareAndSwapAndNothingIsTouchedWhenItLoses() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "base\n")
        try repo.commitAll()
        let linked = repo.root + "-cas"
        defer { try? FileManager.default.removeItem(atPath: linked) }
        try repo.git("worktree", "add", "-q", "-b", "other", linked)
        try Data("linked edit\n".utf8).write(to: URL(fileURLWithPath: linked + "/a.txt"))
        let linkedHarness = IsolationHarness(repo, workTree: linked)
        let holder = try StagedIsolation.begin(session: try linkedHarness.session(), runID: "same-id")
        try repo.write("a.txt", "main edit\n")
        let harness = IsolationHarness(repo)
        let before = try harness.snapshot()
        #expect(throws: TappsError.self) { try StagedIsolation.begin(session: try harness.session(), runID: "same-id") }
        #expect(try harness.snapshot().differences(from: before) == [])
        #expect(holder.finish().problems == [])
        #expect(FileManager.default.contents(atPath: linked + "/a.txt").map(Array.init) == Array("linked edit\n".utf8))
    }

    @Test func invalidRunIDIsRefused() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        #expect(throws: TappsError.self) { try StagedIsolation.begin(session: try IsolationHarness(repo).session(), runID: "../x") }
    }
}
