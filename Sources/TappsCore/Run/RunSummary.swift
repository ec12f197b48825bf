/// Everything `git tapps run` reports about one run.
public struct RunSummary: Sendable {
    /// Which files the run looked at.
    public enum Scope: Sendable, Hashable {
        case staged
        case allFiles
        case range(from: String, to: String)

        public var label: String {
            switch self {
            case .staged: "staged"
            case .allFiles: "all-files"
            case .range(let from, let to): "\(from)..\(to)"
            }
        }
    }

    public var runID: String
    public var preset: String
    /// Why this preset: "--preset", ".tapps.yaml", "recommended (…)", "default".
    public var presetSource: String
    public var scope: Scope
    public var fileCount: Int
    public var results: [StepResult]
    /// Step changes kept as unstaged edits.
    public var keptChanges: [RepoPath]
    /// Step changes dropped because they clashed with the user's unstaged edits.
    public var droppedChanges: [RepoPath]
    /// Lines for the reader: fallbacks, restored backups, isolation problems.
    public var notes: [String]
    public var duration: Double
    /// Set when the run was stopped by a signal (130 or 143).
    public var interruptedBy: Int32?
    /// The token budget and what the finished steps reported (unlimited when none was configured).
    public var budget = TokenBudget(total: nil)
    /// One line per threshold crossed during the run, in order.
    public var budgetWarnings: [String] = []
    /// The budget reached red while steps were still waiting to start (exit 3).
    public var stoppedByBudget = false
    /// The checkpoint this run saved (stopped or interrupted) or updated (a resume), if any.
    public var checkpointID: String?
    /// Set by `git tapps resume`: the checkpoint whose pending steps this run continued.
    public var resumedFrom: String?
    /// The recommender's pick for the staged change when the run used another preset; with the hint how to follow it.
    public var recommendation: RecommendationHint?
    /// The change's touched files and the added lines of those with findings: the delta report's filter
    /// (nil: no diff to filter by, as for `--all-files`).
    public var changedLines: ChangedLines?

    public init(runID: String, preset: String, presetSource: String, scope: Scope, fileCount: Int,
                results: [StepResult], keptChanges: [RepoPath] = [], droppedChanges: [RepoPath] = [],
                notes: [String] = [], duration: Double = 0, interruptedBy: Int32? = nil) {
        self.runID = runID
        self.preset = preset
        self.presetSource = presetSource
        self.scope = scope
        self.fileCount = fileCount
        self.results = results
        self.keptChanges = keptChanges
        self.droppedChanges = droppedChanges
        self.notes = notes
        self.duration = duration
        self.interruptedBy = interruptedBy
    }

    /// The contract's exit code: 0 passed/skipped, 1 failed or modified, 3 stopped by the token budget,
    /// 130/143 interrupted.
    public var exitCode: Int32 {
        if let interruptedBy { return 128 + interruptedBy }
        if stoppedByBudget { return 3 }
        if results.contains(where: { $0.status.failsRun }) || !keptChanges.isEmpty || !droppedChanges.isEmpty { return 1 }
        return 0
    }

    /// "passed", "failed", "stopped_by_budget" or "interrupted".
    public var outcome: String {
        switch exitCode {
        case 0: "passed"
        case 1: "failed"
        case 3: "stopped_by_budget"
        default: "interrupted"
        }
    }
}

/// The recommender disagreed with the preset a run used (`recommended: minimal — preset: auto to follow it`).
public struct RecommendationHint: Sendable, Hashable {
    /// The preset the recommender picks for the staged change.
    public var preset: String
    /// How to follow it: `preset: auto` (in .tapps.yaml) or `--preset auto`.
    public var follow: String

    public init(preset: String, follow: String) {
        self.preset = preset
        self.follow = follow
    }

    /// The summary line's part: `recommended: minimal — preset: auto to follow it`.
    public var text: String { "recommended: \(preset) — \(follow) to follow it" }
}
