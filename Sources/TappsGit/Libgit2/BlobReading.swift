import CLibgit2
import TappsSystem

extension Repository {
    /// The size in bytes of the object `id`, read from its header (the content is not inflated when the
    /// object is loose or stored whole in a pack). Wraps `git_odb_read_header`.
    public func objectSize(_ id: ObjectID) throws(GitError) -> Int {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, objectsHandle))
        guard let odb else { throw GitError(code: -1, errorClass: 0, message: "no object database") }
        defer { git_odb_free(odb) }
        var size = 0
        var type = GIT_OBJECT_ANY
        var oid = id.raw
        try check(git_odb_read_header(&size, &type, odb, &oid))
        return size
    }

    /// The raw bytes of the blob `id`, as stored (no filters).
    public func blobContent(_ id: ObjectID) throws(GitError) -> [UInt8] {
        try Blob.lookup(id, in: self).content
    }

    /// The lines `new` adds to `old` (nil: the file is new, every line is added), with their line numbers
    /// in `new`, as `git diff` would show them with no context. Empty when either side is binary.
    /// Wraps `git_patch_from_blobs`.
    public func addedLines(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [(number: Int, bytes: [UInt8])] {
        let newContent = try blobContent(new)
        let oldContent = try old.map { id throws(GitError) in try blobContent(id) }
        return try Self.addedLines(from: oldContent, to: newContent)
    }

    /// The lines `new` adds to `old` (nil: every line is added), as ``addedLines(from:to:)-(ObjectID?,ObjectID)``
    /// but on bytes already read (no object lookups). Wraps `git_patch_from_buffers`.
    public static func addedLines(from old: [UInt8]?, to new: [UInt8]) throws(GitError) -> [(number: Int, bytes: [UInt8])] {
        var options = try Diff.makeOptions()
        var patch: OpaquePointer?
        let status = (old ?? []).withUnsafeBytes { oldBytes in
            new.withUnsafeBytes { newBytes in
                git_patch_from_buffers(&patch, oldBytes.baseAddress, old?.count ?? 0, nil,
                                       newBytes.baseAddress, new.count, nil, &options)
            }
        }
        try check(status)
        guard let patch else { return [] }
        defer { git_patch_free(patch) }
        if let delta = git_patch_get_delta(patch)?.pointee, delta.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 { return [] }
        var result: [(number: Int, bytes: [UInt8])] = []
        for hunk in 0..<git_patch_num_hunks(patch) {
            let lines = git_patch_num_lines_in_hunk(patch, hunk)
            guard lines > 0 else { continue }
            for index in 0..<Int(lines) {
                var line: UnsafePointer<git_diff_line>?
                try check(git_patch_get_line_in_hunk(&line, patch, hunk, index))
                guard let line = line?.pointee, line.origin == CChar(UInt8(ascii: "+")), let content = line.content else { continue }
                var bytes = content.withMemoryRebound(to: UInt8.self, capacity: line.content_len) {
                    Array(UnsafeBufferPointer(start: $0, count: line.content_len))
                }
                if bytes.last == 0x0A { bytes.removeLast() }
                if bytes.last == 0x0D { bytes.removeLast() }
                result.append((Int(line.new_lineno), bytes))
            }
        }
        return result
    }
}

extension Tree {
    /// Every blob path in the tree (any depth, no submodules), slash-separated. Wraps `git_tree_walk`.
    public func blobPaths() throws(GitError) -> [(path: [UInt8], id: ObjectID, mode: UInt32)] {
        final class Collector {
            var entries: [(path: [UInt8], id: ObjectID, mode: UInt32)] = []
        }
        let collector = Collector()
        let unmanaged = Unmanaged.passRetained(collector)
        defer { unmanaged.release() }
        try check(git_tree_walk(pointer, GIT_TREEWALK_PRE, { root, entry, payload in
            guard let entry, let payload else { return 0 }
            guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return 0 }
            let collector = Unmanaged<Collector>.fromOpaque(payload).takeUnretainedValue()
            var path = root.map { bytes(ofCString: $0) } ?? []
            path += bytes(ofCString: git_tree_entry_name(entry))
            collector.entries.append((path, ObjectID(git_tree_entry_id(entry)), git_tree_entry_filemode_raw(entry).rawValue))
            return 0
        }, unmanaged.toOpaque()))
        return collector.entries
    }
}
