import TappsCore
import TappsGit
import TappsSystem

/// What a killed git-tapps can leave besides a backup: lock files of references under `refs/tapps/`
/// (libgit2 writes `<ref>.lock`, then renames it), the run's scratch directory, and the marker that
/// says a backup was already applied. None of them is ever used by a live process of another
/// repository, and a lock is only taken over when no other git-tapps works in this repository.
enum RunLeftovers {
    /// The reference folders whose locks are ours.
    static let lockedFolders = ["refs/tapps/backup/", "refs/tapps/checkpoints/", "refs/tapps/recovered/"]

    /// Removes the leftovers of git-tapps runs that are gone and returns one sentence per removal.
    /// Costs a few `opendir` calls when there is nothing to remove.
    static func sweep(_ repository: Repository) -> [String] {
        let common = trimmed(repository.commonDirectory)
        let gitDirectory = trimmed(repository.gitDirectory)
        var locks: [String] = []
        for folder in lockedFolders {
            let directory = common + "/" + folder
            for name in (try? DirectoryListing.names(in: directory)) ?? [] where name.hasSuffix(".lock") {
                locks.append(directory + name)
            }
        }
        let runs = (try? DirectoryListing.names(in: gitDirectory + "/tapps/runs")) ?? []
        let markers = (try? DirectoryListing.names(in: BackupCompletion.markerDirectory(repository))) ?? []
        guard !locks.isEmpty || !runs.isEmpty || !markers.isEmpty else { return [] }
        guard !OtherRuns.alive(in: repository) else { return [] }
        var notes: [String] = []
        for lock in locks where FileSystem.removeIfPresent(lock) {
            notes.append("removed \(display(lock, common: common)), a lock left by a git-tapps run that was killed")
        }
        for run in runs { removeTree(gitDirectory + "/tapps/runs/" + run) }
        for marker in markers {
            let reference = BackupStore.prefix + marker
            if (try? repository.referenceTarget(reference)) ?? nil == nil {
                FileSystem.removeIfPresent(BackupCompletion.markerDirectory(repository) + "/" + marker)
            }
        }
        return notes
    }

    /// Runs `body`, a reference update or deletion; when it fails because `reference` is locked and no
    /// other git-tapps works in this repository, the lock was left by a killed run: it is removed,
    /// `body` runs once more and `notes` says so.
    static func takingOverStaleLock<T>(of reference: String, in repository: Repository, notes: inout [String],
                                       _ body: () throws(GitError) -> T) throws(GitError) -> T {
        do {
            return try body()
        } catch {
            let lock = trimmed(repository.commonDirectory) + "/" + reference + ".lock"
            guard FileSystem.resolves(lock), !OtherRuns.alive(in: repository), FileSystem.removeIfPresent(lock) else { throw error }
            notes.append("took over \(reference).lock, a lock left by a git-tapps run that was killed")
            return try body()
        }
    }

    private static func removeTree(_ path: String) {
        FileSystem.removeTree(Array(path.utf8))
    }

    private static func display(_ lock: String, common: String) -> String {
        lock.hasPrefix(common + "/") ? String(lock.dropFirst(common.count + 1)) : lock
    }

    static func trimmed(_ directory: String) -> String {
        TextConventions.trimmingTrailingSlashes(directory)
    }
}

/// Whether another git-tapps process works in a repository: its current directory is inside the
/// work tree or the repository's common directory (hooks and `git -C` run there).
enum OtherRuns {
    static func alive(in repository: Repository) -> Bool {
        var roots = [RunLeftovers.trimmed(repository.commonDirectory)]
        if let work = repository.workingDirectory { roots.append(RunLeftovers.trimmed(work)) }
        let common = roots[0]
        if common.hasSuffix("/.git") { roots.append(String(common.dropLast(5))) }
        let me = ProcessControl.currentID
        for name in (try? DirectoryListing.names(in: "/proc")) ?? [] {
            guard let pid = Int32(name), pid != me,
                  let commandLine = FileBytes.read("/proc/\(name)/cmdline"),
                  let program = commandLine.split(separator: 0).first,
                  String(decoding: program, as: UTF8.self).hasSuffix("git-tapps") else { continue }
            guard let cwd = link("/proc/\(name)/cwd") else { return true } // a git-tapps we cannot see into: maybe ours
            if roots.contains(where: { cwd == $0 || cwd.hasPrefix($0 + "/") }) { return true }
        }
        return false
    }

    private static func link(_ path: String) -> String? {
        guard let target = try? FileSystem.linkTarget(path), !target.isEmpty else { return nil }
        return String(decoding: target, as: UTF8.self)
    }
}
