import TappsCore

/// What `git tapps run` was asked to do.
public struct RunOptions: Sendable {
    /// A preset name, `auto`, or nil for the configured one.
    public var preset: String?
    /// The task description, for `auto`.
    public var description: String?
    /// Parallel steps at most; nil for the number of cores.
    public var jobs: Int?
    public var scope: RunSummary.Scope = .staged
    /// Step names to skip (from `SKIP=a,b`).
    public var skip: Set<String> = []
    /// Show a live progress line on stderr (a terminal, text output).
    public var interactive = false
    /// Print every finding and the full output of failing steps.
    public var fullOutput = false
    /// Token budget for this run (`--budget N`); nil: `.tapps.yaml` `budget:`, else unlimited.
    public var budget: Int?
    /// The report the reader gets: what the budget counts as printed for each finished step.
    public var report: ReportFormat = .text(full: false)
    /// Tokens the reader had used before the run (`--budget-used N`, `TAPPS_TOKENS_USED`); they count toward the budget.
    public var budgetUsed = 0
    /// Reuse and record passed step results (`--no-cache` turns this off: the cache is neither read nor written).
    public var useCache = true

    public init() {}
}

