import Foundation
import Testing
import TestSupport

/// SIGKILL at each stage of backup, hide and restore, then `git tapps recover`: every byte back.
@Suite struct CrashRecoveryTests {
    static let points = ["after-backup", "mid-hide", "after-hide", "mid-restore", "before-ref-delete"]

    /// Partially staged text and binary files, unstaged-only edits, a file deleted in the work
    /// tree, an intent-to-add file and a staged new file with unstaged edits in a new directory.
    static func messyRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", RunCommandTests.config(RunCommandTests.step("ok", ["true"])))
        try repo.write("a.txt", "a1\n")
        try repo.write("b.txt", "b1\n")
        try repo.write("c.txt", "c1\n")
        try repo.write("bin.dat", bytes: [0, 1, 2, 3])
        try repo.commitAll("base")
        try repo.write("a.txt", "a2 staged\n")
        try repo.write("bin.dat", bytes: [0, 9, 9, 9])
        try repo.write("new/d.txt", "d staged\n")
        try repo.git("add", "a.txt", "bin.dat", "new/d.txt")
        try repo.write("a.txt", "a3 unstaged\n")
        try repo.write("bin.dat", bytes: [0, 255, 0, 254, 13, 10])
        try repo.write("new/d.txt", "d unstaged\n")
        try repo.write("b.txt", "b2 unstaged only\n")
        try FileManager.default.removeItem(atPath: repo.path("c.txt"))
        try repo.write("later.txt", "intent to add\n")
        try repo.git("add", "-N", "later.txt")
        try repo.write("untracked.txt", "untracked\n")
        return repo
    }

    @Test(arguments: points)
    func recoverRestoresEveryByteAfterAKillAt(_ point: String) throws {
        let repo = try Self.messyRepository()
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": point])
        #expect(run.wasSignalled && run.status == SIGKILL, "git-tapps must die at \(point): \(run.status) \(run.errorText)")
        #expect(try !repo.git("for-each-ref", "refs/tapps/backup/").isEmpty, "the backup ref outlives the kill")
        let recover = try repo.tapps(["recover"])
        #expect(recover.status == 0, "\(recover.outputText)\(recover.errorText)")
        let after = try WorkTreeSnapshot(of: repo)
        #expect(after == before, "differences after a kill at \(point): \(after.differences(from: before))")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
        #expect(try repo.tapps(["run"]).status == 0, "a normal run works afterwards")
        #expect(try WorkTreeSnapshot(of: repo) == before)
    }
}

extension CrashRecoveryTests {
    /// Refs under refs/tapps/ travel with `git fetch origin 'refs/tapps/*:refs/tapps/*'` (for
    /// checkpoints); a backup fetched from another clone must never be restored here.
    @Test func aBackupFetchedFromAnotherCloneIsNeverRestoredHere() throws {
        let origin = try Self.messyRepository()
        let killed = try origin.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": "after-hide"])
        #expect(killed.wasSignalled)
        let clone = try ScratchRepository(initialize: false)
        try clone.git(["clone", "-q", origin.root, clone.root], in: "/tmp")
        try clone.git("fetch", "-q", "origin", "refs/tapps/*:refs/tapps/*")
        #expect(try !clone.git("for-each-ref", "refs/tapps/backup/").isEmpty)
        try clone.write(".tapps.yaml", RunCommandTests.config(RunCommandTests.step("ok", ["true"])))
        try clone.write("a.txt", "the clone's own unstaged work\n")
        let before = try WorkTreeSnapshot(of: clone)
        let run = try clone.tapps(["run"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(!run.outputText.contains("restored"), "\(run.outputText)")
        let recover = try clone.tapps(["recover"])
        #expect(recover.status == 0 && recover.outputText.contains("Nothing to recover"), "\(recover.outputText)")
        #expect(try WorkTreeSnapshot(of: clone) == before)
        #expect(try origin.tapps(["recover"]).status == 0, "the origin still recovers its own backup")
    }
}
