import TappsGit
import TappsSystem

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
    init(_ info: FileStatus) {
        self.init(device: info.device, inode: info.inode, size: info.size,
                  mode: info.mode, modified: info.modified.seconds, modifiedNanos: Int(info.modified.nanoseconds),
                  changed: info.changed.seconds, changedNanos: Int(info.changed.nanoseconds))
    }
}
