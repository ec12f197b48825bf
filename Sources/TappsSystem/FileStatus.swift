#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time as a file system records it: whole seconds since the epoch and nanoseconds.
@frozen public struct FileTime: Sendable, Hashable {
    public var seconds: Int64
    public var nanoseconds: Int64

    @inlinable public init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    @inlinable init(_ spec: timespec) {
        self.init(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }

    @inlinable var timespec: timespec {
        Glibc.timespec(tv_sec: time_t(seconds), tv_nsec: Int(nanoseconds))
    }
}

/// What kind of object a path names.
@frozen public enum FileKind: Sendable, Hashable {
    case regular, directory, symbolicLink, other
}

/// The fields of `struct stat` that git-tapps uses, so that no caller touches `st_mtim` and friends.
@frozen public struct FileStatus: Sendable, Hashable {
    /// The whole `st_mode`: type bits and permission bits.
    public var mode: UInt32
    public var size: Int64
    public var device: UInt64
    public var inode: UInt64
    public var userID: UInt32
    public var groupID: UInt32
    public var accessed: FileTime
    public var modified: FileTime
    /// The inode change time (`st_ctim`).
    public var changed: FileTime

    @inlinable init(_ raw: stat) {
        mode = UInt32(raw.st_mode)
        size = Int64(raw.st_size)
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        userID = UInt32(raw.st_uid)
        groupID = UInt32(raw.st_gid)
        accessed = FileTime(raw.st_atim)
        modified = FileTime(raw.st_mtim)
        changed = FileTime(raw.st_ctim)
    }

    @inlinable public var kind: FileKind {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): .regular
        case UInt32(S_IFDIR): .directory
        case UInt32(S_IFLNK): .symbolicLink
        default: .other
        }
    }

    /// The permission bits (`mode & 0o7777`).
    @inlinable public var permissions: UInt32 { mode & 0o7777 }
    @inlinable public var isRegularFile: Bool { kind == .regular }
    @inlinable public var isDirectory: Bool { kind == .directory }
    @inlinable public var isSymbolicLink: Bool { kind == .symbolicLink }
}
