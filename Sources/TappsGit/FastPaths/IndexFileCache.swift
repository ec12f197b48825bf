import Synchronization

import TappsSystem

extension IndexFile {
    /// The parsed index at `path`, reused while the file is unchanged (same inode, size, and
    /// modification and change times to the nanosecond): a run reads it up to four times
    /// (staged diff, two work-tree scans, the staged tree id), and a large index takes milliseconds
    /// to parse. git replaces the index by renaming a new file over it, which changes the inode.
    /// (A split index's shared index never changes: it is named after its content.)
    static func cached(at path: String, gitDirectory: String? = nil) -> IndexFile? {
        try? cachedLoad(at: path, gitDirectory: gitDirectory).get()
    }

    /// ``cached(at:gitDirectory:)`` with the reason when the file cannot be read (also kept, so
    /// that a file git must be asked about is asked about once).
    static func cachedLoad(at path: String, gitDirectory: String?) -> Result<IndexFile, Unreadable> {
        guard let info = try? FileSystem.status(path) else { return load(at: path, gitDirectory: gitDirectory) }
        let stamp = Stamp(info)
        if let hit = memo.withLock({ $0[path] }), hit.stamp == stamp { return hit.file }
        let file = load(at: path, gitDirectory: gitDirectory)
        memo.withLock { $0[path] = Memo(stamp: stamp, file: file) }
        if case .success(let plain) = file, let failure = plain.readThroughGit { Self.noteReadThroughGit(path, failure) }
        return file
    }

    /// One line on stderr, once per process, when an index is read through git (slower, and
    /// git-tapps will not rewrite it).
    private static func noteReadThroughGit(_ path: String, _ failure: IndexReadFailure) {
        let first = noted.withLock { noted in
            defer { noted = true }
            return !noted
        }
        guard first else { return }
        let line = "git-tapps: note: the index \(path) \(failure.explanation), which git-tapps does not read itself; "
            + "it was read through git, and git-tapps will not write to it\n"
        try? Descriptor.standardError.writeAll(line)
    }

    private static let noted = Mutex(false)

    private struct Stamp: Equatable, Sendable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: FileTime, changed: FileTime

        init(_ info: FileStatus) {
            (device, inode, size) = (info.device, info.inode, info.size)
            (modified, changed) = (info.modified, info.changed)
        }
    }

    private struct Memo: Sendable {
        var stamp: Stamp
        var file: Result<IndexFile, Unreadable>
    }

    private static let memo = Mutex<[String: Memo]>([:])
}

extension Repository {
    /// The parsed index file git would commit from (see ``indexPath``), or nil when it is not
    /// handled by ``IndexFile``.
    func indexFile() -> IndexFile? {
        IndexFile.cached(at: indexPath, gitDirectory: gitDirectory)
    }

    /// Why ``indexFile()`` is nil, naming the file, or nil when it is not.
    func indexFileProblem() -> String? {
        guard case .failure(let unreadable) = IndexFile.cachedLoad(at: indexPath, gitDirectory: gitDirectory) else { return nil }
        return unreadable.message
    }
}
