import CLibgit2

extension Repository {
    /// Whether git's ignore rules (`.gitignore` files, `info/exclude`, `core.excludesFile`) ignore `path`,
    /// relative to the work tree; a tracked path can still match. Wraps `git_ignore_path_is_ignored`.
    public func isIgnored(_ path: [UInt8]) throws(GitError) -> Bool {
        var ignored: Int32 = 0
        try check(withCString(path) { git_ignore_path_is_ignored(&ignored, handle, $0) })
        return ignored == 1
    }
}
