import CLibgit2
import TappsSystem

/// What `git diff --cached` shows: HEAD (nothing on an unborn branch) against the index git
/// would commit from.
public struct StagedDiff: Sendable {
    /// The changed paths, in path order, with renames detected as `git diff` does by default
    /// (`diff.renames`) and line counts when they were asked for. Unmerged paths are not here.
    public var deltas: [DiffDelta]
    /// Paths with conflict stages, each once, in index order (git's status `U`).
    public var unmergedPaths: [[UInt8]]
}

extension Diff {
    /// The staged change of `repository`, read from its index file (honouring an index override
    /// such as a hook's `GIT_INDEX_FILE`).
    ///
    /// The index file is read directly and compared with HEAD's tree one directory at a time,
    /// skipping directories whose cache-tree id shows them unchanged, as git does; only the
    /// changed paths then go through libgit2 (`git_diff_index_to_index`) for rename detection
    /// and line counts. Split and sparse indexes are read too (a sparse directory is compared
    /// by tree id, tree against tree where it differs). Index files this reader does not handle
    /// (unknown required extensions, damage), or a libgit2 index already handed out by
    /// ``Repository/index()``, use `git_diff_tree_to_index` instead, with the same result.
    ///
    /// Paths added with `git add -N` count as absent, as for `git diff --cached`.
    public static func staged(in repository: Repository, request: DiffRequest = DiffRequest()) throws(GitError) -> StagedDiff {
        if !repository.isIndexMaterialized, let file = repository.indexFile() {
            var walk = StagedWalk(repository: repository.objectsHandle, index: file)
            try walk.run(headTree: repository.headTreeID())
            if let attributes = try? AttributeFiles.effective(for: walk.changes, index: file, in: repository),
               let scratch = try? repository.bareSibling(index: attributes),
               let diff = try? changes(walk.changes, in: scratch, request: request) {
                return StagedDiff(deltas: try diff.deltas(), unmergedPaths: walk.unmerged)
            }
        }
        return try stagedThroughLibgit2(in: repository, request: request)
    }

    private static func stagedThroughLibgit2(in repository: Repository, request: DiffRequest) throws(GitError) -> StagedDiff {
        let index = try repository.index()
        let diff = try treeToIndex(repository.headTree(), index, in: repository, request: request)
        let conflicted = index.hasConflicts ? index.conflictedPaths : []
        let conflictSet = Set(conflicted)
        var deltas: [DiffDelta] = []
        for var delta in try diff.deltas() {
            if delta.status == .unmerged || conflictSet.contains(delta.newPath) { continue }
            if delta.status != .deleted, delta.newID == .emptyBlob,
               index.entry(at: delta.newPath)?.isIntentToAdd == true {
                guard delta.status != .added else { continue }
                delta.status = .deleted
                delta.newMode = 0
                delta.newID = ObjectID(git_oid())
                delta.linesAdded = 0
            }
            deltas.append(delta)
        }
        return StagedDiff(deltas: deltas, unmergedPaths: conflicted)
    }

    /// A diff of exactly `changes` (old sides against new sides), through two small in-memory
    /// indexes, so that libgit2 detects renames and counts lines on them alone.
    static func changes(_ changes: [RawChange], in repository: Repository,
                        request: DiffRequest) throws(GitError) -> Diff {
        let old = try Index.inMemory(), new = try Index.inMemory()
        // A known size spares libgit2 a header read of the object before reading it. The index's
        // size is the work tree's (after filters), so it is given only where it cannot steer
        // rename or copy detection: to modified paths, and only when copies are not looked for.
        let sizes = request.detectRenames ? !(try findsCopies(in: repository)) : true
        for change in changes {
            if change.status != .added { try add(change.path, mode: change.oldMode, id: change.oldID, to: old) }
            if change.status != .deleted {
                let size = sizes && change.status == .modified ? change.newSize : 0
                try add(change.path, mode: change.newMode, id: change.newID, size: size, to: new)
            }
        }
        var options = try makeOptions()
        var out: OpaquePointer?
        try check(git_diff_index_to_index(&out, repository.objectsHandle, old.pointer, new.pointer, &options))
        return try finish(out, repository: repository, request: request)
    }

    private static func findsCopies(in repository: Repository) throws(GitError) -> Bool {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, repository.objectsHandle))
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        guard git_config_get_string(&value, config, "diff.renames") == 0, let value else {
            git_error_clear()
            return false
        }
        return ["copies", "copy"].contains(String(cString: value).lowercased())
    }

    static func add(_ path: [UInt8], mode: UInt32, id: git_oid, size: UInt32 = 0, to index: Index) throws(GitError) {
        try withCPath(path) { (cPath) throws(GitError) in
            var entry = git_index_entry()
            entry.mode = mode
            entry.id = id
            entry.file_size = size
            entry.path = cPath
            try check(git_index_add(index.pointer, &entry))
        }
    }
}

extension Repository {
    /// HEAD's tree id, or nil on an unborn branch; reads no index.
    func headTreeID() throws(GitError) -> git_oid? {
        guard let commit = try headCommitID() else { return nil }
        var oid = commit.raw
        var object: OpaquePointer?
        try check(git_commit_lookup(&object, objectsHandle, &oid))
        guard let object else { return nil }
        defer { git_commit_free(object) }
        return git_commit_tree_id(object).pointee
    }
}

extension ObjectID {
    /// The id of the empty blob, which `git add -N` records for an intent-to-add path.
    static let emptyBlob = ObjectID(hex: "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")!
}
