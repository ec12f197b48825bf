import TappsCore
import TappsGit

/// Brings back unstaged work saved by a run that never finished (SIGKILL, power loss).
public enum BackupRecovery {
    /// Names of the leftover `refs/tapps/backup/*` references that belong to this work tree.
    public static func pendingBackups(in session: RepositorySession) -> [String] {
        BackupStore.pending(in: session.repository)
    }

    /// Restores every leftover backup of this work tree: writes the saved bytes back to their
    /// paths, re-marks intent-to-add entries the index lost, then deletes the reference.
    ///
    /// A path that changed after the run died (neither the saved nor the staged version is there)
    /// is merged with the saved version when the changes do not clash; otherwise the saved version
    /// wins and the bytes found are kept under `refs/tapps/recovered/<run-id>` and reported.
    public static func recover(session: RepositorySession) throws(TappsError) -> RecoveryReport {
        let repository = session.repository
        guard let workingDirectory = repository.workingDirectory else {
            throw .repository("this is a bare repository; run git tapps inside a work tree")
        }
        let files = WorkTreeFiles(root: workingDirectory)
        var report = RecoveryReport()
        for reference in BackupStore.pending(in: repository) {
            guard let manifest = BackupStore.manifest(at: reference, in: repository) else {
                report.problems.append("\(reference) is not a git-tapps backup this version can read; it was left in place")
                continue
            }
            if ProcessLiveness.isGitTapps(manifest.processID) {
                report.problems.append("\(reference) belongs to a git-tapps run that is still going (pid \(manifest.processID)); it was left alone")
                continue
            }
            // Files that were being written when the run was killed: never the only copy of anything.
            for path in files.removeTemporaries(of: manifest.processID, besides: manifest.entries.map(\.path)) {
                report.notes.append("removed \(RepoPath(bytes: path).quoted), a temporary file the killed run was writing")
            }
            // The run had put every saved byte back and was deleting the reference: apply it never again.
            let restored = BackupCompletion.isApplied(reference, in: repository)
                ? true : try restore(manifest, reference: reference, repository: repository, files: files, report: &report)
            if restored {
                do {
                    report.notes += try BackupCompletion.complete(reference, in: repository)
                } catch {
                    report.problems.append("restored your work but could not delete \(reference): \(error.message)")
                    continue
                }
                report.backups.append(reference)
            } else {
                report.problems.append("\(reference) was kept because some paths could not be restored; fix the problems above and run `git tapps recover` again")
            }
        }
        report.notes += RunLeftovers.sweep(repository)
        report.restoredPaths.sort()
        return report
    }

    private static func restore(_ manifest: BackupManifest, reference: String, repository: Repository,
                                files: WorkTreeFiles, report: inout RecoveryReport) throws(TappsError) -> Bool {
        var intact = true
        var displaced: [(path: [UInt8], state: PathState)] = []
        for entry in manifest.entries {
            let name = RepoPath(bytes: entry.path)
            let (user, hidden) = try gitStep("cannot read the backup of \(name.quoted) in \(reference)") { () throws(GitError) in
                (try BackupStore.load(entry.saved, in: repository), try BackupStore.load(entry.hidden, in: repository))
            }
            guard let current = files.read(entry.path) else {
                report.problems.append("cannot read \(name.quoted); it was not restored")
                intact = false
                continue
            }
            let (planned, found) = try gitStep("cannot read the backup of \(name.quoted) in \(reference)") { () throws(GitError) in
                (try manifest.targets[entry.path].map { saved throws(GitError) in try BackupStore.load(saved, in: repository) },
                 try manifest.found[entry.path].map { saved throws(GitError) in try BackupStore.load(saved, in: repository) })
            }
            var target = planned ?? user
            if current == target {
                report.restoredPaths.append(name)
                continue
            } else if current.sameContent(as: hidden) || current.sameContent(as: user) || current == .absent
                        || planned.map(current.sameContent(as:)) == true || found.map(current.sameContent(as:)) == true {
                // Every state the run's own writes leave (each one replaces a path in one step): the
                // user's bytes, the staged ones, or — recorded before the restore wrote anything —
                // the step's version it found and the merge it was writing. Absent holds no bytes to lose.
                target = planned ?? user
            } else if current != .untouchable, let merged = StateMerge.merge(base: hidden, ours: user, theirs: current) {
                // Neither: a step (or the user, after the kill) changed it; both changes are kept.
                target = merged
                report.problems.append("\(name.quoted) had changed since the interrupted run; the changes were merged with your saved version")
            } else {
                displaced.append((entry.path, current))
            }
            if let problem = files.put(target, at: entry.path, over: current) {
                report.problems.append("cannot restore \(name.quoted): \(problem)")
                intact = false
            } else {
                report.restoredPaths.append(name)
            }
        }
        for directory in manifest.createdDirectories.reversed() { files.removeIfEmpty(directory) }
        if let problem = remarkIntentToAdd(manifest.entries.filter(\.intentToAdd), in: repository) {
            report.problems.append(problem)
        }
        if !displaced.isEmpty {
            let saved = saveDisplaced(displaced, manifest: manifest, repository: repository)
            report.problems.append(saved)
        }
        return intact
    }

    /// Puts back intent-to-add entries the index no longer has; writes the index only then.
    private static func remarkIntentToAdd(_ entries: [BackupEntry], in repository: Repository) -> String? {
        guard !entries.isEmpty else { return nil }
        do {
            let index = try repository.index()
            let missing = entries.filter { index.entry(at: $0.path) == nil }
            guard !missing.isEmpty else { return nil }
            for entry in missing {
                try index.add(IndexEntry(path: entry.path, mode: entry.indexMode, id: entry.indexID, isIntentToAdd: true))
            }
            try index.write()
            return nil
        } catch {
            return "could not mark the intent-to-add files again (\(error.message)); run `git add -N` on them"
        }
    }

    /// Keeps bytes that recovery replaced under `refs/tapps/recovered/<run-id>`; returns the message to show.
    private static func saveDisplaced(_ displaced: [(path: [UInt8], state: PathState)], manifest: BackupManifest,
                                      repository: Repository) -> String {
        let names = displaced.map { RepoPath(bytes: $0.path).quoted }.joined(separator: ", ")
        let reference = "refs/tapps/recovered/" + manifest.runID
        do {
            var entries: [BackupEntry] = []
            for item in displaced {
                let saved = try BackupStore.save(item.state, in: repository)
                entries.append(BackupEntry(path: item.path, saved: saved, hidden: .absent, indexMode: 0,
                                           indexID: ObjectID.blobID(of: []), intentToAdd: false))
            }
            var record = manifest
            record.entries = entries
            record.createdDirectories = []
            let commit = try BackupStore.writeCommit(record, in: repository)
            try repository.updateReference(reference, to: commit, expecting: nil, message: "git-tapps: bytes replaced by recover")
            return "\(names) had changed since the interrupted run and clashed with your saved version; your saved version was restored and the bytes found are kept under \(reference)"
        } catch {
            return "\(names) had changed since the interrupted run and clashed with your saved version; your saved version was restored, the bytes found could not be kept: \(error.message)"
        }
    }
}
