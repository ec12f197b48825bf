import CLibgit2

/// Line-based three-way merge of file contents.
public enum FileMerge {
    /// Merges the changes `ours` and `theirs` each made to `base`; nil when they clash or when
    /// any side looks binary (a NUL byte in its first 8000 bytes, git's rule).
    /// Wraps `git_merge_file`.
    public static func merge(base: [UInt8], ours: [UInt8], theirs: [UInt8]) -> [UInt8]? {
        _ = Libgit2.ready
        if [base, ours, theirs].contains(where: looksBinary) { return nil }
        var options = git_merge_file_options()
        guard git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)) == 0 else { return nil }
        var result = git_merge_file_result()
        // A trailing NUL keeps every buffer's address valid even for empty content; sizes exclude it.
        let status: Int32 = (base + [0]).withUnsafeBufferPointer { basePointer in
            (ours + [0]).withUnsafeBufferPointer { oursPointer in
                (theirs + [0]).withUnsafeBufferPointer { theirsPointer in
                    var ancestor = input(basePointer)
                    var mine = input(oursPointer)
                    var other = input(theirsPointer)
                    return git_merge_file(&result, &ancestor, &mine, &other, &options)
                }
            }
        }
        defer { git_merge_file_result_free(&result) }
        guard status == 0 else { git_error_clear(); return nil }
        guard result.automergeable != 0 else { return nil }
        guard let raw = result.ptr, result.len > 0 else { return [] }
        return raw.withMemoryRebound(to: UInt8.self, capacity: result.len) {
            Array(UnsafeBufferPointer(start: $0, count: result.len))
        }
    }

    private static func input(_ buffer: UnsafeBufferPointer<UInt8>) -> git_merge_file_input {
        var value = git_merge_file_input()
        value.version = UInt32(GIT_MERGE_FILE_INPUT_VERSION)
        value.ptr = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
        value.size = buffer.count - 1
        return value
    }

    private static func looksBinary(_ content: [UInt8]) -> Bool {
        content.prefix(8000).contains(0)
    }
}
