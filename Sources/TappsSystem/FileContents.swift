#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and writes: the one read-all, the one write-all, the one atomic replace.
public enum FileContents {
    /// The whole file at `path`. Symbolic links are followed unless `followingLinks` is false (then a
    /// link fails with `ELOOP`).
    @inlinable
    public static func read(_ path: UnsafePointer<CChar>, followingLinks: Bool = true) throws(Errno) -> [UInt8] {
        let descriptor = try Descriptor.open(path, followingLinks ? .readOnly : [.readOnly, .noFollow])
        defer { descriptor.closeQuietly() }
        return try descriptor.readToEnd()
    }

    /// The whole file at byte path `path`, or nil when it cannot be read.
    @inlinable public static func read(bytePath path: [UInt8], followingLinks: Bool = true) -> [UInt8]? {
        withCPath(path) { try? read($0, followingLinks: followingLinks) }
    }

    /// Writes `bytes` to `path`, created (with `permissions`, before the umask) or truncated.
    public static func write(_ bytes: [UInt8], to path: UnsafePointer<CChar>, permissions: UInt32 = 0o600) throws(Errno) {
        let descriptor = try Descriptor.open(path, [.writeOnly, .create, .truncate], permissions: permissions)
        defer { descriptor.closeQuietly() }
        try descriptor.writeAll(bytes)
    }

    /// Creates `path`, which must not exist (`O_CREAT | O_EXCL`: how a lock is taken), with exactly
    /// `permissions` (the umask does not apply) and writes `bytes` into it. A file this call created
    /// but could not fill is removed again. `EEXIST` means someone else holds the path.
    public static func create(_ path: UnsafePointer<CChar>, with bytes: [UInt8] = [], permissions: UInt32 = 0o600) throws(Errno) {
        let descriptor = try Descriptor.open(path, [.writeOnly, .create, .exclusive], permissions: permissions)
        do {
            try descriptor.writeAll(bytes)
            try descriptor.setPermissions(permissions)
            try descriptor.close()
        } catch {
            descriptor.closeQuietly()
            _ = unlink(path)
            throw error
        }
    }

    /// Appends `bytes` to `path` (created with `permissions` when missing) in one `O_APPEND` write sequence.
    public static func append(_ bytes: [UInt8], to path: UnsafePointer<CChar>, permissions: UInt32 = 0o644) throws(Errno) {
        let descriptor = try Descriptor.open(path, [.writeOnly, .create, .append], permissions: permissions)
        defer { descriptor.closeQuietly() }
        try descriptor.writeAll(bytes)
    }

    /// Replaces `path` with `bytes` in one step: its directories created, a temporary file written
    /// (`temporaryPath`, which must be in the same file system; default `<path>.tmp-<pid>`), then
    /// `rename`, so that a reader sees the old file or the new one, never half of it. The temporary
    /// file is removed on failure. `permissions` other than 0o600 are set exactly, whatever the umask.
    public static func replace(_ path: String, with bytes: [UInt8], permissions: UInt32 = 0o600,
                               temporaryPath: String? = nil) throws(Errno) {
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try FileSystem.makeDirectories(String(path[..<slash]))
        }
        let temporary = temporaryPath ?? path + ".tmp-\(ProcessControl.currentID)"
        do {
            try write(bytes, to: temporary, permissions: permissions)
            if permissions != 0o600 { try FileSystem.setPermissions(temporary, permissions) }
            try FileSystem.rename(temporary, to: path)
        } catch {
            FileSystem.removeIfPresent(temporary)
            throw error
        }
    }
}
