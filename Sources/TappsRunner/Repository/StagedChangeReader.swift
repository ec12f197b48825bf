import TappsCore
import TappsGit

/// Reads what a commit would record, through libgit2 only.
public enum StagedChangeReader {
    /// The staged change: HEAD's tree (none on an unborn branch) against the index git would
    /// commit from, with renames detected, like `git diff --cached --name-status`. Unmerged paths
    /// are listed once, with status `U`; paths added with `git add -N` are not listed.
    public static func staged(in repository: Repository, countLines: Bool = true) throws(GitError) -> [ChangedFile] {
        let staged = try Diff.staged(in: repository, request: DiffRequest(countLines: countLines))
        return files(from: staged.deltas, conflicted: staged.unmergedPaths)
    }

    /// The change between two revisions (for CI: `--from-ref A --to-ref B`).
    public static func between(_ from: String, _ to: String, in repository: Repository,
                               countLines: Bool = true) throws(GitError) -> [ChangedFile] {
        let old = try repository.tree(forRevision: from)
        let new = try repository.tree(forRevision: to)
        let diff = try Diff.treeToTree(old, new, in: repository, request: DiffRequest(countLines: countLines))
        return try files(from: diff.deltas(), conflicted: [])
    }

    static func files(from deltas: [DiffDelta], conflicted: [[UInt8]]) -> [ChangedFile] {
        let conflictSet = Set(conflicted)
        var result: [ChangedFile] = []
        result.reserveCapacity(deltas.count + conflicted.count)
        for delta in deltas {
            if conflictSet.contains(delta.newPath) || delta.status == .unmerged { continue }
            result.append(changedFile(delta))
        }
        for path in conflicted {
            result.append(ChangedFile(status: .unmerged, path: RepoPath(bytes: path)))
        }
        return result.sorted { $0.path < $1.path }
    }

    static func changedFile(_ delta: DiffDelta) -> ChangedFile {
        let status: ChangeStatus = switch delta.status {
        case .added: .added
        case .deleted: .deleted
        case .modified: .modified
        case .renamed: .renamed
        case .copied: .copied
        case .typeChanged: .typeChanged
        case .unmerged: .unmerged
        }
        let path = delta.status == .deleted ? delta.oldPath : delta.newPath
        let hasOldPath = delta.status == .renamed || delta.status == .copied
        return ChangedFile(
            status: status, path: RepoPath(bytes: path), oldPath: hasOldPath ? RepoPath(bytes: delta.oldPath) : nil,
            linesAdded: delta.linesAdded, linesDeleted: delta.linesDeleted, isBinary: delta.isBinary,
            isSubmodule: delta.isSubmodule, isSymlink: delta.oldMode == 0o120000 || delta.newMode == 0o120000)
    }
}
