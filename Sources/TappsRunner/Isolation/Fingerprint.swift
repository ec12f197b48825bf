import TappsGit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cheap identity of a work-tree path's content: stat data first, a content hash when it changed.
struct Fingerprint: Equatable, Sendable {
    enum Content: Equatable, Sendable {
        case absent, untouchable, unreadable
        case file(ObjectID, executable: Bool)
        case symlink(ObjectID)
    }

    struct StatKey: Equatable, Sendable {
        var device: UInt64, inode: UInt64, size: Int64, mode: UInt32
        var modified: Int64, modifiedNanos: Int, changed: Int64, changedNanos: Int
    }

    var stat: StatKey?
    var content: Content

    /// The fingerprint of `path` now; `previous` is reused when the stat data did not change.
    static func of(_ path: [UInt8], in files: WorkTreeFiles, previous: Fingerprint?) -> Fingerprint {
        let key = files.status(path).map(StatKey.init)
        if let key, let previous, previous.stat == key { return previous }
        return Fingerprint(stat: key, content: content(of: files.read(path)))
    }

    static func content(of state: PathState?) -> Content {
        switch state {
        case nil: .unreadable
        case .absent: .absent
        case .untouchable: .untouchable
        case let .file(bytes, permissions): .file(ObjectID.blobID(of: bytes), executable: permissions & 0o100 != 0)
        case let .symlink(target): .symlink(ObjectID.blobID(of: target))
        }
    }
}

extension Fingerprint.StatKey {
    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                  mode: UInt32(info.st_mode), modified: Int64(info.st_mtim.tv_sec), modifiedNanos: Int(info.st_mtim.tv_nsec),
                  changed: Int64(info.st_ctim.tv_sec), changedNanos: Int(info.st_ctim.tv_nsec))
    }
}
