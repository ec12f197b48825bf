#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
