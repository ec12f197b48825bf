import TappsCore

/// The built-in pytest step: runs the tests related to the staged change.
enum PytestStep {
    /// Terminal width pytest is told it has: its short summary cuts messages to the width, and its rules and
    /// section titles fill it. Wide enough for a message's first line, narrow enough not to pad every rule.
    static let columns = "200"

    /// Quiet, with short tracebacks and a short summary of failures and errors, a JUnit report (xunit1: with file
    /// and line attributes) at `reportFile`, and no `.pytest_cache` or `__pycache__` left in the work tree.
    static func invocation(tool: String, reportFile: String?) -> BuiltinInvocation {
        var arguments = ["-q", "-rfE", "--tb=short", "--no-header", "-p", "no:cacheprovider"]
        if let reportFile { arguments += ["--junit-xml=\(reportFile)", "-o", "junit_family=xunit1"] }
        var invocation = BuiltinInvocation(program: tool, arguments: arguments,
                                           environment: ["PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": columns])
        invocation.reportFile = reportFile
        return invocation
    }

    /// What one run of the step produced.
    struct Run: Sendable {
        var exitCodes: [Int32]
        /// Everything pytest printed.
        var output: String
        /// The JUnit report each invocation wrote, in order (fewer than `exitCodes` when some wrote none).
        var reports: [String] = []
        /// The test files pytest was given.
        var tests: [RepoPath] = []
        var staged: [RepoPath] = []
        var root: String = ""
    }

    /// The outcomes: from the JUnit reports when every invocation wrote a readable one, else from the terminal
    /// output.
    static func cases(_ run: Run) -> (cases: [PytestCase], fromReports: Bool) {
        let parsed = run.reports.compactMap(PytestJUnit.cases(in:))
        if !run.exitCodes.isEmpty && parsed.count == run.exitCodes.count { return (parsed.flatMap { $0 }, true) }
        return (PytestOutput.cases(in: run.output), false)
    }

    /// pytest's exit codes: 0 passed, 1 tests failed, 2 interrupted (collection errors), 3 internal error,
    /// 4 usage error, 5 no tests collected. The note says what ran: `2 failed, 39 passed in 3 files`.
    static func verdict(_ run: Run) -> StepVerdict {
        let (cases, fromReports) = self.cases(run)
        let paths = PytestPaths(root: run.root, known: run.tests + run.staged)
        let findings = PytestFindings.findings(for: cases, paths: paths, staged: Set(run.staged))
        let counts = fromReports ? PytestCounts(cases) : PytestOutput.counts(in: run.output)
        var verdict = judge(exitCodes: run.exitCodes, findings: findings, cases: cases)
        if verdict.status == .failed, cases.isEmpty, counts == nil {
            // A plugin or conftest hook that raised while pytest started: nothing ran.
            verdict.note = "pytest stopped before running any test; see its output"
        }
        if let counts, !counts.isEmpty, verdict.status != .skipped {
            let files = run.tests.isEmpty ? Set(cases.compactMap(\.file)).count : run.tests.count
            let ran = "\(counts.text) in \(files) file\(files == 1 ? "" : "s")"
            verdict.note = verdict.note.map { "\(ran); \($0)" } ?? ran
        }
        return verdict
    }

    static func judge(exitCodes: [Int32], findings: [Finding], cases: [PytestCase]) -> StepVerdict {
        if let broken = exitCodes.first(where: { $0 == 3 || $0 == 4 || !(0...5).contains($0) }) {
            let conftest = broken == 4 && cases.contains { $0.stage == .collection && $0.nodeID.hasSuffix("conftest.py") }
            let note = conftest ? "pytest could not load a conftest.py"
                : broken == 4 ? "pytest could not run (usage error)" : "pytest exited with code \(broken)"
            return StepVerdict(status: .error, exitCode: broken, findings: findings, note: note)
        }
        if let failing = exitCodes.first(where: { $0 == 1 || $0 == 2 }) {
            return StepVerdict(status: .failed, exitCode: failing, findings: findings,
                               note: failing == 2 ? "errors while collecting tests" : nil)
        }
        if !exitCodes.isEmpty && exitCodes.allSatisfy({ $0 == 5 }) {
            return StepVerdict(status: .skipped, exitCode: 5, note: "no tests collected")
        }
        return StepVerdict(status: .passed, exitCode: 0, findings: findings)
    }
}
