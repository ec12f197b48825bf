import CLibgit2
import TappsSystem

extension Repository {
    /// The bytes checkout would write for blob `id` at `path`: the blob run through the
    /// to-work-tree filters (`core.autocrlf`, `eol`, `ident`, …). Wraps `git_blob_filter`.
    public func workTreeBytes(ofBlob id: ObjectID, at path: [UInt8]) throws(GitError) -> [UInt8] {
        let blob = try Blob.lookup(id, in: self)
        var options = git_blob_filter_options()
        try check(git_blob_filter_options_init(&options, UInt32(GIT_BLOB_FILTER_OPTIONS_VERSION)))
        options.flags = 0 // filter binary-looking blobs too, exactly as checkout does
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try withCPath(path) { (cPath) throws(GitError) in
            _ = try check(git_blob_filter(&buffer, blob.pointer, cPath, &options))
        }
        guard let raw = buffer.ptr, buffer.size > 0 else { return [] }
        return raw.withMemoryRebound(to: UInt8.self, capacity: buffer.size) {
            Array(UnsafeBufferPointer(start: $0, count: buffer.size))
        }
    }
}

extension ObjectID {
    /// The id git gives `content` as a blob, without writing it. Wraps `git_odb_hash`.
    public static func blobID(of content: [UInt8]) -> ObjectID {
        _ = Libgit2.ready
        var oid = git_oid()
        _ = content.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) }
        return ObjectID(oid)
    }
}
