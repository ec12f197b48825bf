#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directory creation and removal without Foundation.
enum StepFileSystem {
    /// Creates `path` and its parents; returns a description of the problem, or nil on success.
    static func createDirectories(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                return String(cString: strerror(errno))
            }
        }
        return nil
    }

    /// Writes `bytes` to `path` (created or truncated); returns a description of the problem, or nil on success.
    static func write(_ bytes: [UInt8], to path: String) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += written
        }
        return nil
    }

    /// Replaces `path` with `bytes` in one step (its directories created, a temporary file beside it, then
    /// `rename`), so that a reader sees the old file or the new one, never half of it. Returns a description
    /// of the problem, or nil on success.
    static func replace(_ path: String, with bytes: [UInt8]) -> String? {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex,
           let problem = createDirectories(String(path[..<slash])) { return problem }
        let temporary = path + ".tmp-\(getpid())"
        if let problem = write(bytes, to: temporary) {
            unlink(temporary)
            return problem
        }
        guard rename(temporary, path) == 0 else {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            return problem
        }
        return nil
    }

    /// Removes `path` and everything under it (symbolic links are removed, not followed).
    static func removeTree(_ path: String) {
        removeTree(Array(path.utf8CString))
    }

    /// `path` is NUL-terminated; entries are handled as raw bytes so that any name can be removed.
    private static func removeTree(_ path: [CChar]) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            unlink(path)
            return
        }
        if let directory = opendir(path) {
            var children: [[CChar]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.bindMemory(to: CChar.self).prefix { $0 != 0 })
                }
                if name == [0x2e] || name == [0x2e, 0x2e] { continue }
                children.append(path.dropLast() + [0x2f] + name + [0])
            }
            closedir(directory)
            for child in children { removeTree(child) }
        }
        rmdir(path)
    }
}
