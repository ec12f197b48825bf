import CLibgit2
import TappsSystem

extension Index {
    /// Stages the work-tree file at `path` (through the clean filters), like `git add -- path`.
    /// Wraps `git_index_add_bypath`; needs an index that belongs to a repository.
    public func addFromWorkTree(_ path: [UInt8]) throws(GitError) {
        try withCPath(path) { (cPath) throws(GitError) in _ = try check(git_index_add_bypath(pointer, cPath)) }
    }

    /// Removes the stage-0 entry for `path`, like `git rm --cached -- path`.
    /// Wraps `git_index_remove_bypath`.
    public func removeEntry(_ path: [UInt8]) throws(GitError) {
        try withCPath(path) { (cPath) throws(GitError) in _ = try check(git_index_remove_bypath(pointer, cPath)) }
    }

    /// Writes the in-memory index back to its file (atomically, through `<file>.lock`).
    /// Wraps `git_index_write`. A split or sparse index is written back as a plain index (see
    /// ``IndexExpansion``).
    public func write() throws(GitError) {
        if let expansion {
            try expansion.write(pointer)
            return
        }
        try check(git_index_write(pointer))
    }
}
