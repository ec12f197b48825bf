import Synchronization
import TappsCore
import TappsGit

/// Runs planned steps under the run's isolation, signal trap and token budget; shared by `run` and `resume`.
enum PlanExecution {
    struct Outcome {
        var results: [StepResult]
        var notes: [String]
        var keptChanges: [RepoPath] = []
        var droppedChanges: [RepoPath] = []
        var interruptedBy: Int32?
        var budget: TokenBudget
        var budgetWarnings: [String]
        /// The budget reached red while steps were still waiting (they are `.interrupted`, "not started").
        var stoppedByBudget: Bool
    }

    /// The note of a step held back because the budget ran out.
    static let budgetReason = "the token budget ran out"

    /// The note of a step held back because a signal came.
    static let interruptReason = "the run was interrupted"

    /// `signals` is the caller's trap, which outlives this call so that the checkpoint is written
    /// under it too.
    /// `printedTokens` estimates what the report prints for a finished step; the budget counts it.
    /// `changes` are the files of the run's scope; for a range, they hold their content at its end
    /// while the steps run.
    static func execute(_ planned: [PlannedStep], session: RepositorySession, runID: String, options: RunOptions,
                        budget: TokenBudget, signals: SignalTrap, changes: [ChangedFile],
                        printedTokens: @escaping @Sendable (StepResult) -> Int = { _ in 0 }) async throws(TappsError) -> Outcome {
        // --- built-in guards: in process on the staged blobs, before (and without needing) isolation
        let settled = GuardExecution.settle(planned, session: session, scope: options.scope,
                                            environment: ProcessEnvironment.current, useCache: options.useCache)
        let steps = settled.remaining
        if steps.isEmpty {
            // Nothing left for a process: no scheduler, no scratch directory.
            return Outcome(results: settled.results, notes: UncheckedLanguages.notes(steps: planned, results: settled.results),
                           budget: budget, budgetWarnings: [], stoppedByBudget: false)
        }
        // ---
        var notes: [String] = []
        let isolation: StagedIsolation?
        switch options.scope {
        case .staged:
            isolation = try StagedIsolation.begin(session: session, runID: runID)
        case .range(_, let end):
            let paths = changes.flatMap { [$0.path] + ($0.oldPath.map { [$0] } ?? []) }
            isolation = try StagedIsolation.begin(session: session, runID: runID, checking: end, paths: paths)
        case .allFiles:
            isolation = nil
        }
        let environment = RunEnvironment.make(session: session, runID: runID)
        defer { RunEnvironment.cleanUp(environment) }
        let progress = options.interactive ? ProgressLine() : nil
        let monitor = BudgetMonitor(budget, printedTokens: printedTokens)
        // Whole steps are cached in the staged scope only: the key is the staged tree, which is what steps then see.
        // Per-file steps also in `--all-files` runs, keyed by each work-tree file's bytes; a range is never cached.
        let cachesSteps = options.useCache && options.scope == .staged
        let cachesFiles = options.useCache && (options.scope == .staged || options.scope == .allFiles)
        let store = cachesFiles ? StepResultCache(directory: StepResultCache.directory(for: session.repository)) : nil
        let cache = cachesSteps ? store : nil
        let keys = cache == nil ? [:] : StepCacheKeys.make(for: steps, session: session, environment: environment)
        let ledger = CacheLedger()
        let executor = StepExecutor()
        let perFile = store.map { store in
            if options.scope == .staged {
                return PerFileCache(cache: store, keys: StepCacheKeys.fileKeys(for: steps, session: session, environment: environment))
            }
            let root = environment.root
            var contents: [RepoPath: String] = [:]
            let keys = StepCacheKeys.fileKeys(for: steps, environment: environment) { file in
                if let known = contents[file] { return known }
                let digest = StepCacheKeys.workTreeDigest(file, root: root)
                contents[file] = digest
                return digest
            }
            let digests = contents
            return PerFileCache(cache: store, keys: keys, isUnchanged: { file in
                digests[file].map { $0 == StepCacheKeys.workTreeDigest(file, root: root) } ?? false
            })
        }
        let scheduler = PhaseScheduler(jobs: options.jobs ?? Cores.count) { step, environment in
            if let perFile, let outcome = await perFile.run(step, execute: { await executor.execute($0, in: environment) }) {
                return outcome
            }
            if let cache, let key = keys[step] {
                if let hit = cache.lookup(key, name: step.name) {
                    ledger.hit()
                    return StepOutcome(result: hit)
                }
                ledger.miss()
            }
            return await executor.execute(step, in: environment)
        }
        let task = Task {
            await scheduler.run(steps, in: environment,
                                afterModifyingStep: { _ in isolation?.changedPaths() ?? [] },
                                onProgress: { event in
                                    if case .finished(let result) = event { monitor.record(result) }
                                    progress?.update(event)
                                },
                                holdBack: {
                                    // Read synchronously: no step may start once the handler ran.
                                    if signals.received != nil { return interruptReason }
                                    return monitor.isExhausted ? budgetReason : nil
                                })
        }
        signals.onSignal { _ in task.cancel() }
        var results = await task.value
        progress?.finish()
        monitor.annotate(&results)

        var outcome = Outcome(results: [], notes: [], budget: monitor.budget, budgetWarnings: monitor.warnings,
                              stoppedByBudget: false)
        var stepsChangedFiles = false
        if let isolation {
            // Only a staged run stages fixes: a range's content is not the index's.
            let stagers = options.scope == .staged ? Set(steps.filter(\.config.stageFixed).map(\.name)) : []
            let stageFixed = Set(results.filter { stagers.contains($0.name) }.flatMap(\.modifiedFiles))
            let finished = isolation.finish(stageFixed: stageFixed)
            // What finish found changed that no modifies_files step claimed (one work-tree scan, not two).
            let attributed = Set(results.flatMap(\.modifiedFiles))
            let unattributed = (finished.keptStepChanges + finished.droppedStepChanges).filter { !attributed.contains($0) }
            stepsChangedFiles = !unattributed.isEmpty
            if !unattributed.isEmpty {
                notes.append("a step not marked modifies_files changed " + unattributed.map(\.quoted).joined(separator: ", "))
            }
            outcome.keptChanges = finished.keptStepChanges.filter { !stageFixed.contains($0) }
            outcome.droppedChanges = finished.droppedStepChanges
            notes += finished.problems
            if !stageFixed.isEmpty {
                notes.append("staged the fixes to " + stageFixed.sorted().map(\.quoted).joined(separator: ", "))
                for index in results.indices where stagers.contains(results[index].name) && results[index].status == .modified {
                    results[index].status = .passed
                    results[index].note = "fixed and staged \(results[index].modifiedFiles.count) file(s)"
                }
            }
        }
        if let store {
            // A step that changed files unasked may have passed on content other than the key describes.
            if !stepsChangedFiles {
                if let cache { StepCacheRecording.store(results, steps: steps, keys: keys, in: cache) }
                perFile?.store()
            }
            store.count(StepResultCache.Counts(hits: ledger.hits, misses: ledger.misses) + (perFile?.counts ?? .init()))
        }
        outcome.results = settled.results + results // built-in guards
        outcome.notes = notes + UncheckedLanguages.notes(steps: planned, results: outcome.results) // built-in guards
        outcome.interruptedBy = signals.received
        outcome.stoppedByBudget = monitor.budget.isExhausted && results.contains { $0.status == .interrupted }
        return outcome
    }
}
