import Foundation
import Testing
import TestSupport

/// `git tapps resume`: only pending steps run, under the local configuration, on the same staged content.
@Suite struct ResumeCommandTests {
    @Test func resumeRunsOnlyThePendingStepsAndCompletesTheCheckpoint() throws {
        let repo = try CheckpointSupport.budgetRepository()
        #expect(try repo.tapps(["run", "--jobs", "1"]).status == 3)
        let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)

        let resume = try repo.tapps(["resume"])
        #expect(resume.status == 0, "\(resume.outputText)\(resume.errorText)")
        #expect(CheckpointSupport.lines(repo, ".a-ran") == 1, "the completed step is not run again")
        #expect(CheckpointSupport.lines(repo, ".b-ran") == 1, "the pending step ran")
        #expect(resume.outputText.contains("passed      a"), "carried-over results are in the report: \(resume.outputText)")
        #expect(resume.outputText.contains("resumed checkpoint \(id)"))
        #expect(repo.readText("src/app.py") == "x = 2\n")
        #expect(try repo.git("diff", "--cached", "--name-only") == "src/app.py\n")

        let document = try CheckpointSupport.document(repo, id)
        #expect(document["reason"] as? String == "completed")
        #expect(document["pending_steps"] as? [String] == [])
        #expect(document["completed_steps"] as? [String] == ["a", "b"])
        #expect(try repo.git("rev-list", "--count", "refs/tapps/checkpoints/\(id)") == "2\n",
                "the completed state is a commit on top of the stopped one")

        let again = try repo.tapps(["resume"])
        #expect(again.status == 2)
        #expect(again.errorText.contains("no resumable checkpoint"), "\(again.errorText)")
        let explicit = try repo.tapps(["resume", id])
        #expect(explicit.status == 2 && explicit.errorText.contains("already completed"), "\(explicit.errorText)")
        #expect(CheckpointSupport.lines(repo, ".b-ran") == 1)
    }

    @Test func resumeThatRunsOutOfBudgetAgainStacksAnotherState() throws {
        // b reports tokens too: with --budget 100, resume stops again after b, leaving c pending.
        let a = RunCommandTests.step("a", ["sh", "-c", "echo 95 > \"$TAPPS_TOKEN_REPORT\""])
        let b = RunCommandTests.step("b", ["sh", "-c", "echo ran >> .b-ran; echo 95 > \"$TAPPS_TOKEN_REPORT\""])
        let c = RunCommandTests.step("c", ["sh", "-c", "echo ran >> .c-ran"])
        let repo = try RunCommandTests.repository(config: RunCommandTests.config(a, b, c), install: false)
        try repo.write(".gitignore", ".b-ran\n.c-ran\n")
        try repo.commitAll("ignore")
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        #expect(try repo.tapps(["run", "--jobs", "1", "--budget", "100"]).status == 3)
        let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)
        let first = try repo.tapps(["resume", id, "--jobs", "1", "--budget", "100"])
        #expect(first.status == 3, "\(first.outputText)\(first.errorText)")
        #expect(first.outputText.contains("checkpoint saved: \(id)"))
        let document = try CheckpointSupport.document(repo, id)
        #expect(document["pending_steps"] as? [String] == ["c"])
        #expect(document["completed_steps"] as? [String] == ["a", "b"])
        #expect(document["resumes"] as? Int == 1)
        #expect(try repo.git("rev-list", "--count", "refs/tapps/checkpoints/\(id)") == "2\n")
        let second = try repo.tapps(["resume", "--jobs", "1"])
        #expect(second.status == 0, "\(second.outputText)\(second.errorText)")
        #expect(CheckpointSupport.lines(repo, ".b-ran") == 1 && CheckpointSupport.lines(repo, ".c-ran") == 1)
    }

    @Test func resumeRefusesWhenTheStagedContentChanged() throws {
        let repo = try CheckpointSupport.budgetRepository()
        #expect(try repo.tapps(["run", "--jobs", "1"]).status == 3)
        let refsBefore = try repo.git("for-each-ref", "refs/tapps/")
        try repo.write("README.md", "# demo, edited\n")
        try repo.git("add", "README.md")
        let resume = try repo.tapps(["resume"])
        #expect(resume.status == 2)
        #expect(resume.errorText.contains("staged change differs"), "\(resume.errorText)")
        #expect(resume.errorText.contains("git tapps run"), "it says how to proceed: \(resume.errorText)")
        #expect(repo.readText(".b-ran") == nil)
        #expect(try repo.git("for-each-ref", "refs/tapps/") == refsBefore)
        // Unstaged edits do not matter: restaging the saved content makes it resumable again.
        try repo.git("reset", "-q", "README.md")
        #expect(try repo.tapps(["resume"]).status == 0)
        #expect(CheckpointSupport.lines(repo, ".b-ran") == 1)
        #expect(repo.readText("README.md") == "# demo, edited\n")
    }

    @Test func interruptSavesACheckpointAndResumeFinishesTheInterruptedStep() throws {
        let quick = RunCommandTests.step("quick", ["sh", "-c", "echo ran >> .quick-ran"], phase: "review")
        let slow = RunCommandTests.step("slow", ["sh", "-c", "if [ -f .resumed ]; then echo done > .slow-done; else touch .started; sleep 30; fi"])
        let repo = try RunCommandTests.repository(config: RunCommandTests.config(quick, slow).replacingOccurrences(of: "preset: minimal", with: "preset: standard"),
                                                  install: false)
        try repo.write(".gitignore", ".started\n.resumed\n.slow-done\n.quick-ran\n")
        try repo.commitAll("ignore")
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        try repo.write("src/app.py", "x = 3  # unstaged\n")

        let process = try SignalTarget.launch(repo: repo, arguments: ["run", "--jobs", "1"])
        try SignalTarget.waitFor(repo.path(".started"))
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(repo.readText("src/app.py") == "x = 3  # unstaged\n")
        let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)
        let document = try CheckpointSupport.document(repo, id)
        #expect(document["reason"] as? String == "interrupted")
        #expect(document["completed_steps"] as? [String] == ["quick"])
        #expect(document["pending_steps"] as? [String] == ["slow"])

        try repo.write(".resumed", "")
        let resume = try repo.tapps(["resume", id, "--jobs", "1"])
        #expect(resume.status == 0, "\(resume.outputText)\(resume.errorText)")
        #expect(repo.readText(".slow-done") == "done\n")
        #expect(CheckpointSupport.lines(repo, ".quick-ran") == 1)
        #expect(repo.readText("src/app.py") == "x = 3  # unstaged\n")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
    }

    @Test func aFetchedCheckpointResumesInACloneWithTheClonesConfiguration() throws {
        let origin = try CheckpointSupport.budgetRepository()
        #expect(try origin.tapps(["run", "--jobs", "1"]).status == 3)
        let id = try #require(try CheckpointSupport.checkpointIDs(origin).first)

        let clone = try ScratchRepository(initialize: false)
        try clone.git(["clone", "-q", origin.root, clone.root], in: "/")
        // The clone's own configuration says what b runs; nothing in the checkpoint is executed.
        let a = RunCommandTests.step("a", ["sh", "-c", "echo ran >> .a-ran"])
        let b = RunCommandTests.step("b", ["sh", "-c", "echo clone >> .b-clone"])
        try clone.write(".tapps.yaml", "budget:\n  total: 10000\n" + RunCommandTests.config(a, b))
        try clone.write("src/app.py", "x = 2\n")
        try clone.git("add", "src/app.py")
        #expect(try clone.tapps(["checkpoints", "list", "--format", "json"]).outputText.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        try clone.git("fetch", "-q", "origin", "refs/tapps/*:refs/tapps/*")

        let resume = try clone.tapps(["resume"])
        #expect(resume.status == 0, "\(resume.outputText)\(resume.errorText)")
        #expect(resume.outputText.contains("resumed checkpoint \(id)"))
        #expect(clone.readText(".b-clone") == "clone\n", "the clone's command for b ran")
        #expect(clone.readText(".b-ran") == nil && clone.readText(".a-ran") == nil)
        #expect(origin.readText(".b-ran") == nil)
    }

    @Test func aPendingStepTheLocalConfigurationLacksIsSkippedNotRun() throws {
        let origin = try CheckpointSupport.budgetRepository()
        #expect(try origin.tapps(["run", "--jobs", "1"]).status == 3)
        // Locally, b no longer exists (the unstaged config edit does not change the staged tree).
        try origin.write(".tapps.yaml", "budget:\n  total: 10000\n" + RunCommandTests.config(RunCommandTests.step("a", ["true"])))
        let resume = try origin.tapps(["resume", "--format", "json"])
        #expect(resume.status == 0, "\(resume.outputText)\(resume.errorText)")
        let report = try #require(try CheckpointSupport.json(resume.outputText) as? [String: Any])
        let steps = try #require(report["steps"] as? [[String: Any]])
        let b = try #require(steps.first { $0["name"] as? String == "b" })
        #expect(b["status"] as? String == "skipped")
        #expect((b["note"] as? String)?.contains("not a step of preset minimal") == true)
        #expect(origin.readText(".b-ran") == nil)
    }

    @Test func unknownIDsAreUsageErrors() throws {
        let repo = try CheckpointSupport.budgetRepository()
        let resume = try repo.tapps(["resume", "no-such-checkpoint"])
        #expect(resume.status == 2)
        #expect(resume.errorText.contains("no checkpoint 'no-such-checkpoint'"), "\(resume.errorText)")
        #expect(try repo.tapps(["resume", "../../heads/main"]).status == 2)
        #expect(try repo.tapps(["resume"]).status == 2)
    }
}
