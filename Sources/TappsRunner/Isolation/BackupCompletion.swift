import TappsGit
import TappsSystem

/// The last act of a restore: mark the backup applied, delete its reference, drop the mark.
///
/// Deleting a reference is not one step (libgit2 locks it, removes it, unlocks), so a kill in the
/// middle can leave the reference behind. The mark — a file created in one step before the deletion
/// starts — tells recovery that every saved byte is already back: it then deletes the reference and
/// never applies the backup a second time over edits the user made since.
enum BackupCompletion {
    static func markerDirectory(_ repository: Repository) -> String {
        RunLeftovers.trimmed(repository.gitDirectory) + "/tapps/applied"
    }

    private static func marker(for reference: String, in repository: Repository) -> String {
        markerDirectory(repository) + "/" + reference.dropFirst(BackupStore.prefix.count)
    }

    /// Whether the backup under `reference` was restored completely by the run that made it.
    static func isApplied(_ reference: String, in repository: Repository) -> Bool {
        FileSystem.resolves(marker(for: reference, in: repository))
    }

    /// Marks the backup applied, deletes `reference` (taking over a lock a killed run left) and
    /// removes the mark. Returns notes about locks taken over; throws when the reference stays.
    static func complete(_ reference: String, in repository: Repository) throws(GitError) -> [String] {
        let file = marker(for: reference, in: repository)
        let gitDirectory = RunLeftovers.trimmed(repository.gitDirectory)
        try? FileSystem.makeDirectory(gitDirectory + "/tapps")
        try? FileSystem.makeDirectory(markerDirectory(repository))
        try? FileContents.write([], to: file, permissions: 0o644)
        CrashPoint.inReferenceDelete.reach()
        var notes: [String] = []
        try RunLeftovers.takingOverStaleLock(of: reference, in: repository, notes: &notes) { () throws(GitError) in
            try repository.deleteReference(reference)
        }
        FileSystem.removeIfPresent(file)
        try? FileSystem.removeDirectory(markerDirectory(repository))
        return notes
    }
}
