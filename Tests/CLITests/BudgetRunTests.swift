import Foundation
import Testing
import TestSupport

/// The token budget end to end: exit 3, the checkpoint it saves, warnings, and no refs on a normal run.
@Suite struct BudgetRunTests {
    @Test func reachingRedStopsTheRunWithExit3AndSavesACheckpoint() throws {
        let repo = try CheckpointSupport.budgetRepository()
        let stagedTree = try repo.git("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
        let run = try repo.tapps(["run", "--jobs", "1"])
        #expect(run.status == 3, "\(run.outputText)\(run.errorText)")
        #expect(CheckpointSupport.lines(repo, ".a-ran") == 1)
        #expect(repo.readText(".b-ran") == nil, "no step starts once the budget is red")
        #expect(repo.readText("src/app.py") == "x = 2\n")

        let ids = try CheckpointSupport.checkpointIDs(repo)
        #expect(ids.count == 1)
        let id = try #require(ids.first)
        #expect(run.outputText.contains("checkpoint saved: \(id) — resume with `git tapps resume \(id)`"), "\(run.outputText)")
        // 9,500 reported by step a, plus the estimated tokens of its line in the report.
        #expect(run.outputText.contains(/token budget red: 9,5\d\d of 10,000 tokens used \(95%\)/), "\(run.outputText)")

        let document = try CheckpointSupport.document(repo, id)
        #expect(document["id"] as? String == id)
        #expect(document["preset"] as? String == "minimal")
        #expect(document["reason"] as? String == "budget")
        #expect(document["completed_steps"] as? [String] == ["a"])
        #expect(document["pending_steps"] as? [String] == ["b"])
        let consumed = try #require(document["tokens_consumed"] as? Int)
        #expect(consumed > 9_500 && consumed < 9_550, "reported 9,500 plus a printed status line: \(consumed)")
        #expect(document["tokens_remaining"] as? Int == 10_000 - consumed)
        #expect(document["staged_tree"] as? String == stagedTree)
        let created = try #require(document["created_at"] as? String)
        #expect(created.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(created)")
        let steps = try #require(document["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["a", "b"])
        #expect(steps.last?["note"] as? String == "not started: the token budget ran out")
        #expect(try repo.git("show", "refs/tapps/checkpoints/\(id):outputs/a.txt") == "output of a\n")
        #expect(try repo.git("rev-list", "--count", "refs/tapps/checkpoints/\(id)") == "1\n")
    }

    @Test func theCommandLineBudgetWinsAndJSONCarriesTheBudget() throws {
        let repo = try CheckpointSupport.budgetRepository(budget: "")
        let unlimited = try repo.tapps(["run", "--jobs", "1", "--no-cache", "--format", "json"])
        #expect(unlimited.status == 0, "no budget configured: unlimited, nothing stops")
        let free = try #require(try CheckpointSupport.json(unlimited.outputText) as? [String: Any])
        let freeBudget = try #require(free["budget"] as? [String: Any])
        #expect(freeBudget["total"] is NSNull && freeBudget["reported"] as? Int == 9_500 && freeBudget["level"] as? String == "green")
        let freeSteps = try #require(free["steps"] as? [[String: Any]])
        let printed = freeSteps.compactMap { $0["tokens_estimated"] as? Int }
        #expect(printed.count == 2 && printed.allSatisfy { $0 > 0 }, "each finished step's JSON is counted: \(freeSteps)")
        #expect(freeBudget["printed"] as? Int == printed.reduce(0, +))
        #expect(freeBudget["consumed"] as? Int == 9_500 + printed.reduce(0, +))

        let run = try repo.tapps(["run", "--jobs", "1", "--budget", "10000", "--format", "json"])
        #expect(run.status == 3, "\(run.outputText)\(run.errorText)")
        let report = try #require(try CheckpointSupport.json(run.outputText) as? [String: Any])
        #expect(report["status"] as? String == "stopped_by_budget")
        #expect(report["exit_code"] as? Int == 3)
        let budget = try #require(report["budget"] as? [String: Any])
        #expect(budget["total"] as? Int == 10_000)
        let consumed = try #require(budget["consumed"] as? Int)
        #expect(budget["reported"] as? Int == 9_500)
        #expect(consumed == 9_500 + (budget["printed"] as? Int ?? -1))
        #expect(budget["remaining"] as? Int == 10_000 - consumed)
        #expect(budget["level"] as? String == "red")
        #expect((report["budget_warnings"] as? [String])?.count == 1)
        #expect(report["checkpoint"] as? String == (try CheckpointSupport.checkpointIDs(repo)).first)
    }

    @Test func aPassingRunWarnsAtAThresholdButSavesNoCheckpoint() throws {
        let repo = try CheckpointSupport.budgetRepository(budget: "budget:\n  total: 15000\n")
        let run = try repo.tapps(["run", "--jobs", "1"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(run.outputText.contains(/token budget yellow: 9,5\d\d of 15,000 tokens used \(63%\), 5,4\d\d left/), "\(run.outputText)")
        #expect(!run.outputText.contains("checkpoint"))
        #expect(CheckpointSupport.lines(repo, ".b-ran") == 1)
        #expect(try repo.git("for-each-ref", "refs/tapps/").isEmpty, "a completed run leaves no refs")
    }

    @Test func redAfterTheLastStepIsNotAStop() throws {
        // Both steps run in parallel (--jobs 2): nothing is left to hold back, so the run completes.
        let repo = try CheckpointSupport.budgetRepository()
        let run = try repo.tapps(["run", "--jobs", "2"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(run.outputText.contains("token budget red"))
        #expect(try CheckpointSupport.checkpointIDs(repo).isEmpty)
    }
}
