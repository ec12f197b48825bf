import TappsCore
import TappsGit

/// The content the guards judge, read from git's object database, never from the work tree: for a staged
/// run the index git will commit from (new side) and HEAD (old side); for `--all-files` the index with no
/// old side; for `--from-ref A --to-ref B` the trees of B and A.
final class StagedContent {
    private let repository: Repository
    private let newSide: Side
    private let oldTree: Tree?
    /// HEAD, for `--all-files` only: that run has no old side, but large-files compares with HEAD (a file already
    /// committed at its size was not added by anyone now; pre-commit-hooks' check also looks at added files only,
    /// with or without `--all-files`). Every other scope compares with its old side.
    private let allFilesHead: Tree?
    private var contents: [ObjectID: [UInt8]] = [:]
    private var sizes: [ObjectID: Int] = [:]
    private var oldEntries: [RepoPath: Entry?] = [:]
    /// Objects read from the database (blobs and headers), by this and by the visits it was told about: what
    /// the guard-result cache saves, counted for tests.
    private(set) var objectReads = 0
    private var pathSet: Set<[UInt8]>?
    private var directorySet: Set<[UInt8]>?
    private var committedBlobIDs: Set<ObjectID>?

    private enum Side {
        case index(StagedEntries)
        case tree(Tree)
    }

    /// A file's staged blob.
    struct Entry {
        var id: ObjectID
        var mode: UInt32
        /// A regular (or executable) file: not a symlink, not a submodule.
        var isFile: Bool { mode & 0o170000 == 0o100000 }
    }

    init(session: RepositorySession, scope: RunSummary.Scope) throws(GitError) {
        repository = session.repository
        switch scope {
        case .staged:
            newSide = .index(try StagedEntries(repository: repository))
            oldTree = try repository.headTree()
        case .allFiles:
            newSide = .index(try StagedEntries(repository: repository))
            oldTree = nil
        case .range(let from, let to):
            newSide = .tree(try repository.tree(forRevision: to))
            oldTree = try repository.tree(forRevision: from)
        }
        if case .allFiles = scope { allFilesHead = try repository.headTree() } else { allFilesHead = nil }
    }

    /// The staged blob at `path`, or nil when the path is not in the resulting tree.
    func entry(_ path: RepoPath) -> Entry? {
        switch newSide {
        case .index(let index):
            guard let entry = index.entry(at: path.bytes) else { return nil }
            return Entry(id: entry.id, mode: entry.mode)
        case .tree(let tree):
            guard let found = try? tree.entry(at: path.bytes) else { return nil }
            return Entry(id: found.id, mode: found.mode)
        }
    }

    /// The blob `path` had before the change (HEAD, or the `--from-ref` tree), or nil when it is new.
    /// Remembered: the visits, case-conflicts and secrets all ask about the same paths.
    func oldEntry(_ path: RepoPath) -> Entry? {
        if let known = oldEntries[path] { return known }
        var found: Entry?
        if let oldTree, let entry = try? oldTree.entry(at: path.bytes) { found = Entry(id: entry.id, mode: entry.mode) }
        oldEntries[path] = .some(found)
        return found
    }

    /// The blob `path` has in the tree large-files compares with (the old side, or ``allFilesHead``), or nil.
    func committedEntry(_ path: RepoPath) -> Entry? {
        guard let allFilesHead else { return oldEntry(path) }
        guard let entry = try? allFilesHead.entry(at: path.bytes) else { return nil }
        return Entry(id: entry.id, mode: entry.mode)
    }

    /// Whether a blob with this id is anywhere in the tree large-files compares with (a rename or copy brings no
    /// new bytes).
    func committedTreeContains(_ id: ObjectID) -> Bool {
        guard let tree = allFilesHead ?? oldTree else { return false }
        if committedBlobIDs == nil { committedBlobIDs = Set(((try? tree.blobPaths()) ?? []).map(\.id)) }
        return committedBlobIDs?.contains(id) ?? false
    }

    /// The repository the blobs are read from (its object lookups may run on several threads).
    var objects: Repository { repository }

    /// Keeps bytes read elsewhere (``BlobVisits``), so that no blob is read twice.
    func remember(_ id: ObjectID, _ bytes: [UInt8]) { contents[id] = bytes }

    /// Keeps a blob's size known without its bytes (from the guard-result cache).
    func remember(_ id: ObjectID, size: Int) { sizes[id] = size }

    /// Counts reads made elsewhere (``BlobVisits``).
    func countReads(_ count: Int) { objectReads += count }

    func content(_ id: ObjectID) throws(GitError) -> [UInt8] {
        if let cached = contents[id] { return cached }
        objectReads += 1
        let bytes = try repository.blobContent(id)
        contents[id] = bytes
        return bytes
    }

    func size(_ id: ObjectID) throws(GitError) -> Int {
        if let cached = contents[id] { return cached.count }
        if let size = sizes[id] { return size }
        objectReads += 1
        return try repository.objectSize(id)
    }

    /// The lines the change adds to the file at `path` (all of them when it is new).
    func addedLines(_ path: RepoPath, entry: Entry) throws(GitError) -> [AddedLine] {
        let old = oldEntry(path).flatMap { $0.isFile ? $0.id : nil }
        if old == entry.id { return [] }
        // The staged side is usually read already (by the other guards); neither side is read twice.
        let oldBytes = try old.map { id throws(GitError) in
            objectReads += 1
            return try repository.blobContent(id)
        }
        return try Repository.addedLines(from: oldBytes, to: content(entry.id)).map { AddedLine(number: $0.number, bytes: $0.bytes) }
    }

    /// Every path of the resulting tree (files, symlinks and submodules).
    func allPaths() -> [RepoPath] {
        switch newSide {
        case .index(let index):
            return index.paths().map(RepoPath.init(bytes:))
        case .tree(let tree):
            return ((try? tree.blobPaths()) ?? []).map { RepoPath(bytes: $0.path) }
        }
    }

    /// Whether a file or a directory is at `path` in the resulting tree.
    func exists(_ path: String) -> Bool {
        if case .index(let index) = newSide {
            let bytes = Array(path.utf8)
            return index.entry(at: bytes) != nil || index.containsDirectory(bytes)
        }
        if pathSet == nil {
            var files: Set<[UInt8]> = [], directories: Set<[UInt8]> = []
            for path in allPaths() {
                files.insert(path.bytes)
                for index in path.bytes.indices where path.bytes[index] == UInt8(ascii: "/") {
                    directories.insert(Array(path.bytes[..<index]))
                }
            }
            pathSet = files
            directorySet = directories
        }
        let bytes = Array(path.utf8)
        return pathSet?.contains(bytes) == true || directorySet?.contains(bytes) == true
    }
}
