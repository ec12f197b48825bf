/// What every step of one run shares: where it runs and what it sees in its environment.
public struct StepEnvironment: Sendable {
    /// The work-tree root; steps run from here.
    public var root: String
    /// Exported as `TAPPS_RUN_ID`.
    public var runID: String
    /// The repository's common git directory (shared by worktrees); the mypy cache lives under it.
    public var gitCommonDirectory: String
    /// Passed through to steps (PATH, HOME, …); the `TAPPS_*` variables are added on top.
    public var baseEnvironment: [String: String]
    /// The run's own scratch directory (the built-in pytest's report and coverage data), created by the steps
    /// that need it.
    public var tokenReportDirectory: String

    /// Where each step's `TAPPS_TOKEN_REPORT` file and captured output go: the directory that holds the run's
    /// own, with the run id in their names. A run whose steps need no scratch directory then creates none:
    /// a `mkdir` and `rmdir` pair costs 0.3–0.8 ms on ext4, more than the rest of a no-op step's bookkeeping.
    public var stepFileDirectory: String {
        var path = Substring(tokenReportDirectory)
        while path.count > 1, path.last == "/" { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The path of a step's file of kind `suffix` (`tokens`, `output`) in ``stepFileDirectory``.
    func stepFile(_ step: String, _ suffix: String) -> String {
        stepFileDirectory + "/" + StepExecutor.fileName(for: runID) + "." + StepExecutor.fileName(for: step) + "." + suffix
    }

    public init(root: String, runID: String, gitCommonDirectory: String, baseEnvironment: [String: String],
                tokenReportDirectory: String) {
        self.root = root
        self.runID = runID
        self.gitCommonDirectory = gitCommonDirectory
        self.baseEnvironment = baseEnvironment
        self.tokenReportDirectory = tokenReportDirectory
    }

    /// The environment a step runs with.
    func variables(tokenReport: String, extra: [String: String] = [:]) -> [String: String] {
        var variables = baseEnvironment
        for (key, value) in extra { variables[key] = value }
        variables["TAPPS_REPO_ROOT"] = root
        variables["TAPPS_RUN_ID"] = runID
        variables["TAPPS_TOKEN_REPORT"] = tokenReport
        return variables
    }
}
