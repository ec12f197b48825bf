import CLibgit2

extension Repository {
    /// The tree a revision (`HEAD~2`, a branch, a commit id) names. Wraps `git_revparse_single`
    /// and `git_object_peel`.
    public func tree(forRevision revision: String) throws(GitError) -> Tree {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, indexedHandle, revision))
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        try check(git_object_peel(&peeled, object, GIT_OBJECT_TREE))
        guard let peeled else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "\(revision) names no tree") }
        return Tree(owning: peeled, repository: self)
    }
}
