/// Why a checkpoint state was saved.
public enum CheckpointReason: String, Sendable, Hashable {
    /// The token budget reached red; steps were left unstarted (exit 3).
    case budget
    /// SIGINT/SIGTERM stopped the run (exit 130/143).
    case interrupted
    /// A resume finished every pending step; nothing is left to resume.
    case completed
}

/// The state of a stopped run, saved as `checkpoint.json` in a commit under `refs/tapps/checkpoints/<id>`.
///
/// Everything in it is data: the step names are matched against the *local* configuration on resume, never run
/// from here. Nothing machine-specific is stored (no paths, no host), so a fetched checkpoint resumes anywhere
/// the staged content is the same.
public struct Checkpoint: Sendable {
    /// The format version written in `checkpoint.json`.
    public static let formatVersion = 1

    /// The run id (also the ref name's last component).
    public var id: String
    public var preset: String
    public var presetSource: String
    public var scope: RunSummary.Scope
    public var reason: CheckpointReason
    /// ISO-8601 UTC, e.g. `2026-01-29T14:30:22Z`.
    public var createdAt: String
    /// The tree id of the staged content the run checked (hex).
    public var stagedTree: String
    /// Results of the steps that finished (passed, failed, skipped …), in report order.
    public var completed: [StepResult]
    /// Names of the steps still to run (stopped mid-step or never started), in report order.
    public var pending: [StepResult]
    /// The budget the run had (nil: unlimited) and what it spent.
    public var budgetTotal: Int?
    public var tokensConsumed: Int
    /// How many times this run was resumed before this state.
    public var resumes: Int

    public init(id: String, preset: String, presetSource: String, scope: RunSummary.Scope, reason: CheckpointReason,
                createdAt: String, stagedTree: String, completed: [StepResult], pending: [StepResult],
                budgetTotal: Int?, tokensConsumed: Int, resumes: Int = 0) {
        self.id = id
        self.preset = preset
        self.presetSource = presetSource
        self.scope = scope
        self.reason = reason
        self.createdAt = createdAt
        self.stagedTree = stagedTree
        self.completed = completed
        self.pending = pending
        self.budgetTotal = budgetTotal
        self.tokensConsumed = tokensConsumed
        self.resumes = resumes
    }

    /// Tokens left in the run's budget when it stopped (nil: unlimited).
    public var tokensRemaining: Int? { budgetTotal.map { max(0, $0 - tokensConsumed) } }

    /// Whether `git tapps resume` may continue it.
    public var isResumable: Bool { reason != .completed && !pending.isEmpty }

    /// The file under `outputs/` holding a step's full output: its name made safe for a tree path.
    public static func outputFileName(for step: String, taken: Set<String> = []) -> String {
        var safe = String(step.map { $0 == "/" || $0 == "\\" || $0.isNewline ? "_" : $0 })
        if safe.hasPrefix(".") || safe.isEmpty { safe = "_" + safe }
        var candidate = safe + ".txt"
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(safe)-\(counter).txt"
            counter += 1
        }
        return candidate
    }
}
