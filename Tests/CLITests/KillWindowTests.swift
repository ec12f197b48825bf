import Foundation
import Testing
import TestSupport

/// Issue 9, items 2, 3 and 5: kills inside the writes of hiding and restoring, stale locks, a
/// backup applied once only, a second signal during the checkpoint, and no step after Ctrl-C.
@Suite struct KillWindowTests {
    /// `big.txt` (about 3 MB) is staged; line 1 has an unstaged edit. `.seen/` is ignored.
    static func bigFileRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", RunCommandTests.config(RunCommandTests.step("ok", ["true"])))
        try repo.write(".gitignore", ".seen/\n")
        let lines = (0..<120_000).map { "line \($0) of a large file\n" }.joined()
        try repo.write("big.txt", "first\n" + lines)
        try repo.commitAll("base")
        try repo.write("big.txt", "first\n" + lines + "staged tail\n")
        try repo.git("add", "big.txt")
        try repo.write("big.txt", "first, edited and not staged\n" + lines + "staged tail\n")
        return repo
    }

    static func expectClean(_ repo: ScratchRepository, _ before: WorkTreeSnapshot, _ what: String) throws {
        let after = try WorkTreeSnapshot(of: repo)
        #expect(after == before, "\(what): \(after.differences(from: before))")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/", "refs/tapps/recovered/").isEmpty, "\(what)")
        #expect(KillWindow.leftovers(repo).isEmpty, "\(what): \(KillWindow.leftovers(repo))")
    }

    /// SIGKILL after the staged version was written to our temporary file, before the rename (while
    /// hiding: the first write; while restoring: the second).
    @Test(arguments: ["mid-write@1", "mid-write@2", "mid-hide", "mid-restore"])
    func aKillInsideAWriteLosesNothingAndRecoverSeesNoClash(_ point: String) throws {
        let repo = try Self.bigFileRepository()
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": point])
        #expect(run.wasSignalled && run.status == SIGKILL, "\(point): \(run.status) \(run.errorText)")
        if point.hasPrefix("mid-write") {
            #expect(KillWindow.leftovers(repo).contains { $0.hasPrefix(".tapps-write-") }, "the kill hit a write: \(KillWindow.leftovers(repo))")
        }
        let hiddenNow = repo.readText("big.txt") ?? ""
        #expect(hiddenNow.hasPrefix("first\n") || hiddenNow.hasPrefix("first, edited"), "a whole version is in place")
        let recover = try repo.tapps(["recover"])
        #expect(recover.status == 0, "\(point): \(recover.outputText)\(recover.errorText)")
        #expect(!recover.errorText.contains("clash") && !recover.errorText.contains("merged"), "\(recover.errorText)")
        try Self.expectClean(repo, before, point)
    }

    /// Staged `chmod +x`, the work tree still 644 with the same bytes: only the mode changes while
    /// steps run — the file is never rewritten (same inode), and recovery puts the mode back.
    @Test func aModeOnlyDifferenceIsOnlyEverChmodded() throws {
        let repo = try Self.bigFileRepository()
        try repo.git("add", "big.txt")
        try repo.commitAll("all in")
        try repo.git("update-index", "--chmod=+x", "big.txt")
        let before = try WorkTreeSnapshot(of: repo)
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: repo.path("big.txt"))[.systemFileNumber] as? Int)
        let run = try repo.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": "after-hide"])
        #expect(run.wasSignalled)
        let hidden = try FileManager.default.attributesOfItem(atPath: repo.path("big.txt"))
        #expect((hidden[.posixPermissions] as? Int).map { $0 & 0o111 != 0 } == true, "the staged mode is in place")
        #expect(hidden[.systemFileNumber] as? Int == inode, "the file was not rewritten")
        #expect(try repo.tapps(["recover"]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: repo.path("big.txt"))[.systemFileNumber] as? Int == inode)
        try Self.expectClean(repo, before, "mode only")
        #expect(try repo.tapps(["run"]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: repo.path("big.txt"))[.systemFileNumber] as? Int == inode)
    }

    /// Killed while deleting the backup reference after a complete restore (libgit2 leaves
    /// `<run>.lock` beside the reference); the user edits the file; recovery takes the lock over,
    /// deletes the reference and never applies the backup again over that edit.
    @Test func aBackupIsAppliedOnceEvenWhenItsDeletionWasKilled() throws {
        let repo = try Self.bigFileRepository()
        let run = try repo.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": "in-ref-delete"])
        #expect(run.wasSignalled)
        let id = try KillWindow.backupRunID(repo)
        #expect(!id.isEmpty)
        try repo.write(".git/refs/tapps/backup/\(id).lock", "")
        try repo.write("big.txt", "the user's edit made after the kill\n")
        let before = try WorkTreeSnapshot(of: repo)
        let recover = try repo.tapps(["recover"])
        #expect(recover.status == 0, "\(recover.outputText)\(recover.errorText)")
        #expect(recover.outputText.contains("lock"), "the takeover is said: \(recover.outputText)")
        try Self.expectClean(repo, before, "applied once")
        let next = try repo.tapps(["run"])
        #expect(next.status == 0, "\(next.outputText)\(next.errorText)")
        try Self.expectClean(repo, before, "applied once, next run")
    }

    /// A lock left while a backup reference was being created: removed (and said) by recover and by
    /// the next run — but never while another git-tapps works in the repository.
    @Test func aStaleLockIsTakenOverOnlyWhenNoRunIsAlive() throws {
        let repo = try Self.bigFileRepository()
        try repo.write(".tapps.yaml", RunCommandTests.config(
            RunCommandTests.step("slow", ["sh", "-c", "mkdir -p .seen && touch .seen/started && sleep 3"])))
        try repo.git("add", ".tapps.yaml")
        try repo.write(".seen/started", "")
        let before = try WorkTreeSnapshot(of: repo)
        try FileManager.default.removeItem(atPath: repo.path(".seen/started"))
        let background = try BackgroundTapps(repo, ["run"])
        #expect(KillWindow.await(repo, ".seen/started"))
        try repo.write(".git/refs/tapps/backup/20260101-000000-deadbeef.lock", "")
        let whileAlive = try repo.tapps(["recover"])
        #expect(FileManager.default.fileExists(atPath: repo.path(".git/refs/tapps/backup/20260101-000000-deadbeef.lock")),
                "a live run's lock is left alone: \(whileAlive.outputText)")
        let end = background.wait()
        #expect(end.status == 0, "\(end.output)\(end.error)")
        let run = try repo.tapps(["run"])
        #expect(run.status == 0)
        #expect(run.outputText.contains("lock"), "the next run says it removed the lock: \(run.outputText)")
        var after = try WorkTreeSnapshot(of: repo)
        after.files = after.files.filter { !$0.key.hasPrefix(".seen") }
        var expected = before
        expected.files = expected.files.filter { !$0.key.hasPrefix(".seen") }
        #expect(after == expected, "\(after.differences(from: expected))")
        #expect(KillWindow.leftovers(repo).isEmpty, "\(KillWindow.leftovers(repo))")
    }

    /// Ctrl-C before the steps, then a second one while the checkpoint is written: the write
    /// finishes, the exit is 130 (not death by SIGINT), the checkpoint lists every step, no lock.
    @Test func aSecondSignalWhileTheCheckpointIsWrittenWaitsForIt() throws {
        let repo = try Self.bigFileRepository()
        try repo.write(".tapps.yaml", RunCommandTests.config(RunCommandTests.step("a", ["true"]), RunCommandTests.step("b", ["true"])))
        try repo.git("add", ".tapps.yaml")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run", "--format", "json"], environment: ["TAPPS_TEST_CRASH_AT": "after-hide:INT,mid-checkpoint:INT"])
        #expect(!run.wasSignalled && run.status == 130, "\(run.status) \(run.outputText)\(run.errorText)")
        let ids = try CheckpointSupport.checkpointIDs(repo)
        #expect(ids.count == 1)
        if let id = ids.first {
            #expect(try CheckpointSupport.document(repo, id)["pending_steps"] as? [String] == ["a", "b"])
        }
        try Self.expectClean(repo, before, "second signal")
    }

    /// A checkpoint lock left by a killed run is taken over when the checkpoint is next written.
    @Test func aStaleCheckpointLockIsTakenOver() throws {
        let repo = try Self.bigFileRepository()
        let first = try repo.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": "after-hide:INT"])
        #expect(first.status == 130)
        let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)
        try repo.write(".git/refs/tapps/checkpoints/\(id).lock", "")
        let resume = try repo.tapps(["resume"])
        #expect(resume.status == 0, "\(resume.outputText)\(resume.errorText)")
        #expect(resume.outputText.contains("lock"), "\(resume.outputText)")
        #expect(try CheckpointSupport.document(repo, id)["reason"] as? String == "completed")
        #expect(KillWindow.leftovers(repo).isEmpty, "\(KillWindow.leftovers(repo))")
    }

    /// Three steps one at a time; SIGINT while the second runs: the third never starts, and the
    /// checkpoint lists the second and the third as pending. Several tries: it was a race.
    @Test func ctrlCStartsNoNewStep() throws {
        for attempt in 0..<4 {
            let repo = try Self.bigFileRepository()
            func step(_ name: String) -> String {
                RunCommandTests.step(name, ["sh", "-c", "mkdir -p .seen && touch .seen/\(name) && sleep \(name == "one" ? "0" : "2")"])
            }
            try repo.write(".tapps.yaml", RunCommandTests.config(step("one"), step("two"), step("three")))
            try repo.git("add", ".tapps.yaml")
            let background = try BackgroundTapps(repo, ["run", "--jobs", "1"])
            #expect(KillWindow.await(repo, ".seen/two"))
            usleep(UInt32(attempt) * 150_000)
            background.signal(SIGINT)
            let end = background.wait()
            #expect(end.status == 130 && !end.signalled, "try \(attempt): \(end.status) \(end.output)\(end.error)")
            #expect(!FileManager.default.fileExists(atPath: repo.path(".seen/three")), "try \(attempt): the third step started")
            let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)
            #expect(try CheckpointSupport.document(repo, id)["pending_steps"] as? [String] == ["two", "three"], "try \(attempt)")
            #expect(KillWindow.leftovers(repo).isEmpty, "\(KillWindow.leftovers(repo))")
        }
    }
}

extension KillWindowTests {
    /// A step's change merged with the user's unstaged edit is recorded in the backup before the
    /// restore writes it, so a kill before or after that write leaves bytes recovery knows: it
    /// finishes the restore (the merge) without reporting a change it cannot place.
    @Test(arguments: ["mid-write@2", "mid-restore@1"])
    func aKillWhileWritingAMergedStepChangeIsFinishedByRecover(_ point: String) throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", RunCommandTests.config(RunCommandTests.step("fix", ["sed", "-i", "s/l3/L3 fixed/", "a.txt"],
                                                                                  extra: "    modifies_files: true\n")))
        try repo.write("a.txt", "l1\nl2\nl3\nl4\nl5\n")
        try repo.commitAll("base")
        try repo.write("a.txt", "l1 staged\nl2\nl3\nl4\nl5\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "l1 staged\nl2\nl3\nl4\nl5 unstaged\n")
        let run = try repo.tapps(["run"], environment: ["TAPPS_TEST_CRASH_AT": point])
        #expect(run.wasSignalled, "\(run.outputText)\(run.errorText)")
        let recover = try repo.tapps(["recover"])
        #expect(recover.status == 0, "\(recover.outputText)\(recover.errorText)")
        #expect(repo.readText("a.txt") == "l1 staged\nl2\nL3 fixed\nl4\nl5 unstaged\n")
        #expect(try repo.git("for-each-ref", "refs/tapps/").isEmpty)
        #expect(KillWindow.leftovers(repo).isEmpty, "\(KillWindow.leftovers(repo))")
    }
}
