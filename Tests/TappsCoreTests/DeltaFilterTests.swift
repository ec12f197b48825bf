import Testing
@testable import TappsCore

/// The delta report's choice of findings, without processes.
@Suite struct DeltaFilterTests {
    let app = RepoPath("src/app.py")
    let other = RepoPath("src/other.py")

    func result(_ name: String, phase: Phase = .review, _ findings: [Finding]) -> StepResult {
        StepResult(name: name, phase: phase, status: .failed, findings: findings)
    }

    @Test func addedLinesFirstTheRestCountedPerFileAndDuplicatesMerged() {
        let changed = ChangedLines(touchedFiles: [app], addedLines: [app: [10...12]])
        let ruff = result("ruff", [
            Finding(file: app, line: 1, message: "old"), Finding(file: app, line: 11, message: "Undefined name `x`"),
            Finding(file: other, line: 3, message: "elsewhere"), Finding(file: nil, message: "no file"),
        ])
        let flake8 = result("flake8", [
            Finding(file: app, line: 11, column: 4, message: "undefined name 'x'"), Finding(file: app, line: 12, message: "new"),
            Finding(file: app, line: 1, message: "OLD"),
        ])
        let views = DeltaFilter.views([ruff, flake8], changed: changed, full: false)
        let first = views[0]!
        #expect(first.shown.map(\.finding.message) == ["Undefined name `x`", "no file"])
        #expect(first.shown[0].alsoReportedBy == ["flake8"])
        #expect(first.shown[0].onAddedLine && !first.shown[1].onAddedLine)
        #expect(first.hidden == [DeltaFilter.Hidden(file: app, count: 1, touched: true),
                                 DeltaFilter.Hidden(file: other, count: 1, touched: false)])
        let second = views[1]!
        #expect(second.shown.map(\.finding.message) == ["new"])
        #expect(second.duplicates == 2, "the merged one and the hidden old one")
        #expect(second.hidden.isEmpty)

        let full = DeltaFilter.views([ruff, flake8], changed: changed, full: true)
        #expect(full[0]!.shown.count == 4 && full[1]!.shown.count == 3 && full[0]!.hidden.isEmpty)
    }

    /// pluggy: `Statement is unreachable` two lines below the edit that caused it was only "+1 more …: --full".
    @Test func aFailingStepWithNothingOnTheChangedLinesShowsTheNearestFindings() {
        let changed = ChangedLines(touchedFiles: [app], addedLines: [app: [40...41]])
        let mypy = result("mypy", [
            Finding(file: app, line: 2, message: "far above"), Finding(file: app, line: 43, message: "unreachable"),
            Finding(file: other, line: 42, message: "untouched file"), Finding(file: app, line: 90, message: "far below"),
            Finding(file: app, line: 38, message: "just above"), Finding(file: app, line: 70, message: "below"),
        ])
        let view = DeltaFilter.views([mypy], changed: changed, full: false)[0]!
        #expect(view.shown.map(\.finding.message) == ["unreachable", "just above", "below"], "nearest three, in the tool's order")
        #expect(view.shown.allSatisfy { !$0.onAddedLine })
        #expect(view.hidden == [DeltaFilter.Hidden(file: app, count: 2, touched: true),
                                DeltaFilter.Hidden(file: other, count: 1, touched: false)])
        let onTheLines = result("ruff", [Finding(file: app, line: 40, message: "new"), Finding(file: app, line: 43, message: "old")])
        #expect(DeltaFilter.views([onTheLines], changed: changed, full: false)[0]!.shown.map(\.finding.message) == ["new"],
                "a step with a finding on the changed lines shows only those")
    }

    @Test func testFailuresAreNeverFilteredByLineAndNoDiffFiltersNothing() {
        let changed = ChangedLines(touchedFiles: [app], addedLines: [app: [5...5]])
        let findings = (1...25).map { Finding(file: RepoPath("tests/test_app.py"), line: $0, message: "test failed") }
            + [Finding(file: app, line: 5, message: "on the change")]
        let view = DeltaFilter.views([result("pytest", phase: .test, findings)], changed: changed, full: false)[0]!
        #expect(view.shown.first?.finding.message == "on the change", "added lines first")
        #expect(view.shown.count == RunReport.findingsPerStep && view.truncated == 6 && view.hidden.isEmpty)
        let unfiltered = DeltaFilter.views([result("lint", findings)], changed: nil, full: false)[0]!
        #expect(unfiltered.hidden.isEmpty && unfiltered.shown.count == 20)
    }

    @Test func theTextReportPrintsTheViewAndANextStep() {
        var summary = RunSummary(runID: "r", preset: "standard", presetSource: "default", scope: .staged, fileCount: 1,
                                 results: [result("ruff", [Finding(file: app, line: 2, message: "new"), Finding(file: app, line: 9, message: "old")])])
        summary.changedLines = ChangedLines(touchedFiles: [app], addedLines: [app: [2...2]])
        let text = RunReport.text(summary, color: false)
        #expect(text.contains("  src/app.py\n    2 error: new\n  +1 more in src/app.py outside the changed lines: --full"), "\(text)")
        #expect(text.hasSuffix("next: fix the findings above and re-stage (git add); SKIP=ruff skips one step (failing: ruff); `git tapps run --full` shows the 1 finding left out"), "\(text)")
        #expect(RunReport.text(summary, color: false, full: true).contains("    9 error: old"))
    }
}

@Suite struct TokenEstimatorTests {
    @Test func deterministicAndMonotonic() {
        let line = "src/app.py:12:5: error: Argument 1 to \"f\" has incompatible type \"str\"; expected \"int\"  [arg-type]\n"
        let one = TokenEstimator.estimate(line, as: .toolOutput)
        #expect(one == TokenEstimator.estimate(line, as: .toolOutput))
        #expect(one > line.count / 6 && one < line.count)
        #expect(TokenEstimator.estimate(String(repeating: line, count: 10), as: .toolOutput) > 9 * one)
        #expect(TokenEstimator.estimate("", as: .prose) == 0)
        #expect(TokenEstimator.estimate("a", as: .json) == 1)
        let features = TokenEstimator.features(of: "fooBar  12 ü\n")
        #expect(features.words == 1 && features.caseChanges == 1 && features.digits == 2 && features.digitRuns == 1)
        #expect(features.indents == 1 && features.nonASCII == 2 && features.newlines == 1)
    }
}
