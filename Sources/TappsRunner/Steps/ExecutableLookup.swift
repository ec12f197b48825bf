import TappsSystem

/// Finds a program on PATH before spawning it. swift-subprocess's `.name` spawns once per PATH
/// entry until one starts (a `vfork` and a failed `execve` each: eight of them for `true` on a
/// typical developer PATH); looking the name up first costs one `stat` per entry instead.
enum ExecutableLookup {
    /// The absolute path `execvp` would run for `name` on `path` (colon-separated), or nil when
    /// no absolute entry has an executable regular file of that name before a relative entry,
    /// which only the child could resolve (it depends on the child's working directory).
    static func resolve(_ name: String, path: String?) -> String? {
        guard !name.isEmpty, !name.contains("/"), let path else { return nil }
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            guard directory.hasPrefix("/") else { return nil }
            let candidate = String(directory.hasSuffix("/") ? directory + name : directory + "/" + name)
            if FileSystem.isExecutableFile(candidate) { return candidate }
        }
        return nil
    }
}
