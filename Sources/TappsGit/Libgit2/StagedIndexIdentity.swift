import TappsSystem

extension Repository {
    /// The identity of the index file git commits from, as it is on disk now: its trailing checksum, inode, size,
    /// modification and change times. git never rewrites an index in place (it renames a new file over it), so the same identity means the
    /// same staged content; nil when what is staged is not that file's content (libgit2 holds an index in memory
    /// that may differ) or the file cannot be read.
    public func stagedIndexFileIdentity() -> [UInt8]? {
        guard !isIndexMaterialized, let descriptor = try? Descriptor.open(indexPath, .readOnly) else { return nil }
        defer { descriptor.closeQuietly() }
        guard let status = try? descriptor.status(), status.size >= 20 else { return nil }
        // The file's last 20 bytes are git's SHA-1 of its content (zeros with `index.skipHash`): with them the
        // identity holds even where timestamps are coarse and an inode is reused.
        var bytes = [UInt8](repeating: 0, count: 20)
        let read = bytes.withUnsafeMutableBytes { buffer in try? descriptor.read(into: buffer, at: status.size - 20) }
        guard read == 20 else { return nil }
        for value in [UInt64(truncatingIfNeeded: status.inode), UInt64(truncatingIfNeeded: status.size),
                      UInt64(truncatingIfNeeded: status.modified.seconds), UInt64(truncatingIfNeeded: status.modified.nanoseconds),
                      UInt64(truncatingIfNeeded: status.changed.seconds), UInt64(truncatingIfNeeded: status.changed.nanoseconds)] {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}
