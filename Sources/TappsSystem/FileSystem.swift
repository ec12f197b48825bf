#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Operations on paths. Paths are C strings: a Swift `String` converts implicitly, byte paths go
/// through ``withCPath(_:_:)``. Every call retries `EINTR` and throws the `Errno` it failed with.
public enum FileSystem {
    /// The status of `path`, following symbolic links (`stat`).
    @inlinable public static func status(_ path: UnsafePointer<CChar>) throws(Errno) -> FileStatus {
        var raw = stat()
        try nothingOrErrno { stat(path, &raw) }
        return FileStatus(raw)
    }

    /// The status of `path` itself, not of what a symbolic link points to (`lstat`).
    @inlinable public static func linkStatus(_ path: UnsafePointer<CChar>) throws(Errno) -> FileStatus {
        var raw = stat()
        try nothingOrErrno { lstat(path, &raw) }
        return FileStatus(raw)
    }

    /// Whether anything is at `path` (`lstat`: a dangling symbolic link counts).
    @inlinable public static func exists(_ path: UnsafePointer<CChar>) -> Bool {
        var raw = stat()
        return lstat(path, &raw) == 0
    }

    /// Whether `path` resolves to something (`access(F_OK)`: a dangling symbolic link does not count).
    @inlinable public static func resolves(_ path: UnsafePointer<CChar>) -> Bool { access(path, F_OK) == 0 }

    /// Whether this process may read `path` (`access(R_OK)`).
    @inlinable public static func isReadable(_ path: UnsafePointer<CChar>) -> Bool { access(path, R_OK) == 0 }

    /// Whether this process may execute `path` (`access(X_OK)`).
    @inlinable public static func mayExecute(_ path: UnsafePointer<CChar>) -> Bool { access(path, X_OK) == 0 }

    /// Whether `path` is a regular file this process may execute (`stat` + `access(X_OK)`).
    @inlinable public static func isExecutableFile(_ path: UnsafePointer<CChar>) -> Bool {
        guard let status = try? status(path), status.isRegularFile else { return false }
        return access(path, X_OK) == 0
    }

    /// Removes a file or symbolic link (`unlink`).
    @inlinable public static func remove(_ path: UnsafePointer<CChar>) throws(Errno) {
        try nothingOrErrno { unlink(path) }
    }

    /// Removes `path` when it is there; a missing path is not an error. Returns whether something was removed.
    @discardableResult
    @inlinable public static func removeIfPresent(_ path: UnsafePointer<CChar>) -> Bool { unlink(path) == 0 }

    /// Removes an empty directory (`rmdir`).
    @inlinable public static func removeDirectory(_ path: UnsafePointer<CChar>) throws(Errno) {
        try nothingOrErrno { rmdir(path) }
    }

    /// Moves `source` over `destination` in one step (`rename`).
    @inlinable public static func rename(_ source: UnsafePointer<CChar>, to destination: UnsafePointer<CChar>) throws(Errno) {
        try nothingOrErrno { Glibc.rename(source, destination) }
    }

    /// Creates one directory (`mkdir`); an existing one is an error (`EEXIST`).
    @inlinable public static func makeDirectory(_ path: UnsafePointer<CChar>, permissions: UInt32 = 0o777) throws(Errno) {
        try nothingOrErrno { mkdir(path, mode_t(permissions)) }
    }

    /// Creates `path` and its parents (mode 755, before the umask); existing ones are fine.
    public static func makeDirectories(_ path: String, permissions: UInt32 = 0o755) throws(Errno) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            do { try makeDirectory(current, permissions: permissions) } catch where error == .fileExists {}
        }
    }

    /// Sets the permission bits (`chmod`, following symbolic links).
    @inlinable public static func setPermissions(_ path: UnsafePointer<CChar>, _ permissions: UInt32) throws(Errno) {
        try nothingOrErrno { chmod(path, mode_t(permissions)) }
    }

    /// Creates a symbolic link at `path` pointing to `target` (`symlink`).
    @inlinable public static func makeSymbolicLink(at path: UnsafePointer<CChar>, to target: UnsafePointer<CChar>) throws(Errno) {
        try nothingOrErrno { symlink(target, path) }
    }

    /// The target of the symbolic link at `path`, as raw bytes (`readlink`). `sizeHint` is the link's
    /// `st_size` when known; a target that outgrows it is read again with more room.
    @inlinable public static func linkTarget(_ path: UnsafePointer<CChar>, sizeHint: Int = 0) throws(Errno) -> [UInt8] {
        var capacity = max(sizeHint, 0) + 4097
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = try buffer.withUnsafeMutableBytes { raw in
                Result { () throws(Errno) in
                    try valueOrErrno { readlink(path, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count) }
                }
            }.get()
            if count < capacity { return Array(buffer[0..<count]) }
            capacity *= 2
        }
    }

    /// Sets the access and modification times of `path` to now (`utimensat`).
    @inlinable public static func touch(_ path: UnsafePointer<CChar>) throws(Errno) {
        try nothingOrErrno { utimensat(AT_FDCWD, path, nil, 0) }
    }

    /// The names in directory `path` (without `.` and `..`), as raw bytes, in the order the system lists them.
    public static func entries(of path: UnsafePointer<CChar>) throws(Errno) -> [[UInt8]] {
        guard let handle = opendir(path) else { throw Errno.last }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2e] || name == [0x2e, 0x2e] { continue }
            names.append(name)
        }
        return names
    }

    /// The names in directory `path` as strings (names that are not UTF-8 are repaired).
    public static func entryNames(of path: UnsafePointer<CChar>) throws(Errno) -> [String] {
        try entries(of: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Removes `path` and everything under it; symbolic links are removed, not followed. Failures are ignored.
    public static func removeTree(_ path: [UInt8]) {
        let isDirectory = withCPath(path) { (try? linkStatus($0))?.isDirectory }
        guard let isDirectory else { return }
        guard isDirectory else {
            withCPath(path) { _ = unlink($0) }
            return
        }
        let children = (try? withCPath(path) { (p) throws(Errno) in try entries(of: p) }) ?? []
        for child in children { removeTree(path + [0x2f] + child) }
        withCPath(path) { _ = rmdir($0) }
    }

    /// The current working directory, or nil when it cannot be named (`getcwd`).
    public static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Makes `path` the working directory (`chdir`).
    public static func changeDirectory(_ path: UnsafePointer<CChar>) throws(Errno) {
        try nothingOrErrno { chdir(path) }
    }
}

/// Calls `body` with `bytes` as a NUL-terminated C path; git paths never contain NUL.
@inlinable @discardableResult
public func withCPath<R, E: Error>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) throws(E) -> R) throws(E) -> R {
    var terminated = bytes
    terminated.append(0)
    let result: Result<R, E> = terminated.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
            do throws(E) { return .success(try body(pointer)) } catch { return .failure(error) }
        }
    }
    return try result.get()
}

/// The bytes of a C string, without the terminating NUL and without any re-encoding.
@inlinable public func bytes(ofCString cString: UnsafePointer<CChar>) -> [UInt8] {
    let length = strlen(cString)
    return cString.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}
