import TappsSystem

/// Directory creation, whole-file writes and removal for steps and caches, reporting a problem as
/// one line (the system's reason) or nil on success.
enum StepFileSystem {
    /// Creates `path` and its parents; returns a description of the problem, or nil on success.
    static func createDirectories(_ path: String) -> String? {
        problem { () throws(Errno) in try FileSystem.makeDirectories(path) }
    }

    /// Writes `bytes` to `path` (created or truncated); returns a description of the problem, or nil on success.
    static func write(_ bytes: [UInt8], to path: String) -> String? {
        problem { () throws(Errno) in try FileContents.write(bytes, to: path) }
    }

    /// Replaces `path` with `bytes` in one step (see ``FileContents/replace(_:with:permissions:temporaryPath:)``).
    /// Returns a description of the problem, or nil on success.
    static func replace(_ path: String, with bytes: [UInt8]) -> String? {
        problem { () throws(Errno) in try FileContents.replace(path, with: bytes) }
    }

    /// Removes `path` and everything under it (symbolic links are removed, not followed).
    static func removeTree(_ path: String) {
        FileSystem.removeTree(Array(path.utf8))
    }

    private static func problem(_ body: () throws(Errno) -> Void) -> String? {
        do throws(Errno) {
            try body()
            return nil
        } catch {
            return error.description
        }
    }
}
