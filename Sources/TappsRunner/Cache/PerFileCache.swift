import Synchronization
import TappsCore

/// `cache: per-file` during one run: a step is given only the files whose content (staged blob, or the work-tree
/// bytes of an `--all-files` run) has not passed it before, and the files of a clean pass are recorded once the
/// run is over. A failure is never recorded, so a failing file is checked again next time; files that passed
/// earlier stay cached (their content did not change).
final class PerFileCache: Sendable {
    let cache: StepResultCache
    /// Per step: each file's key (step identity + path + content).
    let keys: [PlannedStep: [RepoPath: String]]
    /// Where steps see the work tree itself (no isolation shows them fixed content): whether a file still holds the
    /// bytes its key was made from, asked after the run, so that a pass is recorded only for content that did not
    /// change while the step ran.
    let isUnchanged: (@Sendable (RepoPath) -> Bool)?

    private struct Pass {
        var step: String
        var path: RepoPath
        var key: String
    }
    private struct State {
        var passes: [Pass] = []
        var counts = StepResultCache.Counts()
    }
    private let state = Mutex(State())

    init(cache: StepResultCache, keys: [PlannedStep: [RepoPath: String]], isUnchanged: (@Sendable (RepoPath) -> Bool)? = nil) {
        self.cache = cache
        self.keys = keys
        self.isUnchanged = isUnchanged
    }

    /// Runs `step` on its uncached files through `execute`; nil when the step is not cached per file. With every
    /// file cached nothing runs: the result is a cached pass.
    func run(_ step: PlannedStep, execute: (PlannedStep) async -> StepOutcome) async -> StepOutcome? {
        guard let fileKeys = keys[step] else { return nil }
        var passedOn: [String] = []
        var changed: [RepoPath] = []
        for file in step.files {
            if let key = fileKeys[file], let date = cache.lookupFile(key, name: step.name) { passedOn.append(date) }
            else { changed.append(file) }
        }
        state.withLock {
            $0.counts.fileHits += passedOn.count
            $0.counts.fileMisses += changed.count
        }
        if changed.isEmpty {
            var result = StepResult(name: step.name, phase: step.phase, status: .passed, fileCount: step.files.count)
            result.cached = true
            result.note = FileCacheEntry.allCachedNote(files: step.files.count, latest: passedOn.max() ?? "")
            return StepOutcome(result: result)
        }
        var narrowed = step
        narrowed.files = changed
        var outcome = await execute(narrowed)
        let clean = Self.cleanFiles(of: outcome.result, given: changed)
        if !clean.isEmpty {
            let passes = clean.compactMap { file -> Pass? in
                guard let key = fileKeys[file], isUnchanged?(file) ?? true else { return nil }
                return Pass(step: step.name, path: file, key: key)
            }
            state.withLock { $0.passes += passes }
        }
        if !passedOn.isEmpty {
            let note = FileCacheEntry.partlyCachedNote(cached: passedOn.count, ran: changed.count)
            outcome.result.note = outcome.result.note.map { $0 + "; " + note } ?? note
        }
        return outcome
    }

    /// The files a run of a file-local step cleared: all of them on a clean pass; on a failure whose every finding
    /// names one of the files it was given (a linter's `path:line: message`), the others — they are judged one
    /// by one, so an edit–commit–fix loop checks again only what failed. Anything else records nothing.
    static func cleanFiles(of result: StepResult, given files: [RepoPath]) -> [RepoPath] {
        if StepCacheRecording.isCacheable(result) { return files }
        guard result.status == .failed, !result.findings.isEmpty, result.modifiedFiles.isEmpty else { return [] }
        let given = Set(files)
        var flagged = Set<RepoPath>()
        for finding in result.findings {
            guard let file = finding.file, given.contains(file) else { return [] }
            flagged.insert(file)
        }
        return files.filter { !flagged.contains($0) }
    }

    /// Records the files of every clean pass (call only when no step changed files it was not expected to).
    func store() {
        for pass in state.withLock({ $0.passes }) { cache.storeFile(pass.key, name: pass.step, path: pass.path) }
    }

    var counts: StepResultCache.Counts { state.withLock { $0.counts } }
}
