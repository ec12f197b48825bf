import CLibgit2
import TappsSystem

/// How a path changed between the two sides of a diff.
public enum DeltaStatus: Character, Sendable, Hashable {
    case added = "A", deleted = "D", modified = "M", renamed = "R", copied = "C"
    case typeChanged = "T", unmerged = "U"
}

/// One changed path, with its line counts when they were asked for.
public struct DiffDelta: Sendable, Hashable {
    public var status: DeltaStatus
    /// The path before the change (differs from `newPath` for renames and copies).
    public var oldPath: [UInt8]
    /// The path after the change.
    public var newPath: [UInt8]
    public var oldMode: UInt32
    public var newMode: UInt32
    public var oldID: ObjectID
    public var newID: ObjectID
    /// Rename/copy similarity, 0–100.
    public var similarity: Int
    /// True when either side is binary (by git's heuristics or attributes).
    public var isBinary: Bool
    public var linesAdded: Int
    public var linesDeleted: Int

    /// True when either side is a gitlink.
    public var isSubmodule: Bool { oldMode == 0o160000 || newMode == 0o160000 }
}

/// What to compute for a diff.
public struct DiffRequest: Sendable {
    /// Detect renames as `git diff` does by default: `git_diff_find_similar` following the
    /// repository's `diff.renames` (renames unless it is false; copies too when it is `copies`)
    /// and `diff.renameLimit`.
    public var detectRenames = true
    /// Count added and deleted lines per file (needs each patch; costs time on large diffs).
    public var countLines = true

    public init(detectRenames: Bool = true, countLines: Bool = true) {
        self.detectRenames = detectRenames
        self.countLines = countLines
    }
}

/// A computed diff (`git_diff`); keeps its repository alive.
public final class Diff: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The repository the diff was computed in.
    public let repository: Repository

    private init(owning pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }

    deinit { git_diff_free(pointer) }

    /// The staged change: `tree` (nil on an unborn branch) against `index`, like `git diff --cached`.
    /// Wraps `git_diff_tree_to_index`.
    public static func treeToIndex(_ tree: Tree?, _ index: Index, in repository: Repository,
                                   request: DiffRequest = DiffRequest()) throws(GitError) -> Diff {
        var options = try makeOptions()
        var out: OpaquePointer?
        try check(git_diff_tree_to_index(&out, repository.indexedHandle, tree?.pointer, index.pointer, &options))
        return try finish(out, repository: repository, request: request)
    }

    /// The change between two trees, like `git diff A B`. Wraps `git_diff_tree_to_tree`.
    public static func treeToTree(_ old: Tree?, _ new: Tree?, in repository: Repository,
                                  request: DiffRequest = DiffRequest()) throws(GitError) -> Diff {
        var options = try makeOptions()
        var out: OpaquePointer?
        try check(git_diff_tree_to_tree(&out, repository.objectsHandle, old?.pointer, new?.pointer, &options))
        return try finish(out, repository: repository, request: request)
    }

    static func makeOptions() throws(GitError) -> git_diff_options {
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)))
        options.flags = GIT_DIFF_INCLUDE_TYPECHANGE.rawValue
        // Only line counts are read from patches: context lines would be built for nothing.
        options.context_lines = 0
        options.interhunk_lines = 0
        return options
    }

    static func finish(_ out: OpaquePointer?, repository: Repository,
                               request: DiffRequest) throws(GitError) -> Diff {
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "diff failed") }
        let diff = Diff(owning: out, repository: repository)
        if request.detectRenames {
            var find = git_diff_find_options()
            try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)))
            find.flags = GIT_DIFF_FIND_BY_CONFIG.rawValue
            try check(git_diff_find_similar(out, &find))
        }
        diff.countLines = request.countLines
        return diff
    }

    private var countLines = true

    /// The number of changed paths.
    public var count: Int { git_diff_num_deltas(pointer) }

    /// Every changed path in diff order (sorted by path), with line counts if requested.
    public func deltas() throws(GitError) -> [DiffDelta] {
        var result: [DiffDelta] = []
        result.reserveCapacity(count)
        for position in 0..<count {
            guard let raw = git_diff_get_delta(pointer, position)?.pointee else { continue }
            guard let status = Self.status(raw.status) else { continue }
            var delta = DiffDelta(
                status: status,
                oldPath: raw.old_file.path.map { bytes(ofCString: $0) } ?? [],
                newPath: raw.new_file.path.map { bytes(ofCString: $0) } ?? [],
                oldMode: UInt32(raw.old_file.mode), newMode: UInt32(raw.new_file.mode),
                oldID: ObjectID(raw.old_file.id), newID: ObjectID(raw.new_file.id),
                similarity: Int(raw.similarity), isBinary: raw.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0,
                linesAdded: 0, linesDeleted: 0)
            if countLines, status != .unmerged {
                if status == .typeChanged || delta.isSubmodule {
                    try fillLineCountsFromContent(&delta)
                } else {
                    try fillLineCounts(&delta, at: position)
                }
            }
            result.append(delta)
        }
        return result
    }

    private func fillLineCounts(_ delta: inout DiffDelta, at position: Int) throws(GitError) {
        var patch: OpaquePointer?
        try check(git_patch_from_diff(&patch, pointer, position))
        guard let patch else { return } // libgit2 gives no patch for unchanged or binary deltas
        defer { git_patch_free(patch) }
        try readLineStats(of: patch, into: &delta)
    }

    private func readLineStats(of patch: OpaquePointer, into delta: inout DiffDelta) throws(GitError) {
        if let patched = git_patch_get_delta(patch)?.pointee, patched.flags & GIT_DIFF_FLAG_BINARY.rawValue != 0 {
            delta.isBinary = true
            return
        }
        var context = 0, added = 0, deleted = 0
        try check(git_patch_line_stats(&context, &added, &deleted, patch))
        delta.linesAdded = added
        delta.linesDeleted = deleted
    }

    /// libgit2 loads no content for type changes and gitlinks, where git compares the two sides'
    /// text all the same (a symlink's target, a gitlink's "Subproject commit <id>" line); so does this.
    private func fillLineCountsFromContent(_ delta: inout DiffDelta) throws(GitError) {
        let old = try Side(mode: delta.oldMode, id: delta.oldID, present: delta.status != .added, in: repository)
        let new = try Side(mode: delta.newMode, id: delta.newID, present: delta.status != .deleted, in: repository)
        var options = try Self.makeOptions()
        var patch: OpaquePointer?
        let oldPath = delta.oldPath, newPath = delta.newPath
        let result: Int32 = withCPath(oldPath) { oldName in
            withCPath(newPath) { newName in
                switch (old, new) {
                case (.blob(let oldBlob), .blob(let newBlob)):
                    return git_patch_from_blobs(&patch, oldBlob.pointer, oldName, newBlob.pointer, newName, &options)
                case (.blob(let oldBlob), _):
                    return new.withBuffer { git_patch_from_blob_and_buffer(&patch, oldBlob.pointer, oldName, $0, $1, newName, &options) }
                default:
                    return old.withBuffer { oldBuffer, oldLength in
                        new.withBuffer { git_patch_from_buffers(&patch, oldBuffer, oldLength, oldName, $0, $1, newName, &options) }
                    }
                }
            }
        }
        try check(result)
        guard let patch else { return }
        defer { git_patch_free(patch) }
        try readLineStats(of: patch, into: &delta)
    }

    /// One side of a delta as git diffs it.
    private enum Side {
        case absent
        case blob(Blob)
        case text([UInt8])

        init(mode: UInt32, id: ObjectID, present: Bool, in repository: Repository) throws(GitError) {
            if !present {
                self = .absent
            } else if mode == 0o160000 {
                self = .text(Array("Subproject commit \(id.hex)\n".utf8))
            } else {
                var out: OpaquePointer?
                var oid = id.raw
                try check(git_blob_lookup(&out, repository.objectsHandle, &oid))
                guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "no blob \(id)") }
                self = .blob(Blob(owning: out, repository: repository))
            }
        }

        func withBuffer<R>(_ body: (UnsafeRawPointer?, Int) -> R) -> R {
            switch self {
            case .absent: body(nil, 0)
            case .text(let bytes): bytes.withUnsafeBytes { body($0.baseAddress, $0.count) }
            case .blob(let blob): body(git_blob_rawcontent(blob.pointer), Int(git_blob_rawsize(blob.pointer)))
            }
        }
    }

    private static func status(_ raw: git_delta_t) -> DeltaStatus? {
        switch raw {
        case GIT_DELTA_ADDED: .added
        case GIT_DELTA_DELETED: .deleted
        case GIT_DELTA_MODIFIED: .modified
        case GIT_DELTA_RENAMED: .renamed
        case GIT_DELTA_COPIED: .copied
        case GIT_DELTA_TYPECHANGE: .typeChanged
        case GIT_DELTA_CONFLICTED: .unmerged
        default: nil
        }
    }
}
