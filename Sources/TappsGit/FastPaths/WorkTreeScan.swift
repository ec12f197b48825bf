import CLibgit2
import Dispatch

import TappsSystem

/// The work tree against the index the way git itself does it: one `lstat` per index entry,
/// compared with the entry's stat data, and content hashed (through the clean filters) only for
/// entries whose stat data moved or that are racily clean. libgit2's workdir diff walks every
/// directory instead, several times slower on large trees.
struct WorkTreeScan: Sendable {
    let repository: Repository
    let file: IndexFile
    let root: [UInt8]
    let checksExecutableBit: Bool
    let trustsChangeTime: Bool

    init?(repository: Repository, indexPath: String) {
        guard let workdir = repository.workingDirectory, let file = IndexFile.cached(at: indexPath, gitDirectory: repository.gitDirectory) else { return nil }
        self.repository = repository
        self.file = file
        root = Array(workdir.utf8)
        let config = try? repository.configuration()
        checksExecutableBit = (try? config?.bool("core.filemode")) ?? true
        trustsChangeTime = (try? config?.bool("core.trustctime")) ?? true
    }

    func changes() throws(GitError) -> [WorkTreeChange] {
        let entries = file.entries.filter { entry in
            entry.stage == 0 && !entry.isIntentToAdd && !entry.isSkipWorktree && entry.mode != 0o160000 && !entry.isSparseDirectory
        }
        // The stat pass runs on every core (as git's preload-index does); the content checks it
        // asks for go through libgit2 one at a time afterwards.
        let verdicts = StatVerdicts(count: entries.count)
        let workers = entries.count < 2_000 ? 1 : min(8, SystemLimits.onlineCores)
        let chunk = (entries.count + workers - 1) / max(workers, 1)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunk)..<min(entries.count, (worker + 1) * chunk)
            guard !range.isEmpty else { return }
            // Index entries are sorted by path, so entries of one directory come together: each
            // directory is opened once and its files are looked up by name, which spares the
            // kernel walking the whole path for every file.
            var directory = Directory(root: root)
            defer { directory.close() }
            for position in range {
                let entry = entries[position]
                verdicts.set(position, statVerdict(of: entry, at: Array(file.path(entry)), in: &directory))
            }
        }
        var result: [WorkTreeChange] = []
        for (position, entry) in entries.enumerated() {
            let kind: WorkTreeChange.Kind?
            switch verdicts.get(position) {
            case .clean: kind = nil
            case .changed(let changed): kind = changed
            case .checkContent(let isLink):
                kind = try contentMatches(entry, path: Array(file.path(entry)), isLink: isLink) ? nil : .modified
            }
            if let kind {
                result.append(WorkTreeChange(path: Array(file.path(entry)), kind: kind, indexMode: entry.mode, indexID: id(of: entry)))
            }
        }
        return result
    }

    /// What the stat data alone says about an entry.
    enum StatVerdict: Sendable {
        case clean
        case changed(WorkTreeChange.Kind)
        /// The stat data moved, or the entry is racily clean: compare the content.
        case checkContent(isLink: Bool)
    }

    /// One verdict per entry, written by the stat workers (each its own positions).
    final class StatVerdicts: @unchecked Sendable {
        private var storage: [StatVerdict]

        init(count: Int) { storage = Array(repeating: .clean, count: count) }

        func set(_ position: Int, _ verdict: StatVerdict) {
            storage.withUnsafeMutableBufferPointer { $0[position] = verdict }
        }

        func get(_ position: Int) -> StatVerdict { storage[position] }
    }

    /// The open directory of the previous entry.
    struct Directory {
        let root: [UInt8]
        var path: [UInt8]? = nil
        var descriptor: Descriptor? = nil
        /// Why the directory could not be opened, nil when it is open.
        var failure: Errno? = nil

        init(root: [UInt8]) { self.root = root }

        /// `lstat` of `path` (relative to the root) through its directory's descriptor; nil when
        /// there is nothing there (as git sees it).
        mutating func linkStatus(_ path: [UInt8]) -> FileStatus? {
            let slash = path.lastIndex(of: UInt8(ascii: "/"))
            let parent = slash.map { Array(path[..<$0]) } ?? []
            let name = slash.map { Array(path[($0 + 1)...]) } ?? path
            if parent != self.path {
                close()
                self.path = parent
                do throws(Errno) {
                    descriptor = try withCPath(root + parent) { (full) throws(Errno) in
                        try Descriptor.open(full, [.lookupOnly, .directory, .noFollow])
                    }
                } catch {
                    failure = error
                }
            }
            guard let descriptor else {
                // A directory that is now a symlink, a file or gone: its tracked files are gone
                // too, as git sees it (it does not follow a leading symlink).
                if failure == .tooManySymbolicLinkLevels || failure == .notDirectory || failure == .noSuchFileOrDirectory {
                    return nil
                }
                // Otherwise (no permission to open it): ask for the whole path.
                return withCPath(root + path) { try? FileSystem.linkStatus($0) }
            }
            return withCPath(name) { try? descriptor.status(of: $0) }
        }

        mutating func close() {
            descriptor?.closeQuietly()
            descriptor = nil
            failure = nil
            path = nil
        }
    }

    private func statVerdict(of entry: IndexFile.Entry, at path: [UInt8], in directory: inout Directory) -> StatVerdict {
        guard let info = directory.linkStatus(path) else { return .changed(.deleted) }
        let type = info.kind
        let wantsLink = entry.mode & 0o170000 == 0o120000
        if type == .directory { return .changed(.typeChanged) }
        if wantsLink != (type == .symbolicLink) { return .changed(.typeChanged) }
        if !wantsLink, checksExecutableBit, (info.mode & 0o100 != 0) != (entry.mode & 0o100 != 0) { return .changed(.modified) }
        if statMatches(entry, info) && !isRacy(entry) { return .clean }
        return .checkContent(isLink: wantsLink)
    }

    private func statMatches(_ entry: IndexFile.Entry, _ info: FileStatus) -> Bool {
        let offset = entry.statOffset
        if UInt32(truncatingIfNeeded: info.size) != entry.size { return false }
        if UInt32(truncatingIfNeeded: info.modified.seconds) != be32(offset + 8) { return false }
        let mtimeNanoseconds = be32(offset + 12)
        if mtimeNanoseconds != 0, UInt32(truncatingIfNeeded: info.modified.nanoseconds) != mtimeNanoseconds { return false }
        if trustsChangeTime {
            if UInt32(truncatingIfNeeded: info.changed.seconds) != be32(offset) { return false }
            let ctimeNanoseconds = be32(offset + 4)
            if ctimeNanoseconds != 0, UInt32(truncatingIfNeeded: info.changed.nanoseconds) != ctimeNanoseconds { return false }
        }
        let inode = be32(offset + 20)
        if inode != 0, UInt32(truncatingIfNeeded: info.inode) != inode { return false }
        return true
    }

    /// Modified in the same second as the index was written (or later): the stat data cannot tell.
    private func isRacy(_ entry: IndexFile.Entry) -> Bool {
        let seconds = Int(be32(entry.statOffset + 8)), nanoseconds = Int(be32(entry.statOffset + 12))
        return seconds > file.modified.seconds
            || (seconds == file.modified.seconds && nanoseconds >= file.modified.nanoseconds)
    }

    private func contentMatches(_ entry: IndexFile.Entry, path: [UInt8], isLink: Bool) throws(GitError) -> Bool {
        var oid = git_oid()
        let full = root + path
        if isLink {
            guard let target = withCPath(full, { try? FileSystem.linkTarget($0) }) else { return false }
            let result = target.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
            try check(result)
        } else {
            let result = withCPath(full) { fullPath in
                withCPath(path) { relative in
                    git_repository_hashfile(&oid, repository.indexedHandle, fullPath, GIT_OBJECT_BLOB, relative)
                }
            }
            if result < 0 { git_error_clear(); return false }
        }
        return ObjectID(oid) == id(of: entry)
    }

    private func id(of entry: IndexFile.Entry) -> ObjectID {
        ObjectID(bytes: Array(file.data[entry.idOffset..<entry.idOffset + 20]))
    }

    private func be32(_ offset: Int) -> UInt32 {
        let data = file.data
        return UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
    }
}
