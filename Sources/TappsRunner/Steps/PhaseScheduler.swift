import TappsCore

/// Runs a preset's planned steps in the contract's order: steps that modify files first, one at a time; then
/// review ‖ test; then security ‖ docs; at most `jobs` steps at once.
public struct PhaseScheduler: Sendable {
    /// How many steps may run at the same time (at least 1).
    public let jobs: Int
    private let launch: @Sendable (PlannedStep, StepEnvironment) async -> StepOutcome

    public init(jobs: Int) {
        self.init(jobs: jobs, executor: StepExecutor())
    }

    public init(jobs: Int, executor: StepExecutor) {
        self.init(jobs: jobs) { step, environment in await executor.execute(step, in: environment) }
    }

    /// The seam tests use to stand in for the executor.
    init(jobs: Int, launch: @escaping @Sendable (PlannedStep, StepEnvironment) async -> StepOutcome) {
        self.jobs = max(1, jobs)
        self.launch = launch
    }

    /// Runs `steps` and returns one result per step, ordered by phase, then by their order in `steps`.
    ///
    /// `modifies_files` steps run first, alone; after each, `afterModifyingStep` reports the staged paths it changed,
    /// which go into the result's `modifiedFiles` (status `.modified` when it exited 0). If a step could not be
    /// started beside others for lack of system resources (EAGAIN, EMFILE …), it is rerun on its own afterwards and
    /// its note says so. Once the calling task is cancelled, steps not yet started are reported `.interrupted` with
    /// the note "not started". While `holdBack` returns a reason (the token budget ran out), steps not yet started
    /// are reported `.interrupted` with "not started: <reason>" and running ones finish normally.
    public func run(_ steps: [PlannedStep], in environment: StepEnvironment,
                    afterModifyingStep: @Sendable (PlannedStep) async -> [RepoPath],
                    onProgress: @Sendable (StepProgress) -> Void,
                    holdBack: @Sendable () -> String? = { nil }) async -> [StepResult] {
        let indexed = Array(steps.enumerated()).sorted { ($0.element.phase, $0.offset) < ($1.element.phase, $1.offset) }
        var results: [Int: StepResult] = [:]

        for (index, step) in indexed where step.config.modifiesFiles {
            if let held = Self.held(step, holdBack) { results[index] = held; continue }
            onProgress(.started(step))
            var result = await launch(step, environment).result
            let changed = await afterModifyingStep(step)
            result.modifiedFiles = changed
            if result.status == .passed && !changed.isEmpty { result.status = .modified }
            results[index] = result
            onProgress(.finished(result))
        }

        for wave in [0, 1] {
            let members = indexed.filter { !$0.element.config.modifiesFiles && $0.element.phase.wave == wave }
            let parallel = jobs > 1 && members.count > 1
            var waveResults = await runConcurrently(members, in: environment, retryShortages: parallel,
                                                    onProgress: onProgress, holdBack: holdBack)
            for (index, reason) in waveResults.shortages.sorted(by: { $0.key < $1.key }) {
                guard let step = members.first(where: { $0.offset == index })?.element else { continue }
                if let held = Self.held(step, holdBack) { waveResults.results[index] = held; continue }
                var result = await launch(step, environment).result
                let rerun = "rerun alone after it could not be started beside other steps (\(reason))"
                result.note = result.note.map { $0 + "; " + rerun } ?? rerun
                waveResults.results[index] = result
                onProgress(.finished(result))
            }
            results.merge(waveResults.results) { $1 }
        }
        return indexed.compactMap { results[$0.offset] }
    }

    /// Runs `members` at most `jobs` at a time. With `retryShortages`, a step that failed to start for lack of
    /// resources is left out of `results` and listed in `shortages` (its finish is not reported yet).
    private func runConcurrently(_ members: [(offset: Int, element: PlannedStep)], in environment: StepEnvironment,
                                 retryShortages: Bool, onProgress: @Sendable (StepProgress) -> Void,
                                 holdBack: @Sendable () -> String?)
        async -> (results: [Int: StepResult], shortages: [Int: String]) {
        var results: [Int: StepResult] = [:]
        var shortages: [Int: String] = [:]
        let launch = self.launch
        await withTaskGroup(of: (Int, StepOutcome).self) { group in
            var pending = members[...]
            var running = 0
            func startNext() {
                while running < jobs, let (index, step) = pending.first {
                    pending = pending.dropFirst()
                    if let held = Self.held(step, holdBack) { results[index] = held; continue }
                    onProgress(.started(step))
                    group.addTask { (index, await launch(step, environment)) }
                    running += 1
                }
            }
            startNext()
            while let (index, outcome) = await group.next() {
                running -= 1
                if retryShortages, let reason = outcome.resourceShortage {
                    shortages[index] = reason
                } else {
                    results[index] = outcome.result
                    onProgress(.finished(outcome.result))
                }
                startNext()
            }
        }
        return (results, shortages)
    }

    /// The result of a step that must not start now (the run was cancelled, or `holdBack` gives a reason), or nil.
    private static func held(_ step: PlannedStep, _ holdBack: () -> String?) -> StepResult? {
        if Task.isCancelled { return notStarted(step, reason: "the run was interrupted") }
        return holdBack().map { notStarted(step, reason: $0) }
    }

    private static func notStarted(_ step: PlannedStep, reason: String) -> StepResult {
        StepResult(name: step.name, phase: step.phase, status: .interrupted, note: "not started: \(reason)",
                   fileCount: step.files.count)
    }
}
