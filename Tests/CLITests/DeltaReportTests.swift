import Foundation
import Testing
import TestSupport

/// The delta report against `--full` on real repositories: what is shown, what is counted, what is merged.
@Suite struct DeltaReportTests {
    /// Three review steps: two report the same BUG lines (one finding each, merged), one reports `x =` lines.
    static func repository() throws -> ScratchRepository {
        let steps = AgentHookSupport.markerStep("lint") + AgentHookSupport.markerStep("lint2")
            + AgentHookSupport.markerStep("style", message: "style nit").replacingOccurrences(of: "/BUG/", with: "/x =/")
        let repo = try AgentHookSupport.repository(steps: steps)
        // Ten old BUG lines (committed without checks), then a change that adds two more.
        let base = (1...10).map { "old\($0) = 1  # BUG old" }.joined(separator: "\n") + "\n"
        try repo.write("src/app.py", base)
        try repo.write("src/other.py", "x = 1\n")
        try repo.commitAll("old bugs")
        try repo.write("src/app.py", base.replacingOccurrences(of: "old3 = 1  # BUG old\n", with: "old3 = 1  # BUG old\nnew1 = 2  # BUG new\nx = 3\n") + "new2 = 4  # BUG new\n")
        try repo.git("add", "src/app.py")
        return repo
    }

    @Test func theDeltaShowsEveryFindingOnAddedLinesCountsTheRestAndMergesDuplicates() throws {
        let repo = try Self.repository()
        let delta = try repo.tapps(["run"])
        #expect(delta.status == 1, "\(delta.errorText)")
        let text = delta.outputText
        // Added lines are 4, 5 (new1, x = 3) and 13 (new2).
        #expect(text.contains("    4:1 error: bug marker (also lint2)"), "\(text)")
        #expect(text.contains("    13:1 error: bug marker (also lint2)"), "\(text)")
        #expect(text.contains("    5:1 error: style nit"), "\(text)")
        #expect(text.contains("  +10 more in src/app.py outside the changed lines: --full"), "\(text)")
        #expect(text.contains("findings, all reported above by another step") || text.contains("all reported above"), "\(text)")
        #expect(!text.contains("    1:1 error: bug marker"), "old findings are counted, not shown: \(text)")
        #expect(text.split(separator: "\n").last?.hasPrefix("next: fix the findings above and re-stage (git add); SKIP=lint skips one step") == true, "\(text)")

        let full = try repo.tapps(["run", "--full"])
        #expect(full.status == 1, "the verdict does not depend on what is shown")
        for line in 1...13 where line != 5 {
            #expect(full.outputText.contains("    \(line):1 error: bug marker\n") || full.outputText.contains("    \(line):1 error: bug marker"), "\(line)")
        }
        #expect(full.outputText.components(separatedBy: "error: bug marker").count - 1 == 24, "both steps, every finding: \(full.outputText)")
        #expect(!full.outputText.contains("more in"))
    }

    @Test func jsonMarksChangedLinesKeepsEveryFindingAndCountsTheSaving() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--format", "json"])
        #expect(run.status == 1)
        #expect(!run.outputText.contains("\n  "), "stdout is not a terminal: compact JSON")
        let report = try AgentHookSupport.json(run.outputText)
        let steps = try #require(report["steps"] as? [[String: Any]])
        let lint = try #require(steps.first { $0["name"] as? String == "lint" })
        let findings = try #require(lint["findings"] as? [[String: Any]])
        #expect(findings.count == 12, "JSON keeps every finding")
        let changed = findings.filter { $0["changed_line"] as? Bool == true }.compactMap { $0["line"] as? Int }
        #expect(changed.sorted() == [4, 13])
        #expect(findings.allSatisfy { $0["changed_line"] is Bool })
        let full = try #require(report["tokens_full"] as? Int)
        let delta = try #require(report["tokens_delta"] as? Int)
        #expect(delta < full && report["tokens_saved"] as? Int == full - delta)
        let percentage = try #require(report["percentage_saved"] as? Double)
        #expect(abs(percentage - Double(full - delta) * 100 / Double(full)) < 0.1)
        let tokensJSON = try #require(report["tokens_json"] as? Int)
        #expect(tokensJSON > 0 && tokensJSON > delta)
        #expect(lint["tokens_estimated"] as? Int ?? 0 > 0)
        #expect(report["next"] as? String != nil)

        let pretty = try repo.tapps(["run", "--format", "json", "--pretty"])
        #expect(pretty.outputText.contains("\n  \"run_id\": "), "--pretty indents")
    }

    @Test func withoutADiffAllFilesShowsEverything() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--all-files"])
        #expect(run.status == 1)
        #expect(run.outputText.contains("    1:1 error: bug marker"), "\(run.outputText)")
        #expect(!run.outputText.contains("outside the changed lines"))
    }
}

/// The budget counts what the report prints, as each step finishes.
@Suite struct PrintedBudgetTests {
    static func repository() throws -> ScratchRepository {
        let steps = AgentHookSupport.markerStep("lint") + AgentHookSupport.ranStep
        let repo = try AgentHookSupport.repository(steps: steps.replacingOccurrences(of: "phase: review", with: "phase: test"))
        try repo.write("src/app.py", (1...40).map { "v\($0) = 1  # BUG" }.joined(separator: "\n") + "\n")
        try repo.git("add", "src/app.py")
        return repo
    }

    @Test func aSmallBudgetStopsARunWhoseFailingStepPrintsFindingsBeforeTheNextStep() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--jobs", "1", "--budget", "300", "--format", "json"])
        #expect(run.status == 3, "\(run.outputText + run.errorText)")
        #expect(repo.readText(".hook-ran") == nil, "the next step never started")
        let report = try AgentHookSupport.json(run.outputText)
        let budget = try #require(report["budget"] as? [String: Any])
        #expect(budget["reported"] as? Int == 0, "no step reported tokens")
        let printed = try #require(budget["printed"] as? Int)
        #expect(printed >= 270, "the failing step's findings alone reach red: \(printed)")
        let steps = try #require(report["steps"] as? [[String: Any]])
        #expect(steps.first { $0["name"] as? String == "lint" }?["tokens_estimated"] as? Int == printed)
        #expect(steps.first { $0["name"] as? String == "ran" }?["status"] as? String == "interrupted")
        #expect(report["checkpoint"] is String)
    }

    @Test func theCheckpointKeepsTheFullReportAsFullPrintsIt() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--jobs", "1", "--budget", "300", "--full"])
        #expect(run.status == 3, "\(run.outputText + run.errorText)")
        let id = try #require(try CheckpointSupport.checkpointIDs(repo).first)
        let stored = try repo.git("show", "refs/tapps/checkpoints/\(id):report.txt")
        #expect(stored == run.outputText, "stored:\n\(stored)\nprinted:\n\(run.outputText)")
        #expect(stored.components(separatedBy: "error: bug marker").count - 1 == 40)

        let delta = try repo.tapps(["run", "--jobs", "1", "--budget", "150"])
        let id2 = try #require(try CheckpointSupport.checkpointIDs(repo).first { $0 != id })
        let stored2 = try repo.git("show", "refs/tapps/checkpoints/\(id2):report.txt")
        #expect(stored2.components(separatedBy: "error: bug marker").count - 1 == 40, "the full report, whatever was printed")
        #expect(delta.outputText.contains("… 20 more"), "\(delta.outputText)")
    }

    @Test func budgetUsedSeedsTheLevel() throws {
        let repo = try Self.repository()
        try repo.write("src/app.py", "clean = 1\n")
        try repo.git("add", "src/app.py")
        let seeded = try repo.tapps(["run", "--jobs", "1", "--budget", "10000", "--budget-used", "9000", "--format", "json"])
        #expect(seeded.status == 3, "9,000 used before is 90% already: no step starts: \(seeded.outputText)")
        #expect(repo.readText(".hook-ran") == nil)
        let budget = try #require(try AgentHookSupport.json(seeded.outputText)["budget"] as? [String: Any])
        #expect(budget["used_before"] as? Int == 9000)
        #expect(budget["consumed"] as? Int == 9000)

        let yellow = try repo.tapps(["run", "--jobs", "1", "--budget", "10000", "--budget-used", "5000"])
        #expect(yellow.status == 0 && yellow.outputText.contains("token budget yellow: 5,0"), "\(yellow.outputText)")

        let environment = try repo.tapps(["run", "--jobs", "1", "--budget", "10000", "--format", "json"], environment: ["TAPPS_TOKENS_USED": "9500"])
        #expect(environment.status == 3)
        #expect((try AgentHookSupport.json(environment.outputText)["budget"] as? [String: Any])?["used_before"] as? Int == 9500)

        let fresh = try repo.tapps(["run", "--jobs", "1", "--budget", "10000"])
        #expect(fresh.status == 0, "\(fresh.outputText)")
        let bad = try repo.tapps(["run", "--budget-used", "-4"])
        #expect(bad.status == 2)
    }
}
