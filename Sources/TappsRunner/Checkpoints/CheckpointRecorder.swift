import TappsCore
import TappsGit

/// Decides, at the end of a run or resume, whether a checkpoint state is saved.
///
/// A run stopped by the budget or a signal with steps left saves one; a run that completed saves nothing (no ref
/// noise on every commit). A resume that completes writes a final state with reason `completed` onto its ref, so
/// `checkpoints show` still tells what happened; `checkpoints prune` removes those.
enum CheckpointRecorder {
    /// A signal that came after the steps (while restoring, or while this writes) still makes the run
    /// end as interrupted: the checkpoint write is never cut short, the exit code says what happened.
    static func record(_ summary: inout RunSummary, session: RepositorySession, signals: SignalTrap,
                       previous: StoredCheckpoint?) {
        defer { if summary.interruptedBy == nil { summary.interruptedBy = signals.received } }
        let pending = summary.results.filter { $0.status == .interrupted }
        let stopped = summary.stoppedByBudget || summary.interruptedBy != nil
        let reason: CheckpointReason
        if stopped && !pending.isEmpty {
            reason = summary.interruptedBy != nil ? .interrupted : .budget
        } else if previous != nil {
            reason = .completed
        } else {
            return
        }
        let id = previous?.checkpoint.id ?? summary.runID
        do {
            let tree = try CheckpointStore.stagedTree(in: session.repository)
            let checkpoint = Checkpoint(
                id: id, preset: summary.preset, presetSource: previous?.checkpoint.presetSource ?? summary.presetSource,
                scope: summary.scope, reason: reason, createdAt: ISOTime.string(epoch: ISOTime.nowEpoch),
                stagedTree: tree.hex, completed: summary.results.filter { $0.status != .interrupted },
                pending: reason == .completed ? [] : pending, budgetTotal: summary.budget.total,
                tokensConsumed: summary.budget.consumed, resumes: previous.map { $0.checkpoint.resumes + 1 } ?? 0)
            var notes: [String] = []
            // The full report as `--full` prints it (which names the checkpoint it is saved in).
            var reported = summary
            reported.checkpointID = id
            let report = RunReport.text(reported, color: false, full: true) + "\n"
            _ = try RunLeftovers.takingOverStaleLock(of: CheckpointStore.reference(for: id), in: session.repository,
                                                 notes: &notes) { () throws(GitError) in
                try CheckpointStore.save(checkpoint, expecting: previous?.commit, in: session.repository, report: report)
            }
            summary.notes += notes
            summary.checkpointID = id
        } catch let error as GitError {
            summary.notes.append("could not save checkpoint \(id): \(error.message)")
        } catch {
            summary.notes.append("could not save checkpoint \(id): \(error)")
        }
    }
}
