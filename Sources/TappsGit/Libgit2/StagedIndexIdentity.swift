import TappsSystem

extension Repository {
    /// The identity of the index file git commits from, as it is on disk now: its inode, size, modification and
    /// change times. git never rewrites an index in place (it renames a new file over it), so the same identity means the
    /// same staged content; nil when what is staged is not that file's content (libgit2 holds an index in memory
    /// that may differ) or the file cannot be read.
    public func stagedIndexFileIdentity() -> [UInt8]? {
        guard !isIndexMaterialized, let status = try? FileSystem.status(indexPath) else { return nil }
        var bytes: [UInt8] = []
        for value in [UInt64(truncatingIfNeeded: status.inode), UInt64(truncatingIfNeeded: status.size),
                      UInt64(truncatingIfNeeded: status.modified.seconds), UInt64(truncatingIfNeeded: status.modified.nanoseconds),
                      UInt64(truncatingIfNeeded: status.changed.seconds), UInt64(truncatingIfNeeded: status.changed.nanoseconds)] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}
