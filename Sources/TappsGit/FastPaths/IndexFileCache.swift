import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IndexFile {
    /// The parsed index at `path`, reused while the file is unchanged (same inode, size, and
    /// modification and change times to the nanosecond): a run reads it up to four times
    /// (staged diff, two work-tree scans, the staged tree id), and a large index takes milliseconds
    /// to parse. git replaces the index by renaming a new file over it, which changes the inode.
    /// (A split index's shared index never changes: it is named after its content.)
    static func cached(at path: String, gitDirectory: String? = nil) -> IndexFile? {
        var info = stat()
        guard stat(path, &info) == 0 else { return read(at: path, gitDirectory: gitDirectory) }
        let stamp = Stamp(info)
        if let hit = memo.withLock({ $0[path] }), hit.stamp == stamp { return hit.file }
        guard let file = read(at: path, gitDirectory: gitDirectory) else { return nil }
        memo.withLock { $0[path] = Memo(stamp: stamp, file: file) }
        return file
    }

    private struct Stamp: Equatable, Sendable {
        var device: UInt64, inode: UInt64, size: Int64
        var modified: Int64, modifiedNanoseconds: Int64, changed: Int64, changedNanoseconds: Int64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
            changed = Int64(info.st_ctim.tv_sec)
            changedNanoseconds = Int64(info.st_ctim.tv_nsec)
        }
    }

    private struct Memo: Sendable {
        var stamp: Stamp
        var file: IndexFile
    }

    private static let memo = Mutex<[String: Memo]>([:])
}

extension Repository {
    /// The parsed index file git would commit from (see ``indexPath``), or nil when it is not
    /// handled by ``IndexFile``.
    func indexFile() -> IndexFile? {
        IndexFile.cached(at: indexPath, gitDirectory: gitDirectory)
    }
}
