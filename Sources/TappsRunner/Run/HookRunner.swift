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
        let signals = SignalTrap()
        defer { signals.restore() }
        var notes = try LeftoverBackups.restore(session: session)

        let changes = try ChangeSource.files(for: options.scope, session: session,
                                             countLines: needsRecommendation(options, session.config))
        if options.scope == .staged, let unmerged = changes.first(where: { $0.status == .unmerged }) {
            throw .repository("unmerged path \(unmerged.path.quoted): resolve the conflict and `git add` it before committing")
        }
        let context = FileContext.build(from: changes, classifier: session.config.classifier)
        let choice = try PresetChooser.choose(options: options, config: session.config, context: context)

        let files = StepPlanner.candidateFiles(from: changes)
        let project = PythonProjectLoader(session: session, changes: changes)
        var plan = StepPlanner.plan(preset: choice.preset, config: session.config, files: files,
                                    allTrackedFiles: { TrackedFiles.list(session) }, skip: options.skip,
                                    python: .live(session: session, changes: changes, scope: options.scope, project: project))
        if let untracked = UntrackedImportCheck.run(session: session, changes: changes, project: { project.project },
                                                    scope: options.scope, skip: options.skip) {
            plan.skipped.append(untracked)
        }
        let runID = RunID.make()
        notes += PhaseCoverage.emptyPhases(choice.preset, run: plan.run, skipped: plan.skipped)
        var summary = RunSummary(runID: runID, preset: choice.preset.name, presetSource: choice.source,
                                 scope: options.scope, fileCount: files.count, results: plan.skipped, notes: notes)
        summary.budget = TokenBudget(override: options.budget, config: session.config.budget, usedBefore: options.budgetUsed)
        // The summary's "recommended: …" hint reads the line counts this run has not needed (small changes only).
        summary.recommendation = RecommendationCheck.hint(
            for: choice.preset, source: choice.source, followsRecommender: needsRecommendation(options, session.config),
            options: options, fileCount: changes.count, config: session.config,
            context: { () throws(TappsError) in
                FileContext.build(from: try ChangeSource.files(for: options.scope, session: session, countLines: true),
                                  classifier: session.config.classifier)
            })
        guard !plan.run.isEmpty else {
            summary.duration = Clock.since(started)
            return summary
        }

        let lines = ChangedLinesReader.make(scope: options.scope, changes: changes, session: session)
        let outcome = try await PlanExecution.execute(plan.run, session: session, runID: runID, options: options,
                                                      budget: summary.budget, signals: signals, changes: changes,
                                                      printedTokens: PrintedTokens.counter(options.report, lines))
        summary.apply(outcome, carried: [], skipped: plan.skipped, notes: notes)
        summary.changedLines = lines?.changedLines(for: summary.results)
        summary.duration = Clock.since(started)
        CheckpointRecorder.record(&summary, session: session, signals: signals, previous: nil)
        return summary
    }

    private static func needsRecommendation(_ options: RunOptions, _ config: TappsConfig) -> Bool {
        options.preset == "auto" || (options.preset == nil && config.preset == .auto)
    }
}

extension RunSummary {
    /// Takes the results, changes, notes and budget of an execution; `carried` are results of an earlier session
    /// (resume), `skipped` the steps the plan did not run.
    mutating func apply(_ outcome: PlanExecution.Outcome, carried: [StepResult], skipped: [StepResult], notes: [String]) {
        results = ResultOrder.merge(run: carried + outcome.results, skipped: skipped)
        keptChanges = outcome.keptChanges
        droppedChanges = outcome.droppedChanges
        self.notes = notes + outcome.notes
        interruptedBy = outcome.interruptedBy
        budget = outcome.budget
        budgetWarnings = outcome.budgetWarnings
        stoppedByBudget = outcome.stoppedByBudget
    }
}

/// Phases of the preset that no step checks, said once each rather than passed in silence.
enum PhaseCoverage {
    static func emptyPhases(_ preset: Preset, run: [PlannedStep], skipped: [StepResult]) -> [String] {
        let covered = Set(run.map(\.phase) + skipped.map(\.phase))
        return preset.hookPhases.filter { !covered.contains($0) }.map { "\($0.rawValue): nothing configured" }
    }
}

/// Results in the order people read them: phase order, then configuration order; skipped ones
/// beside the steps of their phase.
enum ResultOrder {
    static func merge(run: [StepResult], skipped: [StepResult]) -> [StepResult] {
        let all = run + skipped
        return Phase.allCases.flatMap { phase in all.filter { $0.phase == phase } }
    }
}

/// A backup left by a killed run is restored before anything else happens.
enum LeftoverBackups {
    /// Restores leftovers and returns a note for the report; refuses while another run is alive.
    static func restore(session: RepositorySession) throws(TappsError) -> [String] {
        // The common case, no backup at all, costs one reference lookup and a few opendir calls.
        guard !BackupRecovery.pendingBackups(in: session).isEmpty else { return RunLeftovers.sweep(session.repository) }
        if let active = BackupRecovery.activeRun(in: session) {
            throw .repository("another git tapps run (pid \(active.processID)) is using this work tree; wait for it to finish")
        }
        let report = try BackupRecovery.recover(session: session)
        guard report.problems.isEmpty else {
            throw .repository("a backup left by a killed run could not be restored automatically: \(report.problems.joined(separator: "; ")) — run `git tapps recover`")
        }
        let paths = report.restoredPaths.map(\.quoted).joined(separator: ", ")
        return report.notes + ["restored unstaged work left by a killed run (\(report.backups.joined(separator: ", "))): \(paths)"]
    }
}
