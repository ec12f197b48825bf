import CLibgit2
import TappsSystem

extension Repository {
    /// Whether git's ignore rules (`.gitignore` files, `info/exclude`, `core.excludesFile`) ignore `path`,
    /// relative to the work tree; a tracked path can still match. Wraps `git_ignore_path_is_ignored`.
    public func isIgnored(_ path: [UInt8]) throws(GitError) -> Bool {
        var ignored: Int32 = 0
        try check(withCPath(path) { git_ignore_path_is_ignored(&ignored, objectsHandle, $0) })
        return ignored == 1
    }
}
