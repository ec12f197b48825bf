import Testing
import TappsCore

/// A failing step's own output in the reports: JSON `output` and `--full`.
@Suite struct ToolOutputTests {
    static let finding = Finding(file: RepoPath("tests/test_a.py"), line: 5, code: "tests/test_a.py::test_x",
                                 message: "AssertionError: assert 7 == 6")

    static func summary(_ result: StepResult) -> RunSummary {
        RunSummary(runID: "r", preset: "standard", presetSource: "--preset", scope: .staged, fileCount: 1,
                   results: [result])
    }

    static func jsonOutput(_ result: StepResult) -> String? {
        guard case .object(let fields) = RunReport.json(result) else { return nil }
        guard case .string(let text)? = fields.first(where: { $0.0 == "output" })?.1 else { return nil }
        return text
    }

    @Test func aFailingStepsJSONCarriesItsOutputEvenWithFindings() {
        let output = "F\n=== short test summary info ===\nFAILED tests/test_a.py::test_x - assert 7 == 6\n1 failed in 0.1s\n"
        let failed = StepResult(name: "pytest", phase: .test, status: .failed, findings: [Self.finding], output: output)
        #expect(Self.jsonOutput(failed) == output)
        let passed = StepResult(name: "pytest", phase: .test, status: .passed, output: "1 passed in 0.1s\n")
        #expect(Self.jsonOutput(passed) == "", "a passing step's output is not repeated")
    }

    @Test func theJSONOutputKeepsTheEnd() {
        let output = String(repeating: "x", count: 10_000) + "\nthe end\n"
        let failed = StepResult(name: "lint", phase: .review, status: .failed, output: output)
        let kept = Self.jsonOutput(failed) ?? ""
        #expect(kept.count == ToolOutput.jsonLimit && kept.hasSuffix("\nthe end\n"))
    }

    @Test func fullPrintsTheToolsOwnOutputAfterTheFindings() throws {
        let output = "tests/test_a.py:5: in test_x\n    assert f() == 6\nE   assert 7 == 6\n1 failed in 0.1s\n"
        let failed = StepResult(name: "pytest", phase: .test, status: .failed, findings: [Self.finding], output: output)
        let short = RunReport.text(Self.summary(failed), color: false)
        #expect(short.contains("5 error: AssertionError: assert 7 == 6 [tests/test_a.py::test_x]"))
        #expect(!short.contains("E   assert 7 == 6"))
        let full = RunReport.text(Self.summary(failed), color: false, full: true)
        let lines = full.split(separator: "\n").map(String.init)
        let finding = try #require(lines.firstIndex { $0.contains("5 error: AssertionError") }, "\(full)")
        let heading = try #require(lines.firstIndex { $0 == "  output of pytest:" }, "\(full)")
        #expect(finding < heading)
        #expect(lines.contains("    E   assert 7 == 6") && lines.contains("    1 failed in 0.1s"))
    }
}
