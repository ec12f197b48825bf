import CLibgit2

/// A blob object (`git_blob`); keeps its repository alive.
public final class Blob: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The repository the blob was read from.
    public let repository: Repository

    init(owning pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_blob_free(pointer) }

    /// Looks up a blob by id. Wraps `git_blob_lookup`.
    public static func lookup(_ id: ObjectID, in repository: Repository) throws(GitError) -> Blob {
        var out: OpaquePointer?
        var oid = id.raw
        try check(git_blob_lookup(&out, repository.objectsHandle, &oid))
        guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "no blob \(id)") }
        return Blob(owning: out, repository: repository)
    }

    /// The raw bytes, exactly as stored (no filters).
    public var content: [UInt8] {
        let size = Int(git_blob_rawsize(pointer))
        guard size > 0, let raw = git_blob_rawcontent(pointer) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// True when git's heuristics call the content binary. Wraps `git_blob_is_binary`.
    public var isBinary: Bool { git_blob_is_binary(pointer) == 1 }
}
