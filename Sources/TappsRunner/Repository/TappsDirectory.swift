/// Where git-tapps keeps its own files inside a git directory: `<git-dir>/tapps/<name>`.
enum TappsDirectory {
    /// `<gitDirectory>/tapps/<name>`, whatever trailing slashes `gitDirectory` has.
    static func path(_ name: String, in gitDirectory: String) -> String {
        RunLeftovers.trimmed(gitDirectory) + "/tapps/" + name
    }
}
