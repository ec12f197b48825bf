import CLibgit2

extension Repository {
    /// The lines `new` adds to `old` (nil: the file is new, so every line is added), as 1-based inclusive ranges
    /// of `new`: the new sides of `git diff -U0`'s hunks. Binary content adds no lines. Wraps `git_diff_blobs`
    /// with no context lines.
    public func addedLines(from old: ObjectID?, to new: ObjectID) throws(GitError) -> [ClosedRange<Int>] {
        let newBlob = try Blob.lookup(new, in: self)
        let oldBlob = try old.map { (id) throws(GitError) in try Blob.lookup(id, in: self) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        options.context_lines = 0
        options.interhunk_lines = 0
        let collector = HunkCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        try check(git_diff_blobs(oldBlob?.pointer, nil, newBlob.pointer, nil, &options, nil, nil, { _, hunk, payload in
            guard let hunk, let payload else { return 0 }
            let collector = Unmanaged<HunkCollector>.fromOpaque(payload).takeUnretainedValue()
            let start = Int(hunk.pointee.new_start), count = Int(hunk.pointee.new_lines)
            if count > 0 { collector.ranges.append(start...(start + count - 1)) }
            return 0
        }, nil, payload))
        return collector.ranges
    }

    /// The blob id of `path` in HEAD's tree, or nil (unborn branch, or no such file there).
    public func headBlobID(at path: [UInt8]) throws(GitError) -> ObjectID? {
        guard let tree = try headTree(), let entry = try tree.entry(at: path), entry.mode & 0o170000 == 0o100000 else {
            return nil
        }
        return entry.id
    }
}

private final class HunkCollector {
    var ranges: [ClosedRange<Int>] = []
}
