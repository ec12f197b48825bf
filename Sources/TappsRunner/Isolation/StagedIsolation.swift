import Synchronization
import TappsCore
import TappsGit

/// Keeps the work tree at the staged content while steps run, and gives the user's unstaged work
/// back afterwards, byte for byte.
///
/// ``begin(session:runID:)`` saves every tracked path whose work-tree bytes differ from the index as
/// git objects under ``backupReference`` and only then checks the index's version of exactly those
/// paths out. ``finish(stageFixed:)`` puts the saved bytes back (merging in what steps changed where
/// it does not clash) and deletes the reference last. Untracked, ignored and submodule paths are
/// never touched; the index is never written except for `stageFixed` paths.
public final class StagedIsolation: @unchecked Sendable {
    /// A backed-up path: the user's state and the hidden state as it was on disk after hiding.
    struct Hidden: Sendable {
        var path: [UInt8]
        var user: PathState
        var hidden: PathState
        var intentToAdd: Bool
    }

    struct Progress: Sendable {
        /// Fingerprints right after hiding: backed-up paths and paths that still differed from the index.
        var initial: [[UInt8]: Fingerprint]
        /// Fingerprints at the last ``changedPaths()`` call.
        var last: [[UInt8]: Fingerprint]
        var outcome: IsolationOutcome?
    }

    /// The reference the user's unstaged work is saved under (`refs/tapps/backup/<runID>`).
    public let backupReference: String
    let repository: Repository
    let files: WorkTreeFiles
    let paths: [Hidden]
    let createdDirectories: [[UInt8]]
    let referenceWritten: Bool
    let progress: Mutex<Progress>

    private init(reference: String, repository: Repository, files: WorkTreeFiles, paths: [Hidden],
                 createdDirectories: [[UInt8]], referenceWritten: Bool, initial: [[UInt8]: Fingerprint]) {
        backupReference = reference
        self.repository = repository
        self.files = files
        self.paths = paths
        self.createdDirectories = createdDirectories
        self.referenceWritten = referenceWritten
        progress = Mutex(Progress(initial: initial, last: initial, outcome: nil))
    }

    /// Saves the user's unstaged work, then makes every tracked path hold its staged content.
    ///
    /// Refuses (``TappsError/repository(_:)``, with what to do, nothing touched) on unmerged
    /// entries, or when a backup left by a killed run exists (run `git tapps recover`). The backup
    /// is a commit under `refs/tapps/backup/<runID>` holding the raw work-tree bytes of every tracked
    /// path whose bytes differ from the index — intent-to-add entries and files deleted in the work
    /// tree included — and a manifest of paths, modes and index entries.
    public static func begin(session: RepositorySession, runID: String) throws(TappsError) -> StagedIsolation {
        let (repository, files) = try prepare(session: session, runID: runID)
        let index = try gitStep("cannot read the index") { () throws(GitError) in try repository.index() }
        if index.hasConflicts {
            let names = index.conflictedPaths.prefix(5).map { RepoPath(bytes: $0).quoted }.joined(separator: ", ")
            throw .repository("cannot run on unmerged paths (\(names)); resolve the conflicts and stage the result with git add, then commit again. Nothing was changed.")
        }
        let planner = BackupPlanner(repository: repository, index: index, files: files)
        let (planned, changes) = try planner.plan()
        return try start(planned, differing: changes.map(\.path), planner: planner, runID: runID)
    }

    /// Like ``begin(session:runID:)``, for `run --from-ref A --to-ref B`: saves the work-tree bytes
    /// of `paths` (the files the range changed, old names of renames included) and makes each hold
    /// its content at `revision` — absent where `revision` has no such file. Everything else, the
    /// index included, stays as it is. Refuses, nothing touched, when a path cannot hold that
    /// content (a directory or a file stands where it or one of its parents goes).
    public static func begin(session: RepositorySession, runID: String, checking revision: String,
                             paths: [RepoPath]) throws(TappsError) -> StagedIsolation {
        let (repository, files) = try prepare(session: session, runID: runID)
        let index = try gitStep("cannot read the index") { () throws(GitError) in try repository.index() }
        let tree = try gitStep("cannot read \(revision)") { () throws(GitError) in try repository.tree(forRevision: revision) }
        let planner = BackupPlanner(repository: repository, index: index, files: files)
        let planned = try planner.plan(paths.map(\.bytes), at: tree, revision: revision)
        let differing = (try? repository.workTreeChanges(against: index).map(\.path)) ?? []
        return try start(planned, differing: differing, planner: planner, runID: runID)
    }

    /// Checks the run id and the work tree, and that no backup of a killed run is waiting.
    private static func prepare(session: RepositorySession, runID: String) throws(TappsError) -> (Repository, WorkTreeFiles) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !runID.isEmpty, !runID.hasPrefix("."), !runID.hasSuffix(".lock"), !runID.contains(".."),
              runID.allSatisfy(allowed.contains) else {
            throw .usage("invalid run id \(runID): use letters, digits, '-', '_' and '.'")
        }
        let repository = session.repository
        guard let workingDirectory = repository.workingDirectory else {
            throw .repository("this is a bare repository; run git tapps inside a work tree")
        }
        let pending = BackupStore.pending(in: repository)
        if !pending.isEmpty {
            throw .repository("a previous git tapps run was interrupted and your unstaged work is still saved under \(pending.joined(separator: ", ")); run `git tapps recover` to put it back, then try again. Nothing was changed.")
        }
        return (repository, WorkTreeFiles(root: workingDirectory))
    }

    /// Saves and hides `planned`, then fingerprints what steps may change: the hidden paths and
    /// `differing`, the tracked paths that differ from the index and were left as they are.
    private static func start(_ planned: [PlannedPath], differing: [[UInt8]], planner: BackupPlanner,
                              runID: String) throws(TappsError) -> StagedIsolation {
        let repository = planner.repository, files = planner.files
        let reference = BackupStore.prefix + runID
        var createdDirectories: [[UInt8]] = []
        if !planned.isEmpty {
            createdDirectories = try planner.saveBackup(planned, reference: reference, runID: runID)
            CrashPoint.afterBackup.reach()
            try hide(planned, repository: repository, files: files, reference: reference,
                     createdDirectories: createdDirectories)
        }
        let hidden = planned.map { item in
            Hidden(path: item.path, user: item.user, hidden: item.hidden, intentToAdd: item.indexEntry.isIntentToAdd)
        }
        var initial: [[UInt8]: Fingerprint] = [:]
        for item in hidden { initial[item.path] = Fingerprint.of(item.path, in: files, previous: nil) }
        for path in differing where initial[path] == nil {
            initial[path] = Fingerprint.of(path, in: files, previous: nil)
        }
        return StagedIsolation(reference: reference, repository: repository, files: files, paths: hidden,
                               createdDirectories: createdDirectories, referenceWritten: !planned.isEmpty,
                               initial: initial)
    }

    /// Writes the staged version of the planned paths; on failure puts the user's bytes back first.
    ///
    /// Each path is replaced in one step (a temporary file of ours beside it, then a rename; only a
    /// chmod for a mode-only difference), so that whenever the run is killed every path holds either
    /// the user's bytes or the staged ones — both in the backup — and at most one temporary file of
    /// ours, which recovery removes.
    private static func hide(_ planned: [PlannedPath], repository: Repository, files: WorkTreeFiles,
                             reference: String, createdDirectories: [[UInt8]]) throws(TappsError) {
        var failure: String?
        for item in planned {
            if let problem = files.put(item.hidden, at: item.path, over: item.user) {
                failure = "cannot put the staged version of \(RepoPath(bytes: item.path).quoted) in place: \(problem)"
                break
            }
            CrashPoint.midHide.reach()
        }
        guard let failure else {
            CrashPoint.afterHide.reach()
            return
        }
        var restored = true
        for item in planned where files.put(item.user, at: item.path, over: files.read(item.path)) != nil { restored = false }
        for directory in createdDirectories.reversed() { files.removeIfEmpty(directory) }
        if restored {
            try? repository.deleteReference(reference)
            throw .repository("\(failure); your work tree was put back as it was")
        }
        throw .repository("\(failure); your unstaged work is saved under \(reference): run `git tapps recover`")
    }

    /// The tracked paths a step changed since ``begin(session:runID:)`` or the previous call:
    /// stat data first, content only for paths whose stat data moved.
    public func changedPaths() -> [RepoPath] {
        progress.withLock { progress in
            guard progress.outcome == nil else { return [] }
            let current = currentFingerprints(previous: progress.last)
            var changed: [[UInt8]] = []
            for path in Set(current.keys).union(progress.last.keys) {
                let now = current[path] ?? Fingerprint.of(path, in: files, previous: nil)
                guard let before = progress.last[path] else {
                    changed.append(path) // it matched the index before and differs now
                    continue
                }
                if now.content != before.content { changed.append(path) }
            }
            progress.last = current
            return changed.map(RepoPath.init(bytes:)).sorted()
        }
    }

    /// Fingerprints of the backed-up paths and of every tracked path that differs from the index now.
    func currentFingerprints(previous: [[UInt8]: Fingerprint]) -> [[UInt8]: Fingerprint] {
        var result: [[UInt8]: Fingerprint] = [:]
        for item in paths { result[item.path] = Fingerprint.of(item.path, in: files, previous: previous[item.path]) }
        guard let index = try? repository.index() else { return result }
        for change in (try? repository.workTreeChanges(against: index)) ?? [] where result[change.path] == nil {
            result[change.path] = Fingerprint.of(change.path, in: files, previous: previous[change.path])
        }
        return result
    }
}
