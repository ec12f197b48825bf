#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations the installer needs, on plain paths, without Foundation.
/// Each failure is a ``TappsError/repository(_:)`` naming the path and the system's reason.
enum HookFiles {
    /// What is at a path, without following a symbolic link.
    enum Kind: Equatable {
        case absent
        case file(mode: mode_t)
        case symlink
        case directory
        case other
    }

    static func kind(of path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .absent }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(mode: info.st_mode & 0o7777)
        case S_IFLNK: return .symlink
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    static func exists(_ path: String) -> Bool { kind(of: path) != .absent }

    /// Creates `path` and any missing parents (`mkdir -p`).
    static func makeDirectories(_ path: String) throws(TappsError) {
        if kind(of: path) == .directory { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw failure("cannot create the directory", prefix)
            }
        }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw .repository("cannot use \(path) as the hooks directory: it is not a directory")
        }
    }

    /// Writes `bytes` to a new file at `path` with exactly `mode` (the umask does not apply).
    static func create(_ path: String, bytes: [UInt8], mode: mode_t) throws(TappsError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw failure("cannot write", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let error = failure("cannot write", path)
                unlink(path)
                throw error
            }
            offset += written
        }
        guard fchmod(fd, mode) == 0 else {
            let error = failure("cannot make executable", path)
            unlink(path)
            throw error
        }
    }

    /// Sets the permission bits of `path`.
    static func setMode(_ path: String, _ mode: mode_t) throws(TappsError) {
        guard chmod(path, mode) == 0 else { throw failure("cannot make executable", path) }
    }

    /// Renames `source` to `destination`, replacing it if it is there (`rename(2)`, atomic).
    static func move(_ source: String, to destination: String) throws(TappsError) {
        guard rename(source, destination) == 0 else {
            throw .repository("cannot rename \(source) to \(destination): \(reason())")
        }
    }

    /// Removes a file or a symbolic link.
    static func remove(_ path: String) throws(TappsError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("cannot remove", path) }
    }

    /// True when `path` is a regular file that contains `marker`.
    static func contains(_ path: String, marker: [UInt8]) -> Bool {
        guard case .file = kind(of: path), let bytes = FileBytes.read(path) else { return false }
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<(start + marker.count)].elementsEqual(marker) { return true }
        }
        return false
    }

    private static func failure(_ what: String, _ path: String) -> TappsError {
        .repository("\(what) \(path): \(reason())")
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
