import CLibgit2

/// A read-only snapshot of a repository's configuration (`git_config`).
public final class Configuration: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Keeps the repository alive for as long as the snapshot is used.
    public let repository: Repository

    init(owning pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_config_free(pointer) }

    /// The string value of `name` (e.g. `core.hooksPath`), or nil when unset.
    /// Wraps `git_config_get_string`.
    public func string(_ name: String) throws(GitError) -> String? {
        var value: UnsafePointer<CChar>?
        let result = git_config_get_string(&value, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(result)
        return value.map { String(cString: $0) }
    }

    /// The boolean value of `name`, or nil when unset. Wraps `git_config_get_bool`.
    public func bool(_ name: String) throws(GitError) -> Bool? {
        var value: Int32 = 0
        let result = git_config_get_bool(&value, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(result)
        return value != 0
    }

    /// A path value of `name` with `~/` expanded, or nil when unset. Wraps `git_config_get_path`.
    public func path(_ name: String) throws(GitError) -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let result = git_config_get_path(&buffer, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(result)
        guard let raw = buffer.ptr else { return nil }
        return String(cString: raw)
    }
}
