import CLibgit2
import TappsSystem

/// A tree object (`git_tree`); keeps its repository alive.
public final class Tree: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The repository the tree was read from.
    public let repository: Repository

    init(owning pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_tree_free(pointer) }

    /// Looks up a tree by id. Wraps `git_tree_lookup`.
    public static func lookup(_ id: ObjectID, in repository: Repository) throws(GitError) -> Tree {
        var out: OpaquePointer?
        var oid = id.raw
        try check(git_tree_lookup(&out, repository.objectsHandle, &oid))
        guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "no tree \(id)") }
        return Tree(owning: out, repository: repository)
    }

    /// This tree's id.
    public var id: ObjectID { ObjectID(git_tree_id(pointer)) }

    /// The blob id and mode at `path` (slash-separated, any depth), or nil if absent.
    /// Wraps `git_tree_entry_bypath`.
    public func entry(at path: [UInt8]) throws(GitError) -> (id: ObjectID, mode: UInt32)? {
        var out: OpaquePointer?
        let result = withCPath(path) { git_tree_entry_bypath(&out, pointer, $0) }
        if result == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(result)
        guard let out else { return nil }
        defer { git_tree_entry_free(out) }
        return (ObjectID(git_tree_entry_id(out)), git_tree_entry_filemode_raw(out).rawValue)
    }
}
