import TappsCore
import TappsGit

/// The part of a run that needs no work-tree isolation: the native guards run here, in process, on the staged
/// blobs, toolchain checks whose tool is missing are settled as skipped, and those the project does not use
/// (no configuration where the tool needs one) are left out.
enum GuardExecution {
    struct Settled {
        /// Results of the guards that ran and the checks that were skipped.
        var results: [StepResult]
        /// The steps left to run as processes (toolchain commands resolved).
        var remaining: [PlannedStep]
        /// Objects the guards read from the database (blobs and headers); the guard-result cache saves most.
        var objectReads = 0
    }

    /// `useCache` false (`--no-cache`): the guard-result cache is neither read nor written.
    static func settle(_ steps: [PlannedStep], session: RepositorySession, scope: RunSummary.Scope,
                       environment: [String: String], useCache: Bool = true) -> Settled {
        guard steps.contains(where: { $0.check != nil }) else { return Settled(results: [], remaining: steps) }
        var objectReads = 0
        var results: [StepResult] = []
        var remaining: [PlannedStep] = []
        let native = steps.filter { $0.check?.isNative == true }
        let settings = session.config.builtins
        // The same staged change checked again: its results are kept whole (nothing to look up per blob).
        let memo = useCache && !native.isEmpty
            ? GuardRunMemo(steps: native, session: session, scope: scope, settings: settings) : nil
        if let memo, let kept = memo.lookup(), kept.map(\.name) == native.map(\.name) {
            results = kept
        } else if !native.isEmpty {
            do throws(GitError) {
                let content = try StagedContent(session: session, scope: scope)
                let cache = useCache
                    ? GuardResultCache(path: GuardResultCache.path(for: session.repository), secretsAllow: settings.secretsAllow) : nil
                results = NativeGuards.run(native, content: content, settings: settings, cache: cache)
                cache?.save()
                // Only a change that passes is kept whole: one with findings is checked again blob by blob (from the
                // guard-result cache), so that a failing change is always judged on its blobs as they read now.
                if results.allSatisfy({ $0.status == .passed && $0.findings.isEmpty }) { memo?.save(results) }
                objectReads = content.objectReads
            } catch {
                results = native.map { StepResult(name: $0.name, phase: $0.phase, status: .error,
                                                  note: "cannot read the staged content: \(error.message)") }
            }
        }
        for step in steps {
            guard let check = step.check else { remaining.append(step); continue }
            if check.isNative { continue }
            switch ToolchainCommand.resolve(step, check: check, root: session.root, environment: environment) {
            case .run(let resolved): remaining.append(resolved)
            case .skip(let note):
                results.append(StepResult(name: step.name, phase: step.phase, status: .skipped, note: note,
                                          fileCount: step.files.count))
            case .notUsed:
                continue
            }
        }
        return Settled(results: results, remaining: remaining, objectReads: objectReads)
    }
}
