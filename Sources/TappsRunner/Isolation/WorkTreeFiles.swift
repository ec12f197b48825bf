import Synchronization
import TappsSystem

/// Raw reads and writes of work-tree paths given as bytes (any bytes but NUL), with no filters.
struct WorkTreeFiles: Sendable {
    /// The work-tree root, without a trailing slash.
    let root: [UInt8]

    init(root: String) {
        self.root = TextConventions.trimmingTrailingSlashes(Array(root.utf8))
    }

    func absolute(_ path: [UInt8]) -> [UInt8] { root + [UInt8(ascii: "/")] + path }

    /// The file status of `path` (not following a final symlink), or nil when nothing is there.
    func status(_ path: [UInt8]) -> FileStatus? {
        try? linkStatus(path)
    }

    private func linkStatus(_ path: [UInt8]) throws(Errno) -> FileStatus {
        try withCPath(absolute(path)) { (full) throws(Errno) in try FileSystem.linkStatus(full) }
    }

    /// What `path` holds now; nil when it could not be read (permissions, I/O).
    func read(_ path: [UInt8]) -> PathState? {
        let info: FileStatus
        do throws(Errno) {
            info = try linkStatus(path)
        } catch {
            return error == .noSuchFileOrDirectory || error == .notDirectory ? .absent : nil
        }
        switch info.kind {
        case .regular:
            guard let content = readFile(absolute(path)) else { return nil }
            return .file(content: content, permissions: info.permissions)
        case .symbolicLink:
            guard let target = withCPath(absolute(path), { try? FileSystem.linkTarget($0, sizeHint: Int(info.size)) }) else {
                return nil
            }
            return .symlink(target: target)
        case .directory, .other:
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
            guard info.kind == .regular || info.kind == .symbolicLink else { return "a directory is in the way" }
            do throws(Errno) {
                try withCPath(absolute(path)) { (full) throws(Errno) in try FileSystem.remove(full) }
                return nil
            } catch {
                return error == .noSuchFileOrDirectory ? nil : failure("unlink", error)
            }
        case .file, .symlink:
            if let info = status(path), info.isDirectory { return "a directory is in the way" }
            if let problem = makeParents(of: path) { return problem }
            let temporary = temporaryName(beside: path)
            CrashPoint.slowWrite()
            if let problem = create(state, at: temporary) { return problem }
            CrashPoint.slowWrite()
            CrashPoint.midWrite.reach()
            do throws(Errno) {
                try withCPath(absolute(temporary)) { (from) throws(Errno) in
                    try withCPath(absolute(path)) { (to) throws(Errno) in try FileSystem.rename(from, to: to) }
                }
                return nil
            } catch {
                withCPath(absolute(temporary)) { FileSystem.removeIfPresent($0) }
                return failure("rename", error)
            }
        }
    }

    /// Puts `target` at `path`, which holds `current` (nil: not known): nothing when it is already
    /// there, only the permission bits when the bytes are the same (a mode-only difference never
    /// rewrites content), otherwise ``write(_:at:)`` — so a reader never sees a half-written file.
    func put(_ target: PathState, at path: [UInt8], over current: PathState?) -> String? {
        if let current, current == target { return nil }
        if case let .file(content, _)? = current, case let .file(wanted, wantedPermissions) = target,
           content == wanted, let info = status(path), info.isRegularFile {
            CrashPoint.slowWrite()
            do throws(Errno) {
                try withCPath(absolute(path)) { (full) throws(Errno) in try FileSystem.setPermissions(full, wantedPermissions) }
            } catch {
                return failure("chmod", error)
            }
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
            guard let entries = withCPath(full, { try? FileSystem.entries(of: $0) }) else { continue }
            let names = entries.filter { name in prefixes.contains(where: { name.starts(with: $0) }) }
            for name in names {
                let relative = directory.isEmpty ? name : directory + [UInt8(ascii: "/")] + name
                if let info = status(relative), info.kind == .regular || info.kind == .symbolicLink,
                   withCPath(absolute(relative), { FileSystem.removeIfPresent($0) }) {
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
            do throws(Errno) {
                try withCPath(absolute(directory)) { (full) throws(Errno) in try FileSystem.makeDirectory(full, permissions: 0o777) }
            } catch where error != .fileExists {
                return failure("mkdir", error)
            } catch {}
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
            return info.isDirectory
        }
    }

    /// Removes `directory` if it is empty; leaves it otherwise.
    func removeIfEmpty(_ directory: [UInt8]) {
        _ = withCPath(absolute(directory)) { try? FileSystem.removeDirectory($0) }
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
            do throws(Errno) {
                try withCPath(target) { (to) throws(Errno) in
                    try withCPath(absolute(temporary)) { (at) throws(Errno) in try FileSystem.makeSymbolicLink(at: at, to: to) }
                }
                return nil
            } catch {
                return failure("symlink", error)
            }
        case .file(let content, let permissions):
            let descriptor: Descriptor
            do throws(Errno) {
                descriptor = try withCPath(absolute(temporary)) { (at) throws(Errno) in
                    try Descriptor.open(at, [.writeOnly, .create, .exclusive], permissions: 0o600)
                }
            } catch {
                return failure("create", error)
            }
            var problem: String?
            do throws(Errno) { try descriptor.writeAll(content) } catch { problem = failure("write", error) }
            if problem == nil {
                do throws(Errno) { try descriptor.setPermissions(permissions) } catch { problem = failure("chmod", error) }
            }
            do throws(Errno) { try descriptor.close() } catch { if problem == nil { problem = failure("close", error) } }
            if problem != nil { withCPath(absolute(temporary)) { FileSystem.removeIfPresent($0) } }
            return problem
        case .absent, .untouchable:
            return nil
        }
    }

    private func temporaryName(beside path: [UInt8]) -> [UInt8] {
        let directory = path.lastIndex(of: UInt8(ascii: "/")).map { Array(path[...$0]) } ?? []
        let number = WorkTreeFiles.counter.add(1, ordering: .relaxed).newValue
        return directory + Self.temporaryPrefix(of: ProcessControl.currentID) + Array("\(number)".utf8)
    }

    private static let counter = Atomic<Int>(0)

    private func failure(_ operation: String, _ error: Errno) -> String {
        "\(operation) failed: \(error)"
    }
}

/// A whole file's bytes, or nil when it cannot be read. Symbolic links are not followed unless asked.
func readFile(_ path: [UInt8], followingLinks: Bool = false) -> [UInt8]? {
    FileContents.read(bytePath: path, followingLinks: followingLinks)
}
