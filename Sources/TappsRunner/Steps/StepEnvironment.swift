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
    /// Where the per-step `TAPPS_TOKEN_REPORT` files (and, briefly, the captured output) go. Created if missing.
    public var tokenReportDirectory: String

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
