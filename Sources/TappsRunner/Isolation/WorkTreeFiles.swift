import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw reads and writes of work-tree paths given as bytes (any bytes but NUL), with no filters.
struct WorkTreeFiles: Sendable {
    /// The work-tree root, without a trailing slash.
    let root: [UInt8]

    init(root: String) {
        var bytes = Array(root.utf8)
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        self.root = bytes
    }

    func absolute(_ path: [UInt8]) -> [UInt8] { root + [UInt8(ascii: "/")] + path }

    /// The file status of `path` (not following a final symlink), or nil when nothing is there.
    func status(_ path: [UInt8]) -> stat? {
        var info = stat()
        let result = withPath(absolute(path)) { lstat($0, &info) }
        return result == 0 ? info : nil
    }

    /// What `path` holds now; nil when it could not be read (permissions, I/O).
    func read(_ path: [UInt8]) -> PathState? {
        guard let info = status(path) else { return errno == ENOENT || errno == ENOTDIR ? .absent : nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            guard let content = readFile(absolute(path)) else { return nil }
            return .file(content: content, permissions: UInt32(info.st_mode & 0o7777))
        case S_IFLNK:
            var buffer = [UInt8](repeating: 0, count: Int(max(info.st_size, 0)) + 4097)
            let count = withPath(absolute(path)) { name in
                buffer.withUnsafeMutableBytes { readlink(name, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
            }
            guard count >= 0 else { return nil }
            return .symlink(target: Array(buffer[0..<count]))
        default:
            return .untouchable
        }
    }

    /// Puts `state` at `path`, replacing a file or symlink there atomically (write a temporary
    /// file beside it, then rename). Missing parent directories are created. Never removes a
    /// directory. Returns a description of the failure, or nil on success.
    func write(_ state: PathState, at path: [UInt8]) -> String? {
        switch state {
        case .untouchable:
            return nil
        case .absent:
            guard let info = status(path) else { return nil }
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFLNK else { return "a directory is in the way" }
            return withPath(absolute(path)) { unlink($0) } == 0 || errno == ENOENT ? nil : failure("unlink")
        case .file, .symlink:
            if let info = status(path), info.st_mode & S_IFMT == S_IFDIR { return "a directory is in the way" }
            if let problem = makeParents(of: path) { return problem }
            let temporary = temporaryName(beside: path)
            CrashPoint.slowWrite()
            if let problem = create(state, at: temporary) { return problem }
            CrashPoint.slowWrite()
            CrashPoint.midWrite.reach()
            let renamed = withPath(absolute(temporary)) { from in withPath(absolute(path)) { to in rename(from, to) } }
            guard renamed == 0 else {
                let problem = failure("rename")
                _ = withPath(absolute(temporary)) { unlink($0) }
                return problem
            }
            return nil
        }
    }

    /// Puts `target` at `path`, which holds `current` (nil: not known): nothing when it is already
    /// there, only the permission bits when the bytes are the same (a mode-only difference never
    /// rewrites content), otherwise ``write(_:at:)`` — so a reader never sees a half-written file.
    func put(_ target: PathState, at path: [UInt8], over current: PathState?) -> String? {
        if let current, current == target { return nil }
        if case let .file(content, _)? = current, case let .file(wanted, wantedPermissions) = target,
           content == wanted, let info = status(path), info.st_mode & S_IFMT == S_IFREG {
            CrashPoint.slowWrite()
            guard withPath(absolute(path), { chmod($0, mode_t(wantedPermissions)) }) == 0 else { return failure("chmod") }
            return nil
        }
        return write(target, at: path)
    }

    /// The prefix of every temporary file process `pid` writes beside a work-tree path.
    static func temporaryPrefix(of pid: Int32) -> [UInt8] { Array(".tapps-write-\(pid)-".utf8) }

    /// Removes the temporary files process `pid` (gone) left in the directories of `paths` — files
    /// that were being written when it was killed — and returns their paths.
    func removeTemporaries(of pid: Int32, besides paths: [[UInt8]]) -> [[UInt8]] {
        let prefixes = [Self.temporaryPrefix(of: pid), Array(".tapps-restore-\(pid)-".utf8)]
        var directories: Set<[UInt8]> = []
        for path in paths { directories.insert(path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[..<$0]) } ?? []) }
        var removed: [[UInt8]] = []
        for directory in directories.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let full = directory.isEmpty ? root : absolute(directory)
            guard let handle = withPath(full, { opendir($0) }) else { continue }
            var names: [[UInt8]] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
                if prefixes.contains(where: { name.starts(with: $0) }) { names.append(name) }
            }
            closedir(handle)
            for name in names {
                let relative = directory.isEmpty ? name : directory + [UInt8(ascii: "/")] + name
                if let info = status(relative), info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFLNK,
                   withPath(absolute(relative), { unlink($0) }) == 0 {
                    removed.append(relative)
                }
            }
        }
        return removed
    }

    /// Creates the directories leading to `path` that do not exist yet; the ones it would create
    /// are returned by ``missingParents(of:)``.
    func makeParents(of path: [UInt8]) -> String? {
        for directory in missingParents(of: path) {
            if withPath(absolute(directory), { mkdir($0, 0o777) }) != 0 && errno != EEXIST { return failure("mkdir") }
        }
        return nil
    }

    /// The parent directories of `path` that are missing, outermost first.
    func missingParents(of path: [UInt8]) -> [[UInt8]] {
        parentChain(of: path).filter { status($0) == nil }
    }

    /// True when every existing parent of `path` is a real directory (not a file or a symlink).
    func parentsAreDirectories(of path: [UInt8]) -> Bool {
        parentChain(of: path).allSatisfy { parent in
            guard let info = status(parent) else { return true }
            return info.st_mode & S_IFMT == S_IFDIR
        }
    }

    /// Removes `directory` if it is empty; leaves it otherwise.
    func removeIfEmpty(_ directory: [UInt8]) {
        _ = withPath(absolute(directory)) { rmdir($0) }
    }

    private func parentChain(of path: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        for (position, byte) in path.enumerated() where byte == UInt8(ascii: "/") {
            result.append(Array(path[0..<position]))
        }
        return result
    }

    private func create(_ state: PathState, at temporary: [UInt8]) -> String? {
        switch state {
        case .symlink(let target):
            let result = withPath(target) { to in withPath(absolute(temporary)) { symlink(to, $0) } }
            return result == 0 ? nil : failure("symlink")
        case .file(let content, let permissions):
            let fd = withPath(absolute(temporary)) { open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
            guard fd >= 0 else { return failure("create") }
            var problem: String?
            var offset = 0
            while offset < content.count {
                let written = content.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    problem = failure("write")
                    break
                }
                offset += written
            }
            if problem == nil, fchmod(fd, mode_t(permissions)) != 0 { problem = failure("chmod") }
            if close(fd) != 0, problem == nil { problem = failure("close") }
            if problem != nil { _ = withPath(absolute(temporary)) { unlink($0) } }
            return problem
        case .absent, .untouchable:
            return nil
        }
    }

    private func temporaryName(beside path: [UInt8]) -> [UInt8] {
        let directory = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[...$0]) } ?? []
        let number = WorkTreeFiles.counter.add(1, ordering: .relaxed).newValue
        return directory + Self.temporaryPrefix(of: getpid()) + Array("\(number)".utf8)
    }

    private static let counter = Atomic<Int>(0)

    private func failure(_ operation: String) -> String {
        "\(operation) failed: \(String(cString: strerror(errno)))"
    }
}

/// Calls `body` with `bytes` as a NUL-terminated C path.
func withPath<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    (bytes + [0]).withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
    }
}

/// A whole file's bytes, or nil when it cannot be read. Symbolic links are not followed unless asked.
func readFile(_ path: [UInt8], followingLinks: Bool = false) -> [UInt8]? {
    let flags = O_RDONLY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
    let fd = withPath(path) { open($0, flags) }
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        if count < 0 { if errno == EINTR { continue }; return nil }
        if count == 0 { return result }
        result.append(contentsOf: chunk[0..<count])
    }
}
