import CLibgit2
import Synchronization
import TappsSystem

/// libgit2 1.5.1 refuses split and sparse indexes ("unsupported mandatory extension"). For
/// them, libgit2 is given the same entries as a plain index: the split index merged with its
/// shared index, each sparse directory expanded into its tree's files (marked skip-worktree,
/// as git's `ensure_full_index` does), stat data kept. Writing it replaces the index file with
/// that plain form, which git reads as it is and turns back into a split or sparse index the
/// next time it writes the index (`core.splitIndex`, `index.sparse`). An index read through git
/// (``GitIndexCopy``: a newer format) is never written.
final class IndexExpansion: Sendable {
    /// The index file the entries come from, which ``Index/write()`` replaces.
    let realPath: String
    /// Where libgit2 writes the plain index before it is renamed over ``realPath``.
    let scratchPath: String
    let gitDirectory: String
    /// The parse the entries were last loaded from.
    let source: Mutex<IndexFile>

    private init(realPath: String, gitDirectory: String, source: IndexFile) {
        self.realPath = realPath
        self.gitDirectory = gitDirectory
        scratchPath = realPath + ".tapps-plain-\(ProcessControl.currentID)"
        self.source = Mutex(source)
    }

    /// libgit2's index for `path` when libgit2 cannot read that file itself, else nil.
    static func index(at path: String, gitDirectory: String, repository: Repository?) throws(GitError) -> Index? {
        guard let file = IndexFile.cached(at: path, gitDirectory: gitDirectory), file.needsExpansionForLibgit2 else {
            return nil
        }
        return try index(of: file, at: path, gitDirectory: gitDirectory, repository: repository)
    }

    /// libgit2's index holding `file`'s entries, written back to `path`.
    static func index(of file: IndexFile, at path: String, gitDirectory: String,
                      repository: Repository?) throws(GitError) -> Index {
        let expansion = IndexExpansion(realPath: path, gitDirectory: gitDirectory, source: file)
        _ = Libgit2.ready
        FileSystem.removeIfPresent(expansion.scratchPath)
        var out: OpaquePointer?
        // Bound to a path that does not exist: an empty index that `git_index_write` can write.
        try check(git_index_open(&out, expansion.scratchPath))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "could not open index \(path)") }
        let index = Index(owning: out, repository: repository, expansion: expansion)
        let objects = repository?.objectsHandle
        try expansion.fill(out, from: file, objects: objects)
        return index
    }

    /// Re-reads the index file when it changed (or always, with `force`).
    func reload(_ index: OpaquePointer, objects: OpaquePointer?, force: Bool) throws(GitError) {
        guard let file = IndexFile.cached(at: realPath, gitDirectory: gitDirectory) else {
            throw GitError(code: -1, errorClass: 0, message: "cannot read the index \(realPath)")
        }
        let changed = source.withLock { current in
            defer { current = file }
            return current !== file
        }
        guard changed || force else { return }
        try check(git_index_clear(index))
        try fill(index, from: file, objects: objects)
    }

    /// Writes libgit2's entries as a plain index over ``realPath`` (through a scratch file, renamed).
    func write(_ index: OpaquePointer) throws(GitError) {
        if let failure = source.withLock({ $0.readThroughGit }) {
            // A plain copy would drop what git recorded in a format git-tapps cannot write.
            throw GitError(code: -1, errorClass: 0, message: "cannot write the index \(realPath): it \(failure.explanation), "
                           + "which git-tapps cannot write; stage the files with `git add`")
        }
        try check(git_index_write(index))
        do throws(Errno) {
            try FileSystem.rename(scratchPath, to: realPath)
        } catch {
            FileSystem.removeIfPresent(scratchPath)
            throw GitError(code: -1, errorClass: 0, message: "cannot replace \(realPath): \(error)")
        }
    }

    private func fill(_ index: OpaquePointer, from file: IndexFile, objects: OpaquePointer?) throws(GitError) {
        for entry in file.entries {
            let path = Array(file.path(entry))
            if entry.isSparseDirectory {
                guard let objects else {
                    throw GitError(code: -1, errorClass: 0, message: "a sparse index needs its repository to be read")
                }
                var tree = file.id(entry).baseAddress!.loadUnaligned(as: git_oid.self)
                try addTree(&tree, prefix: path, to: index, objects: objects)
                continue
            }
            var raw = git_index_entry()
            let stat = entry.statOffset
            raw.ctime = git_index_time(seconds: Int32(bitPattern: be32(file, stat)), nanoseconds: be32(file, stat + 4))
            raw.mtime = git_index_time(seconds: Int32(bitPattern: be32(file, stat + 8)), nanoseconds: be32(file, stat + 12))
            raw.dev = be32(file, stat + 16)
            raw.ino = be32(file, stat + 20)
            raw.mode = entry.mode
            raw.uid = be32(file, stat + 28)
            raw.gid = be32(file, stat + 32)
            raw.file_size = entry.size
            raw.id = file.id(entry).baseAddress!.loadUnaligned(as: git_oid.self)
            raw.flags = UInt16(truncatingIfNeeded: entry.stage << 12)
            if entry.isIntentToAdd { raw.flags_extended |= UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) }
            if entry.isSkipWorktree { raw.flags_extended |= UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue) }
            try withCPath(path) { (cPath) throws(GitError) in
                raw.path = cPath
                try check(git_index_add(index, &raw))
            }
        }
    }

    /// Every file of `tree` below `prefix` (which ends in "/"), skip-worktree, no stat data.
    private func addTree(_ tree: inout git_oid, prefix: [UInt8], to index: OpaquePointer, objects: OpaquePointer) throws(GitError) {
        var object: OpaquePointer?
        try check(git_tree_lookup(&object, objects, &tree))
        defer { git_tree_free(object) }
        for position in 0..<git_tree_entrycount(object) {
            guard let item = git_tree_entry_byindex(object, position), let name = git_tree_entry_name(item) else { continue }
            let path = prefix + bytes(ofCString: name)
            var id = git_tree_entry_id(item).pointee
            let mode = git_tree_entry_filemode(item).rawValue
            if mode == GIT_FILEMODE_TREE.rawValue {
                try addTree(&id, prefix: path + [UInt8(ascii: "/")], to: index, objects: objects)
                continue
            }
            var raw = git_index_entry()
            raw.mode = mode
            raw.id = id
            raw.flags_extended = UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue)
            try withCPath(path) { (cPath) throws(GitError) in
                raw.path = cPath
                try check(git_index_add(index, &raw))
            }
        }
    }

    private func be32(_ file: IndexFile, _ offset: Int) -> UInt32 {
        let data = file.data
        return UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
    }
}
