import TappsCore

/// What ``StagedIsolation/finish(stageFixed:)`` did with the steps' changes.
public struct IsolationOutcome: Sendable, Equatable {
    /// Paths a step changed whose change is now in the work tree (merged with the user's
    /// unstaged edits where there were any) or, for `stageFixed` paths, in the index.
    public var keptStepChanges: [RepoPath]
    /// Paths a step changed where the change clashed with the user's unstaged edits: the user's
    /// bytes were put back and the step's change was dropped.
    public var droppedStepChanges: [RepoPath]
    /// Anything that went wrong while restoring, one sentence each (empty when all is well).
    public var problems: [String]

    public init(keptStepChanges: [RepoPath] = [], droppedStepChanges: [RepoPath] = [], problems: [String] = []) {
        self.keptStepChanges = keptStepChanges
        self.droppedStepChanges = droppedStepChanges
        self.problems = problems
    }
}

/// What ``BackupRecovery/recover(session:)`` restored.
public struct RecoveryReport: Sendable, Equatable {
    /// Every path whose saved bytes are back in the work tree.
    public var restoredPaths: [RepoPath]
    /// The backup references that were restored (and deleted).
    public var backups: [String]
    /// Anything that needs the user's attention, one sentence each.
    public var problems: [String]
    /// What recovery cleaned up besides backups (stale locks, temporary files of a killed run), one
    /// sentence each; nothing the user needs to act on.
    public var notes: [String]

    public init(restoredPaths: [RepoPath] = [], backups: [String] = [], problems: [String] = [], notes: [String] = []) {
        self.restoredPaths = restoredPaths
        self.backups = backups
        self.problems = problems
        self.notes = notes
    }
}
