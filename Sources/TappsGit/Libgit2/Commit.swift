import CLibgit2

/// A commit object (`git_commit`); keeps its repository alive.
public final class Commit: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The repository the commit was read from.
    public let repository: Repository

    init(owning pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_commit_free(pointer) }

    /// Looks up a commit by id. Wraps `git_commit_lookup`.
    public static func lookup(_ id: ObjectID, in repository: Repository) throws(GitError) -> Commit {
        var out: OpaquePointer?
        var oid = id.raw
        try check(git_commit_lookup(&out, repository.objectsHandle, &oid))
        guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "no commit \(id)") }
        return Commit(owning: out, repository: repository)
    }

    /// This commit's id.
    public var id: ObjectID { ObjectID(git_commit_id(pointer)) }

    /// The full commit message.
    public var message: String { git_commit_message(pointer).map { String(cString: $0) } ?? "" }

    /// The commit time, in seconds since the epoch.
    public var time: Int64 { git_commit_time(pointer) }

    /// The ids of the parent commits.
    public var parentIDs: [ObjectID] {
        (0..<git_commit_parentcount(pointer)).compactMap { git_commit_parent_id(pointer, $0).map(ObjectID.init) }
    }

    /// The commit's tree. Wraps `git_commit_tree`.
    public func tree() throws(GitError) -> Tree {
        var out: OpaquePointer?
        try check(git_commit_tree(&out, pointer))
        guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "commit has no tree") }
        return Tree(owning: out, repository: repository)
    }
}
