import CLibgit2
import TappsSystem


/// A tracked path whose work-tree bytes differ from its index entry (`git diff` without `--cached`).
public struct WorkTreeChange: Sendable, Hashable {
    /// How the work tree differs from the index.
    public enum Kind: Sendable, Hashable {
        case modified, deleted, typeChanged
    }

    /// The path, as raw bytes.
    public var path: [UInt8]
    public var kind: Kind
    /// The index entry's mode and blob.
    public var indexMode: UInt32
    public var indexID: ObjectID
}

extension Repository {
    /// The tracked paths whose work-tree content differs from `index`, found the way `git status`
    /// finds them: the index's stat data first, content (through the clean filters) only when the
    /// stat data differs. Submodules, untracked and ignored files are left out; the index is not
    /// written. Wraps `git_diff_index_to_workdir`.
    public func workTreeChanges(against index: Index) throws(GitError) -> [WorkTreeChange] {
        if let indexFile = index.filePath, Self.isSameFile(indexFile, indexPath),
           let scan = WorkTreeScan(repository: self, indexPath: indexFile) {
            return try scan.changes()
        }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue | GIT_DIFF_IGNORE_SUBMODULES.rawValue
        options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL
        var out: OpaquePointer?
        try check(git_diff_index_to_workdir(&out, indexedHandle, index.pointer, &options))
        guard let out else { return [] }
        defer { git_diff_free(out) }
        var result: [WorkTreeChange] = []
        for position in 0..<git_diff_num_deltas(out) {
            guard let delta = git_diff_get_delta(out, position)?.pointee else { continue }
            let kind: WorkTreeChange.Kind
            switch delta.status {
            case GIT_DELTA_MODIFIED: kind = .modified
            case GIT_DELTA_DELETED: kind = .deleted
            case GIT_DELTA_TYPECHANGE: kind = .typeChanged
            default: continue
            }
            let indexMode = UInt32(delta.old_file.mode)
            if indexMode == 0o160000 || UInt32(delta.new_file.mode) == 0o160000 { continue }
            guard let path = delta.old_file.path ?? delta.new_file.path else { continue }
            result.append(WorkTreeChange(path: bytes(ofCString: path), kind: kind, indexMode: indexMode,
                                         indexID: ObjectID(delta.old_file.id)))
        }
        return result
    }
}

extension Repository {
    /// True when both paths name the same existing file.
    static func isSameFile(_ first: String, _ second: String) -> Bool {
        if first == second { return true }
        guard let a = try? FileSystem.status(first), let b = try? FileSystem.status(second) else { return false }
        return a.device == b.device && a.inode == b.inode
    }
}
