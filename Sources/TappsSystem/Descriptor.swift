#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How ``Descriptor/open(_:_:permissions:)`` opens a file. Every descriptor is close-on-exec.
@frozen public struct OpenFlags: OptionSet, Sendable {
    public let rawValue: CInt
    @inlinable public init(rawValue: CInt) { self.rawValue = rawValue }

    @inlinable public static var readOnly: OpenFlags { OpenFlags(rawValue: O_RDONLY) }
    @inlinable public static var writeOnly: OpenFlags { OpenFlags(rawValue: O_WRONLY) }
    @inlinable public static var create: OpenFlags { OpenFlags(rawValue: O_CREAT) }
    /// With ``create``: fail with `EEXIST` when the path exists (how locks are taken).
    @inlinable public static var exclusive: OpenFlags { OpenFlags(rawValue: O_EXCL) }
    @inlinable public static var truncate: OpenFlags { OpenFlags(rawValue: O_TRUNC) }
    @inlinable public static var append: OpenFlags { OpenFlags(rawValue: O_APPEND) }
    /// Fail with `ELOOP` when the last component is a symbolic link.
    @inlinable public static var noFollow: OpenFlags { OpenFlags(rawValue: O_NOFOLLOW) }
    @inlinable public static var directory: OpenFlags { OpenFlags(rawValue: O_DIRECTORY) }
    /// Linux's `O_PATH`: a descriptor for lookups only (Glibc's module does not export the constant).
    @inlinable public static var lookupOnly: OpenFlags {
        #if os(Linux)
        OpenFlags(rawValue: 0o10000000)
        #else
        OpenFlags(rawValue: O_RDONLY)
        #endif
    }
}

/// An open file descriptor. A plain value: whoever opens it closes it (``close()``).
@frozen public struct Descriptor: Sendable, Hashable {
    public let rawValue: CInt
    @inlinable public init(rawValue: CInt) { self.rawValue = rawValue }

    public static let standardInput = Descriptor(rawValue: 0)
    public static let standardOutput = Descriptor(rawValue: 1)
    public static let standardError = Descriptor(rawValue: 2)

    /// Opens `path` (close-on-exec). The corresponding C function is `open`.
    @inlinable
    public static func open(_ path: UnsafePointer<CChar>, _ flags: OpenFlags, permissions: UInt32 = 0) throws(Errno) -> Descriptor {
        let raw = flags.rawValue | O_CLOEXEC
        return Descriptor(rawValue: try valueOrErrno { Glibc.open(path, raw, mode_t(permissions)) })
    }

    /// Opens `name` relative to this directory descriptor. The corresponding C function is `openat`.
    @inlinable
    public func open(_ name: UnsafePointer<CChar>, _ flags: OpenFlags, permissions: UInt32 = 0) throws(Errno) -> Descriptor {
        let raw = flags.rawValue | O_CLOEXEC
        return Descriptor(rawValue: try valueOrErrno { openat(rawValue, name, raw, mode_t(permissions)) })
    }

    /// Closes the descriptor; never retried (Linux releases it even when `close` reports `EINTR`).
    @inlinable public func close() throws(Errno) {
        try nothingOrErrno(retryingInterrupts: false) { Glibc.close(rawValue) }
    }

    /// Closes the descriptor, ignoring a failure (for read-only descriptors and error paths).
    @inlinable public func closeQuietly() { _ = Glibc.close(rawValue) }

    /// Runs `body`, then closes the descriptor on every path.
    @inlinable public func closeAfter<R, E: Error>(_ body: (Descriptor) throws(E) -> R) throws(E) -> R {
        defer { closeQuietly() }
        return try body(self)
    }

    /// Reads up to `buffer.count` bytes; 0 at the end. Retries `EINTR`. The C function is `read`.
    @inlinable public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try valueOrErrno { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the file position (`pread`).
    @inlinable public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        try valueOrErrno { pread(rawValue, buffer.baseAddress, buffer.count, off_t(offset)) }
    }

    /// Everything up to the end of the file.
    @inlinable public func readToEnd() throws(Errno) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in Result { () throws(Errno) in try read(into: buffer) } }.get()
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// One `write` call (a short write is possible). Retries `EINTR`.
    @inlinable public func write(_ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        try valueOrErrno { Glibc.write(rawValue, bytes.baseAddress, bytes.count) }
    }

    /// Writes all of `bytes`, looping over short writes and `EINTR`.
    @inlinable public func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Errno) {
        var offset = 0
        while offset < bytes.count {
            offset += try write(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Writes all of `bytes`, looping over short writes and `EINTR`.
    @inlinable public func writeAll(_ bytes: [UInt8]) throws(Errno) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(Errno) in try writeAll(buffer) } }.get()
    }

    /// Writes all of `text`'s UTF-8 bytes.
    @inlinable public func writeAll(_ text: String) throws(Errno) {
        var text = text
        try text.withUTF8 { buffer in Result { () throws(Errno) in try writeAll(UnsafeRawBufferPointer(buffer)) } }.get()
    }

    /// One `write` of `byte`, no retry, no allocation: safe inside a signal handler.
    @inlinable public func writeFromSignalHandler(_ byte: UInt8) {
        var byte = byte
        _ = Glibc.write(rawValue, &byte, 1)
    }

    /// The file's status (`fstat`).
    @inlinable public func status() throws(Errno) -> FileStatus {
        var raw = stat()
        try nothingOrErrno { fstat(rawValue, &raw) }
        return FileStatus(raw)
    }

    /// The status of `name` relative to this directory (`fstatat`); links are not followed unless asked.
    @inlinable
    public func status(of name: UnsafePointer<CChar>, followingLinks: Bool = false) throws(Errno) -> FileStatus {
        var raw = stat()
        let flags = followingLinks ? 0 : AT_SYMLINK_NOFOLLOW
        try nothingOrErrno { fstatat(rawValue, name, &raw, flags) }
        return FileStatus(raw)
    }

    /// Sets the permission bits (`fchmod`).
    @inlinable public func setPermissions(_ permissions: UInt32) throws(Errno) {
        try nothingOrErrno { fchmod(rawValue, mode_t(permissions)) }
    }

    /// Sets the access and modification times (`futimens`).
    @inlinable public func setTimes(accessed: FileTime, modified: FileTime) throws(Errno) {
        var times = [accessed.timespec, modified.timespec]
        try nothingOrErrno { futimens(rawValue, &times) }
    }

    /// Flushes the file's data and metadata to the disk (`fsync`).
    @inlinable public func synchronize() throws(Errno) {
        try nothingOrErrno { fsync(rawValue) }
    }

    /// Whether the descriptor is a terminal (`isatty`).
    @inlinable public var isTerminal: Bool { isatty(rawValue) == 1 }

    /// Makes writes fail with `EAGAIN` instead of blocking (`fcntl(F_SETFL, O_NONBLOCK)`).
    @inlinable public func setNonBlocking() throws(Errno) {
        let flags = try valueOrErrno { fcntl(rawValue, F_GETFL) }
        try nothingOrErrno { fcntl(rawValue, F_SETFL, flags | O_NONBLOCK) }
    }

    /// A new pipe, both ends close-on-exec. The corresponding C function is `pipe`.
    @inlinable public static func pipe() throws(Errno) -> (read: Descriptor, write: Descriptor) {
        var ends: [CInt] = [-1, -1]
        try nothingOrErrno { Glibc.pipe(&ends) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (Descriptor(rawValue: ends[0]), Descriptor(rawValue: ends[1]))
    }

    /// Maps the first `count` bytes read-only and privately (`mmap`); release with ``MappedBytes/unmap()``.
    @inlinable public func mapReadOnly(count: Int) throws(Errno) -> MappedBytes {
        guard let base = mmap(nil, count, PROT_READ, MAP_PRIVATE, rawValue, 0), base != MAP_FAILED else { throw Errno.last }
        return MappedBytes(bytes: UnsafeRawBufferPointer(start: base, count: count))
    }
}

/// Bytes mapped by ``Descriptor/mapReadOnly(count:)``; they stay valid after the descriptor is closed.
@frozen public struct MappedBytes: @unchecked Sendable {
    public let bytes: UnsafeRawBufferPointer
    @inlinable public init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Releases the mapping (`munmap`); `bytes` must not be used afterwards.
    @inlinable public func unmap() {
        if let base = bytes.baseAddress, bytes.count > 0 { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
