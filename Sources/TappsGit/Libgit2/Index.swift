import CLibgit2
import TappsSystem

/// One entry of an index, copied out of libgit2.
public struct IndexEntry: Sendable, Hashable {
    /// The path, as raw bytes (git paths may be any bytes but NUL).
    public var path: [UInt8]
    /// The file mode (0o100644, 0o100755, 0o120000 symlink, 0o160000 submodule).
    public var mode: UInt32
    /// The blob (or, for a submodule, commit) id.
    public var id: ObjectID
    /// 0 for a normal entry; 1–3 for the base/ours/theirs sides of a conflict.
    public var stage: Int
    /// Set by `git add -N`: the path is known but its content is not staged.
    public var isIntentToAdd: Bool
    /// Set for sparse-checkout paths absent from the work tree.
    public var isSkipWorktree: Bool
    /// The size the work-tree file had when it was staged.
    public var fileSize: UInt32

    public init(path: [UInt8], mode: UInt32, id: ObjectID, stage: Int = 0,
                isIntentToAdd: Bool = false, isSkipWorktree: Bool = false, fileSize: UInt32 = 0) {
        self.path = path
        self.mode = mode
        self.id = id
        self.stage = stage
        self.isIntentToAdd = isIntentToAdd
        self.isSkipWorktree = isSkipWorktree
        self.fileSize = fileSize
    }

    init(_ entry: git_index_entry) {
        path = entry.path.map { bytes(ofCString: $0) } ?? []
        mode = entry.mode
        id = ObjectID(entry.id)
        stage = Int((entry.flags & 0x3000) >> 12)
        isIntentToAdd = entry.flags_extended & UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) != 0
        isSkipWorktree = entry.flags_extended & UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue) != 0
        fileSize = entry.file_size
    }

    /// A gitlink: the entry records a submodule commit.
    public var isSubmodule: Bool { mode == 0o160000 }
    /// A symbolic link.
    public var isSymlink: Bool { mode == 0o120000 }
}

/// A git index (`git_index`): the repository's, one named by `GIT_INDEX_FILE`, or an in-memory one.
public final class Index: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The repository this index belongs to, if any; kept alive with the index.
    public let repository: Repository?
    /// Set when libgit2 holds a plain copy of a split or sparse index file it cannot read itself.
    let expansion: IndexExpansion?

    init(owning pointer: OpaquePointer, repository: Repository?, expansion: IndexExpansion? = nil) {
        self.pointer = pointer
        self.repository = repository
        self.expansion = expansion
    }

    deinit { git_index_free(pointer) }

    /// Opens an index file on its own. Wraps `git_index_open`; a split or sparse index, which
    /// libgit2 cannot read, is read by ``IndexFile`` and handed to libgit2 as a plain index
    /// (its shared index is looked for in `gitDirectory`, then beside the file).
    public static func open(at path: String, gitDirectory: String? = nil) throws(GitError) -> Index {
        _ = Libgit2.ready
        if let gitDirectory, let expanded = try IndexExpansion.index(at: path, gitDirectory: gitDirectory, repository: nil) {
            return expanded
        }
        var out: OpaquePointer?
        try check(git_index_open(&out, path))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "could not open index \(path)") }
        return Index(owning: out, repository: nil)
    }

    /// A new empty in-memory index, for building trees. Wraps `git_index_new`.
    public static func inMemory() throws(GitError) -> Index {
        _ = Libgit2.ready
        var out: OpaquePointer?
        try check(git_index_new(&out))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "could not create index") }
        return Index(owning: out, repository: nil)
    }

    /// The number of entries, conflict stages included.
    public var count: Int { git_index_entrycount(pointer) }

    /// The path of the index file, or nil for an in-memory index.
    public var filePath: String? { expansion?.realPath ?? git_index_path(pointer).map { String(cString: $0) } }

    /// True when the index holds unmerged (conflicted) entries.
    public var hasConflicts: Bool { git_index_has_conflicts(pointer) == 1 }

    /// Every entry, in index order.
    public var entries: [IndexEntry] {
        var result: [IndexEntry] = []
        result.reserveCapacity(count)
        for position in 0..<count {
            if let entry = git_index_get_byindex(pointer, position) { result.append(IndexEntry(entry.pointee)) }
        }
        return result
    }

    /// The stage-0 entry for `path`, or nil.
    public func entry(at path: [UInt8], stage: Int = 0) -> IndexEntry? {
        withCPath(path) { git_index_get_bypath(pointer, $0, Int32(stage)) }.map { IndexEntry($0.pointee) }
    }

    /// The paths that have conflict stages, each once, sorted as the index sorts them.
    public var conflictedPaths: [[UInt8]] {
        var seen: [[UInt8]] = []
        for entry in entries where entry.stage != 0 && seen.last != entry.path { seen.append(entry.path) }
        return seen
    }

    /// Adds `entry` with `content` as its blob, writing the blob to the owning repository.
    /// Wraps `git_index_add_from_buffer`; needs an index that belongs to a repository.
    public func add(_ entry: IndexEntry, content: [UInt8]) throws(GitError) {
        try withCPath(entry.path) { (path) throws(GitError) in
            var raw = git_index_entry()
            raw.mode = entry.mode
            raw.path = path
            let result = content.withUnsafeBytes { git_index_add_from_buffer(pointer, &raw, $0.baseAddress, $0.count) }
            try check(result)
        }
    }

    /// Adds `entry` as it is (its blob must already exist). Wraps `git_index_add`.
    public func add(_ entry: IndexEntry) throws(GitError) {
        try withCPath(entry.path) { (path) throws(GitError) in
            var raw = git_index_entry()
            raw.mode = entry.mode
            raw.path = path
            raw.id = entry.id.raw
            raw.file_size = entry.fileSize
            raw.flags = UInt16(truncatingIfNeeded: (entry.stage & 0x3) << 12)
            if entry.isIntentToAdd { raw.flags_extended |= UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) }
            try check(git_index_add(pointer, &raw))
        }
    }

    /// Writes the entries as a tree (and its subtrees) into `repository`.
    /// Wraps `git_index_write_tree_to`.
    public func writeTree(to repository: Repository) throws(GitError) -> ObjectID {
        var oid = git_oid()
        try check(git_index_write_tree_to(&oid, pointer, repository.objectsHandle))
        return ObjectID(oid)
    }

    /// Re-reads the index file if it changed on disk. Wraps `git_index_read`.
    public func reload(force: Bool = false) throws(GitError) {
        if let expansion {
            try expansion.reload(pointer, objects: repository?.objectsHandle, force: force)
            return
        }
        try check(git_index_read(pointer, force ? 1 : 0))
    }
}
