import TappsCore
import TappsGit

extension StagedIsolation {
    /// Gives the user's work back. Idempotent (later calls return the first outcome), safe to call
    /// from any thread at any time, never throws.
    ///
    /// A backed-up path no step touched gets its saved bytes back. Where a step changed a path,
    /// the change is merged with the user's unstaged edits (three-way, the staged version as base)
    /// and kept; on a clash the user's bytes win and the change is reported as dropped. A step's
    /// change to a path without unstaged edits is kept as an unstaged edit. For `stageFixed` paths
    /// the step's version is first written to the index the repository uses, then the user's
    /// edits are put back on top. The backup reference is deleted last, and only when every path
    /// was restored.
    public func finish(stageFixed: Set<RepoPath> = []) -> IsolationOutcome {
        progress.withLock { progress in
            if let outcome = progress.outcome { return outcome }
            let outcome = restore(stageFixed: Set(stageFixed.map(\.bytes)), initial: progress.initial)
            progress.outcome = outcome
            return outcome
        }
    }

    private func restore(stageFixed: Set<[UInt8]>, initial: [[UInt8]: Fingerprint]) -> IsolationOutcome {
        var kept: [[UInt8]] = [], dropped: [[UInt8]] = [], problems: [String] = []
        var results: [(path: [UInt8], state: PathState)] = []
        var toStage: [[UInt8]: PathState] = [:]
        var intact = true

        for item in paths {
            guard let current = files.read(item.path) else {
                problems.append("cannot read \(RepoPath(bytes: item.path).quoted); your version was put back")
                results.append((item.path, item.user))
                continue
            }
            if current.sameContent(as: item.hidden) {
                results.append((item.path, item.user))
                continue
            }
            if stageFixed.contains(item.path), !item.intentToAdd, current != .untouchable { toStage[item.path] = current }
            if current != .untouchable, let merged = StateMerge.merge(base: item.hidden, ours: item.user, theirs: current) {
                results.append((item.path, merged))
                kept.append(item.path)
            } else {
                results.append((item.path, item.user))
                if toStage[item.path] != nil { kept.append(item.path) } else { dropped.append(item.path) }
            }
        }

        let backedUp = Set(paths.map(\.path))
        let index = try? repository.index()
        var differingNow: Set<[UInt8]> = []
        if let index, let changes = try? repository.workTreeChanges(against: index) {
            differingNow = Set(changes.map(\.path))
        } else {
            problems.append("cannot compare the work tree with the index; changes steps made to files without unstaged edits were not looked for")
        }
        for path in differingNow.union(initial.keys) where !backedUp.contains(path) {
            let changed: Bool
            if let before = initial[path] {
                changed = Fingerprint.of(path, in: files, previous: before).content != before.content
            } else {
                changed = differingNow.contains(path)
            }
            guard changed else { continue }
            kept.append(path)
            if stageFixed.contains(path), let current = files.read(path), current != .untouchable { toStage[path] = current }
        }

        if !toStage.isEmpty {
            if let problem = stage(toStage, in: index) { problems.append(problem) }
        }

        if referenceWritten { recordTargets(results) }
        for (path, state) in results {
            let now = files.read(path)
            if let now, now == state { continue }
            if let problem = files.put(state, at: path, over: now) {
                problems.append("cannot restore \(RepoPath(bytes: path).quoted): \(problem)")
                intact = false
            }
            CrashPoint.midRestore.reach()
        }
        for directory in createdDirectories.reversed() { files.removeIfEmpty(directory) }

        if referenceWritten {
            CrashPoint.beforeReferenceDelete.reach()
            if intact {
                do {
                    problems += try BackupCompletion.complete(backupReference, in: repository)
                } catch {
                    problems.append("your work was restored but \(backupReference) could not be deleted (\(error.message)); delete it with `git update-ref -d \(backupReference)`")
                }
            } else {
                problems.append("your unstaged work is still saved under \(backupReference); run `git tapps recover`")
            }
        }
        func sorted(_ list: [[UInt8]]) -> [RepoPath] { Set(list).map(RepoPath.init(bytes:)).sorted() }
        return IsolationOutcome(keptStepChanges: sorted(kept), droppedStepChanges: sorted(dropped), problems: problems)
    }

    /// Records in the backup, before writing anything, what the restore will write where that is
    /// not the user's saved state (a step's change merged in) and the step's versions it found: a
    /// kill in the middle then leaves only bytes recovery knows.
    private func recordTargets(_ results: [(path: [UInt8], state: PathState)]) {
        let known = Dictionary(paths.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var targets: [(path: [UInt8], state: PathState)] = [], found: [(path: [UInt8], state: PathState)] = []
        for (path, state) in results {
            guard let item = known[path] else { continue }
            if item.user != state { targets.append((path, state)) }
            if let now = files.read(path), now != item.user, !now.sameContent(as: item.hidden) { found.append((path, now)) }
        }
        guard !targets.isEmpty || !found.isEmpty else { return }
        do throws(GitError) {
            guard let old = try repository.referenceTarget(backupReference),
                  var manifest = BackupStore.manifest(at: backupReference, in: repository) else { return }
            for (path, state) in targets { manifest.targets[path] = try BackupStore.save(state, in: repository) }
            for (path, state) in found { manifest.found[path] = try BackupStore.save(state, in: repository) }
            let commit = try BackupStore.writeCommit(manifest, in: repository)
            var notes: [String] = []
            try RunLeftovers.takingOverStaleLock(of: backupReference, in: repository, notes: &notes) { () throws(GitError) in
                try repository.updateReference(backupReference, to: commit, expecting: old,
                                               message: "git-tapps: record what the restore found and will write")
            }
        } catch {
            // Nothing lost: recovery then sees the step's bytes as a later change and merges them again
        }
    }

    /// Writes the step's version of `paths` (still in the work tree) to the index file.
    private func stage(_ paths: [[UInt8]: PathState], in index: Index?) -> String? {
        guard let index else { return "cannot open the index; the fixed files were not staged" }
        do {
            try index.reload(force: false)
            for (path, state) in paths.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                if state == .absent { try index.removeEntry(path) } else { try index.addFromWorkTree(path) }
            }
            try index.write()
            return nil
        } catch {
            return "cannot stage the fixed files: \(error.message)"
        }
    }
}
