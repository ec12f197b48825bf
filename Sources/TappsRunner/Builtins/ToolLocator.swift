import TappsSystem

/// Finds a Python tool for a built-in step.
enum ToolLocator {
    /// The repository's own virtualenv first (`<root>/.venv/bin`, `<root>/venv/bin`: it has the project's
    /// dependencies installed), then the directories on `PATH`. Nil when the tool is nowhere.
    static func find(_ tool: String, root: String, environment: [String: String]) -> String? {
        var directories = [root + "/.venv/bin", root + "/venv/bin"]
        let path = environment["PATH"] ?? ""
        directories += path.split(separator: ":", omittingEmptySubsequences: true)
            .map(String.init).filter { $0.hasPrefix("/") }
        for directory in directories {
            let candidate = directory + "/" + tool
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    static func isExecutableFile(_ path: String) -> Bool {
        FileSystem.isExecutableFile(path)
    }
}
