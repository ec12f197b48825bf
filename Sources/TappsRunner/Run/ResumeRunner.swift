import TappsCore
import TappsGit

/// `git tapps resume`: continue a checkpointed run with its pending steps only.
public enum ResumeRunner {
    /// Resumes checkpoint `id` (nil: the newest resumable one). `options.budget` overrides the configured budget;
    /// `options.scope` and `options.preset` are ignored (the checkpoint's are used).
    ///
    /// Pending steps are matched by name against the *local* configuration (and built-ins) under the checkpoint's
    /// preset; a pending name the local configuration does not define is reported skipped, and no command stored
    /// in the checkpoint is ever run. Throws ``TappsError`` (exit 2) before anything was touched: no such
    /// checkpoint, nothing to resume, or the staged content is no longer the one the checkpoint was saved for.
    public static func resume(id: String?, options: RunOptions) async throws(TappsError) -> RunSummary {
        let started = Clock.now
        guard let session = try RepositorySession.open() else {
            throw .repository("not a git repository (run git tapps resume inside a work tree)")
        }
        let signals = SignalTrap()
        defer { signals.restore() }
        let notes = try LeftoverBackups.restore(session: session)
        let stored = try find(id, in: session.repository)
        let checkpoint = stored.checkpoint

        let staged = try CheckpointStore.stagedTree(in: session.repository)
        guard staged.hex == checkpoint.stagedTree else {
            throw .repository("""
                the staged change differs from the one checkpoint \(checkpoint.id) was saved for \
                (staged tree \(short(checkpoint.stagedTree)) then, \(short(staged.hex)) now): resume only continues \
                the same staged content. Run `git tapps run` to check the current change \
                (and `git tapps checkpoints drop \(checkpoint.id)`), or restage the content the checkpoint was saved for.
                """)
        }
        guard let preset = session.config.presets.preset(named: checkpoint.preset) else {
            throw .usage("checkpoint \(checkpoint.id) ran preset '\(checkpoint.preset)', which this repository's configuration does not define (known: \(session.config.presets.names.joined(separator: ", ")))")
        }
        let changes = try ChangeSource.files(for: checkpoint.scope, session: session, countLines: false)
        if checkpoint.scope == .staged, let unmerged = changes.first(where: { $0.status == .unmerged }) {
            throw .repository("unmerged path \(unmerged.path.quoted): resolve the conflict and `git add` it first")
        }
        let files = StepPlanner.candidateFiles(from: changes)
        let plan = StepPlanner.plan(preset: preset, config: session.config, files: files,
                                    allTrackedFiles: { TrackedFiles.list(session) }, skip: options.skip,
                                    python: .live(session: session, changes: changes, scope: checkpoint.scope))
        let pendingNames = Set(checkpoint.pending.map(\.name))
        let toRun = plan.run.filter { pendingNames.contains($0.name) }
        var skipped = plan.skipped.filter { pendingNames.contains($0.name) }
        let known = Set(toRun.map(\.name)).union(skipped.map(\.name))
        for step in checkpoint.pending where !known.contains(step.name) {
            skipped.append(StepResult(name: step.name, phase: step.phase, status: .skipped,
                                      note: "pending in the checkpoint, but not a step of preset \(preset.name) in this repository's configuration"))
        }

        var runOptions = options
        runOptions.scope = checkpoint.scope
        let runID = RunID.make()
        var summary = RunSummary(runID: runID, preset: checkpoint.preset, presetSource: "checkpoint \(checkpoint.id)",
                                 scope: checkpoint.scope, fileCount: files.count,
                                 results: ResultOrder.merge(run: checkpoint.completed, skipped: skipped), notes: notes)
        summary.resumedFrom = checkpoint.id
        summary.budget = TokenBudget(override: options.budget, config: session.config.budget, usedBefore: options.budgetUsed)
        let lines = ChangedLinesReader.make(scope: checkpoint.scope, changes: changes, session: session)
        if !toRun.isEmpty {
            let outcome = try await PlanExecution.execute(toRun, session: session, runID: runID, options: runOptions,
                                                          budget: summary.budget, signals: signals, changes: changes,
                                                          printedTokens: PrintedTokens.counter(options.report, lines))
            summary.apply(outcome, carried: checkpoint.completed, skipped: skipped, notes: notes)
        }
        summary.changedLines = lines?.changedLines(for: summary.results)
        summary.duration = Clock.since(started)
        CheckpointRecorder.record(&summary, session: session, signals: signals, previous: stored)
        return summary
    }

    private static func find(_ id: String?, in repository: Repository) throws(TappsError) -> StoredCheckpoint {
        if let id {
            guard let stored = try CheckpointStore.load(id, in: repository) else {
                throw .usage("no checkpoint '\(id)' (see git tapps checkpoints list)")
            }
            guard stored.checkpoint.isResumable else {
                throw .usage("checkpoint \(id) is \(stored.checkpoint.reason == .completed ? "already completed" : "not resumable: nothing is pending"); nothing to resume")
            }
            return stored
        }
        guard let newest = try CheckpointStore.newestResumable(in: repository) else {
            throw .usage("no resumable checkpoint (see git tapps checkpoints list)")
        }
        return newest
    }

    private static func short(_ hex: String) -> String { String(hex.prefix(12)) }
}
