/// The `large-files` rule: an added file, or a file that grew, above the size limit. Git LFS pointers are
/// small text files whatever the size of what they point at, so the staged blob's own size is what counts.
public enum LargeFiles {
    /// The first line of a Git LFS pointer file.
    public static let lfsPointerPrefix = Array("version https://git-lfs.github.com/spec/".utf8)

    /// A finding when a blob of `newSize` bytes (previously `oldSize`, nil when the path is new) breaks the limit.
    public static func check(file: RepoPath, newSize: Int, oldSize: Int?, maxKB: Int) -> Finding? {
        let limit = maxKB * 1024
        guard newSize > limit else { return nil }
        if let oldSize, newSize <= oldSize { return nil }
        let grown = oldSize.map { " (was \(kib($0)))" } ?? ""
        return Finding(file: file, severity: "error", code: "large-file",
                       message: "\(kib(newSize)) is above the \(maxKB) KiB limit\(grown): use Git LFS, or raise builtins.large-files.max_kb")
    }

    /// Whether `prefix` (the first bytes of a blob) is a Git LFS pointer.
    public static func isLFSPointer(_ prefix: ArraySlice<UInt8>) -> Bool {
        prefix.starts(with: lfsPointerPrefix)
    }

    static func kib(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 512) / 1024
        return "\(tenths / 10).\(tenths % 10) KiB"
    }
}
