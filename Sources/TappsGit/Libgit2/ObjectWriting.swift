import CLibgit2

/// Who wrote a commit and when.
public struct Signature: Sendable {
    public var name: String
    public var email: String
    /// Seconds since the epoch.
    public var time: Int64
    /// Offset from UTC, in minutes.
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

extension Repository {
    /// Writes `content` as a blob, byte for byte (no filters run). Wraps `git_blob_create_from_buffer`.
    public func writeBlob(_ content: [UInt8]) throws(GitError) -> ObjectID {
        var oid = git_oid()
        let result = content.withUnsafeBytes { git_blob_create_from_buffer(&oid, objectsHandle, $0.baseAddress, $0.count) }
        try check(result)
        return ObjectID(oid)
    }

    /// Writes a tree holding `entries` (full paths, any depth) and returns its id.
    /// Built through an in-memory index, since a treebuilder handles one level only.
    public func writeTree(_ entries: [IndexEntry]) throws(GitError) -> ObjectID {
        let index = try Index.inMemory()
        for entry in entries { try index.add(entry) }
        return try index.writeTree(to: self)
    }

    /// Writes a commit object without moving any reference. Wraps `git_commit_create`.
    public func writeCommit(tree: ObjectID, parents: [ObjectID], message: String,
                            signature: Signature) throws(GitError) -> ObjectID {
        let treeObject = try Tree.lookup(tree, in: self)
        let parentObjects = try parents.map { (id) throws(GitError) in try Commit.lookup(id, in: self) }
        var sig: UnsafeMutablePointer<git_signature>?
        try check(git_signature_new(&sig, signature.name, signature.email, signature.time, signature.offsetMinutes))
        defer { git_signature_free(sig) }
        var oid = git_oid()
        var parentPointers: [OpaquePointer?] = parentObjects.map { $0.pointer }
        let result = withExtendedLifetime(parentObjects) {
            parentPointers.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&oid, objectsHandle, nil, sig, sig, "UTF-8", message, treeObject.pointer,
                                  buffer.count, buffer.baseAddress)
            }
        }
        try check(result)
        return ObjectID(oid)
    }
}
