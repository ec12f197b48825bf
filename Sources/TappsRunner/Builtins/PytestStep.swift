import TappsCore

/// The built-in pytest step: runs the tests related to the staged change.
enum PytestStep {
    /// Quiet, with a short summary of failures and errors, and no `.pytest_cache` or `__pycache__` left in the work
    /// tree.
    static func invocation(tool: String) -> BuiltinInvocation {
        BuiltinInvocation(program: tool, arguments: ["-q", "-rfE", "--no-header", "-p", "no:cacheprovider"],
                          environment: ["PYTHONDONTWRITEBYTECODE": "1"])
    }

    /// pytest's exit codes: 0 passed, 1 tests failed, 2 interrupted (collection errors), 3 internal error,
    /// 4 usage error, 5 no tests collected.
    static func verdict(exitCodes: [Int32], output: String) -> StepVerdict {
        let findings = PytestOutput.findings(in: output)
        if let broken = exitCodes.first(where: { $0 == 3 || $0 == 4 || !(0...5).contains($0) }) {
            return StepVerdict(status: .error, exitCode: broken, findings: findings,
                               note: broken == 4 ? "pytest could not run (usage error)" : "pytest exited with code \(broken)")
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
