import TappsCore
import TappsGit
import TappsSystem

/// One path to hide: the user's bytes and the staged version as checkout will write it.
struct PlannedPath: Sendable {
    var path: [UInt8]
    var user: PathState
    var hidden: PathState
    var indexEntry: IndexEntry
}

/// Finds the tracked paths whose work-tree bytes differ from the index, reads them raw and saves
/// them under a backup reference — before anything in the work tree is touched.
struct BackupPlanner {
    let repository: Repository
    let index: Index
    let files: WorkTreeFiles

    /// Every path to hide, sorted; paths that cannot be hidden safely (a directory where a file is
    /// tracked, a parent that is a file or symlink) are left out and stay as they are. Also returns
    /// the comparison it started from, so that callers need not scan the work tree again.
    func plan() throws(TappsError) -> (paths: [PlannedPath], changes: [WorkTreeChange]) {
        var candidates: [[UInt8]: IndexEntry] = [:]
        let changes = try gitStep("cannot compare the work tree with the index") { () throws(GitError) in
            try repository.workTreeChanges(against: index)
        }
        for change in changes {
            guard let entry = index.entry(at: change.path), !entry.isSkipWorktree, !entry.isSubmodule else { continue }
            candidates[change.path] = entry
        }
        for entry in index.entries where entry.stage == 0 && entry.isIntentToAdd && !entry.isSkipWorktree {
            candidates[entry.path] = entry
        }
        var planned: [PlannedPath] = []
        for path in candidates.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let entry = candidates[path] else { continue }
            guard let user = files.read(path) else {
                throw .repository("cannot read \(RepoPath(bytes: path).quoted): \(Errno.last); nothing was changed")
            }
            if user == .untouchable || !files.parentsAreDirectories(of: path) { continue }
            let hidden = try gitStep("cannot read the staged version of \(RepoPath(bytes: path).quoted)") { () throws(GitError) in
                try stagedState(of: entry)
            }
            if user.sameContent(as: hidden) { continue }
            planned.append(PlannedPath(path: path, user: user, hidden: hidden, indexEntry: entry))
        }
        return (planned, changes)
    }

    /// The work-tree state checkout gives `entry`: nothing for intent-to-add entries.
    func stagedState(of entry: IndexEntry) throws(GitError) -> PathState {
        if entry.isIntentToAdd { return .absent }
        if entry.isSymlink { return .symlink(target: try Blob.lookup(entry.id, in: repository).content) }
        let content = try repository.workTreeBytes(ofBlob: entry.id, at: entry.path)
        return .file(content: content, permissions: entry.mode == 0o100755 ? 0o755 : 0o644)
    }

    /// Saves every planned path's bytes and writes the backup commit and reference (compare-and-swap:
    /// the reference must not exist yet). Returns the directories hiding will create.
    func saveBackup(_ planned: [PlannedPath], reference: String, runID: String) throws(TappsError) -> [[UInt8]] {
        var createdDirectories: [[UInt8]] = []
        for item in planned where item.user == .absent {
            for directory in files.missingParents(of: item.path) where !createdDirectories.contains(directory) {
                createdDirectories.append(directory)
            }
        }
        let manifest = try gitStep("cannot save your unstaged work; nothing was changed") { () throws(GitError) in
            var entries: [BackupEntry] = []
            for item in planned {
                entries.append(BackupEntry(
                    path: item.path, saved: try BackupStore.save(item.user, in: repository),
                    hidden: try BackupStore.save(item.hidden, in: repository),
                    indexMode: item.indexEntry.mode, indexID: item.indexEntry.id, intentToAdd: item.indexEntry.isIntentToAdd))
            }
            return BackupManifest(worktreeID: BackupStore.worktreeID(of: repository), runID: runID,
                                  processID: ProcessControl.currentID, entries: entries, createdDirectories: createdDirectories)
        }
        do {
            let commit = try BackupStore.writeCommit(manifest, in: repository)
            try repository.updateReference(reference, to: commit, expecting: nil, message: "git-tapps: back up unstaged work")
        } catch where error.isExisting || error.isModified {
            throw .repository("\(reference) already exists: another git tapps run is using run id \(runID); nothing was changed")
        } catch {
            throw .repository("cannot save your unstaged work under \(reference): \(error.message); nothing was changed")
        }
        return createdDirectories
    }
}

/// Runs a libgit2 step, turning its error into a ``TappsError/repository(_:)`` that starts with `what`.
func gitStep<T>(_ what: String, _ body: () throws(GitError) -> T) throws(TappsError) -> T {
    do {
        return try body()
    } catch {
        throw .repository("\(what): \(error.message)")
    }
}
