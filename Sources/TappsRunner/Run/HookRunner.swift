import TappsCore
import TappsGit

/// `git tapps run`: choose the preset, plan its steps, run them on exactly the staged content,
/// and always put the user's work back.
public enum HookRunner {
    /// Runs and returns the summary. Throws ``TappsError`` (exit 2) only before anything was touched.
    public static func run(_ options: RunOptions) async throws(TappsError) -> RunSummary {
        let started = Clock.now
        guard let session = try RepositorySession.open() else {
            throw .repository("not a git repository (run git tapps run inside a work tree)")
        }
        var notes = try LeftoverBackups.restore(session: session)

        let changes = try ChangeSource.files(for: options.scope, session: session,
                                             countLines: needsRecommendation(options, session.config))
        if options.scope == .staged, let unmerged = changes.first(where: { $0.status == .unmerged }) {
            throw .repository("unmerged path \(unmerged.path.quoted): resolve the conflict and `git add` it before committing")
        }
        let context = FileContext.build(from: changes, classifier: session.config.classifier)
        let choice = try PresetChooser.choose(options: options, config: session.config, context: context)

        let files = StepPlanner.candidateFiles(from: changes)
        let plan = StepPlanner.plan(preset: choice.preset, config: session.config, files: files,
                                    allTrackedFiles: { TrackedFiles.list(session) }, skip: options.skip)
        let runID = RunID.make()
        var summary = RunSummary(runID: runID, preset: choice.preset.name, presetSource: choice.source,
                                 scope: options.scope, fileCount: files.count, results: plan.skipped, notes: notes)
        guard !plan.run.isEmpty else {
            summary.duration = Clock.since(started)
            return summary
        }

        let signals = SignalTrap()
        defer { signals.restore() }
        let isolation = options.scope == .staged ? try StagedIsolation.begin(session: session, runID: runID) : nil
        let environment = RunEnvironment.make(session: session, runID: runID)
        defer { RunEnvironment.cleanUp(environment) }
        let progress = options.interactive ? ProgressLine() : nil
        let scheduler = PhaseScheduler(jobs: options.jobs ?? Cores.count)
        let task = Task {
            await scheduler.run(plan.run, in: environment,
                                afterModifyingStep: { _ in isolation?.changedPaths() ?? [] },
                                onProgress: { progress?.update($0) })
        }
        signals.onSignal { _ in task.cancel() }
        var results = await task.value
        progress?.finish()

        if let isolation {
            let unattributed = isolation.changedPaths()
            if !unattributed.isEmpty {
                notes.append("a step not marked modifies_files changed " + unattributed.map(\.quoted).joined(separator: ", "))
            }
            let stagers = Set(plan.run.filter(\.config.stageFixed).map(\.name))
            let stageFixed = Set(results.filter { stagers.contains($0.name) }.flatMap(\.modifiedFiles))
            let outcome = isolation.finish(stageFixed: stageFixed)
            summary.keptChanges = outcome.keptStepChanges.filter { !stageFixed.contains($0) }
            summary.droppedChanges = outcome.droppedStepChanges
            notes += outcome.problems
            if !stageFixed.isEmpty {
                notes.append("staged the fixes to " + stageFixed.sorted().map(\.quoted).joined(separator: ", "))
                for index in results.indices where stagers.contains(results[index].name) && results[index].status == .modified {
                    results[index].status = .passed
                    results[index].note = "fixed and staged \(results[index].modifiedFiles.count) file(s)"
                }
            }
        }
        summary.results = ResultOrder.merge(run: results, skipped: plan.skipped, plan: plan.run)
        summary.notes = notes
        summary.interruptedBy = signals.received
        summary.duration = Clock.since(started)
        return summary
    }

    private static func needsRecommendation(_ options: RunOptions, _ config: TappsConfig) -> Bool {
        options.preset == "auto" || (options.preset == nil && config.preset == .auto)
    }
}

/// Results in the order people read them: phase order, then configuration order; skipped ones
/// beside the steps of their phase.
enum ResultOrder {
    static func merge(run: [StepResult], skipped: [StepResult], plan: [PlannedStep]) -> [StepResult] {
        let all = run + skipped
        return Phase.allCases.flatMap { phase in all.filter { $0.phase == phase } }
    }
}

/// A backup left by a killed run is restored before anything else happens.
enum LeftoverBackups {
    /// Restores leftovers and returns a note for the report; refuses while another run is alive.
    static func restore(session: RepositorySession) throws(TappsError) -> [String] {
        if let active = BackupRecovery.activeRun(in: session) {
            throw .repository("another git tapps run (pid \(active.processID)) is using this work tree; wait for it to finish")
        }
        guard !BackupRecovery.pendingBackups(in: session).isEmpty else { return [] }
        let report = try BackupRecovery.recover(session: session)
        guard report.problems.isEmpty else {
            throw .repository("a backup left by a killed run could not be restored automatically: \(report.problems.joined(separator: "; ")) — run `git tapps recover`")
        }
        let paths = report.restoredPaths.map(\.quoted).joined(separator: ", ")
        return ["restored unstaged work left by a killed run (\(report.backups.joined(separator: ", "))): \(paths)"]
    }
}
