import TappsSystem

/// A read-only view of an index file exactly as git wrote it: its entries and its cache tree
/// (the `TREE` extension). See git's Documentation/gitformat-index.adoc.
///
/// Parsed here rather than through libgit2 because a hook reads the index once and only
/// compares it: libgit2's `git_index_open` copies every entry into the heap and builds a
/// hash map (≈28 ms for 50,000 entries), and it ignores the cache tree, which lets the
/// comparison skip every directory the change does not touch. libgit2 1.5.1 also cannot read
/// split indexes (`link`) or sparse indexes (`sdir`) at all; this reader can (see
/// ``needsExpansionForLibgit2``).
///
/// Versions 2–4 are read, with a split index's shared index merged in and sparse-directory
/// entries kept as they are (``Entry/isSparseDirectory``). ``read(at:)`` returns nil for
/// anything else (unknown required extensions, other versions, a damaged file); callers then
/// use libgit2. Read-only once parsed, so it may be read from several threads.
final class IndexFile: @unchecked Sendable {
    /// One entry, as offsets into `data` (its stat data and id) and `paths` (its path); kept
    /// small, as there is one per tracked file.
    struct Entry {
        private var pathStart32: UInt32
        private var pathLength32: UInt32
        private var idOffset32: UInt32
        var mode: UInt32
        /// The work-tree file's size when it was staged (what git's stat data records).
        var size: UInt32
        private var bits: UInt8

        init(pathStart: Int, pathLength: Int, idOffset: Int, mode: UInt32, size: UInt32, stage: Int, isIntentToAdd: Bool,
             isSkipWorktree: Bool = false) {
            pathStart32 = UInt32(truncatingIfNeeded: pathStart)
            pathLength32 = UInt32(truncatingIfNeeded: pathLength)
            idOffset32 = UInt32(truncatingIfNeeded: idOffset)
            self.mode = mode
            self.size = size
            bits = UInt8(stage & 3) | (isIntentToAdd ? 4 : 0) | (isSkipWorktree ? 8 : 0)
        }

        var pathStart: Int {
            get { Int(pathStart32) }
            set { pathStart32 = UInt32(truncatingIfNeeded: newValue) }
        }
        var pathLength: Int {
            get { Int(pathLength32) }
            set { pathLength32 = UInt32(truncatingIfNeeded: newValue) }
        }
        /// Where the 20-byte object id starts in `data`.
        var idOffset: Int {
            get { Int(idOffset32) }
            set { idOffset32 = UInt32(truncatingIfNeeded: newValue) }
        }
        /// 0, or 1–3 for a conflict's base/ours/theirs.
        var stage: Int { Int(bits & 3) }
        /// Added with `git add -N`.
        var isIntentToAdd: Bool { bits & 4 != 0 }
        var isSkipWorktree: Bool { bits & 8 != 0 }
        /// A sparse index's directory entry: a whole tree (its id) outside the sparse-checkout
        /// cone, with a path ending in "/".
        var isSparseDirectory: Bool { mode & 0o170000 == 0o040000 }
        /// Where the entry's stat data (ctime, mtime, dev, ino, mode, uid, gid, size) starts.
        var statOffset: Int { idOffset - 40 }
    }

    /// The entries' stat data and ids: the mapped file, or for a split index a copy of the
    /// split file followed by its shared index.
    let data: UnsafeRawBufferPointer
    /// Where the entries' paths live: `data`, or a separate arena (version 4, split indexes).
    let paths: UnsafeRawBufferPointer
    private let dataIsMapped: Bool
    private let arena: UnsafeMutableRawBufferPointer?
    let entries: [Entry]
    let cacheTree: CacheTree?
    /// True for a split index (a `link` extension naming a shared index).
    let isSplit: Bool
    /// True when some entry is a sparse directory.
    let isSparse: Bool
    /// The index file's modification time (seconds, nanoseconds): entries changed in the same
    /// second or later are "racily clean" and need a content check.
    /// (For a copy read through git, the real file's; see ``GitIndexCopy``.)
    var modified: (seconds: Int, nanoseconds: Int) = (0, 0)

    /// Set when the file itself is in a format only git reads (``GitIndexCopy``): these entries
    /// are git's plain copy of it, and the file must not be rewritten from them.
    var readThroughGit: IndexReadFailure?

    /// libgit2 1.5.1 refuses split and sparse indexes ("unsupported mandatory extension"), and
    /// anything read through git.
    var needsExpansionForLibgit2: Bool { isSplit || isSparse || readThroughGit != nil }

    private init(data: UnsafeRawBufferPointer, dataIsMapped: Bool, arena: UnsafeMutableRawBufferPointer?,
                 entries: [Entry], cacheTree: CacheTree?, isSplit: Bool, isSparse: Bool) {
        self.data = data
        self.dataIsMapped = dataIsMapped
        self.arena = arena
        self.paths = arena.map(UnsafeRawBufferPointer.init) ?? data
        self.entries = entries
        self.cacheTree = cacheTree
        self.isSplit = isSplit
        self.isSparse = isSparse
    }

    deinit {
        if dataIsMapped {
            Self.unmap(data)
        } else {
            data.deallocate()
        }
        arena?.deallocate()
    }

    private static func unmap(_ data: UnsafeRawBufferPointer) {
        MappedBytes(bytes: data).unmap()
    }

    /// The path bytes of `entry`.
    func path(_ entry: Entry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: paths[entry.pathStart..<(entry.pathStart + entry.pathLength)])
    }

    /// The 20-byte object id of `entry`.
    func id(_ entry: Entry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: data[entry.idOffset..<(entry.idOffset + 20)])
    }

    /// Reads and parses the index at `path`. A missing file is an empty index (as for git);
    /// nil means "not handled here" (see ``failure(at:gitDirectory:)`` for why). A split index's
    /// shared index is looked for in `gitDirectory` first, then beside `path`, as git does. A
    /// newer format (index version, mandatory extension) is read from a plain copy git makes
    /// (``GitIndexCopy``) when `gitDirectory` is given.
    static func read(at path: String, gitDirectory: String? = nil) -> IndexFile? {
        try? load(at: path, gitDirectory: gitDirectory).get()
    }

    /// The parse, or a sentence saying why the file at `path` cannot be read by git-tapps.
    static func load(at path: String, gitDirectory: String?) -> Result<IndexFile, Unreadable> {
        switch parse(at: path, gitDirectory: gitDirectory) {
        case .success(let file):
            return .success(file)
        case .failure(let failure):
            guard failure.isNewerFormat, let gitDirectory else {
                return .failure(Unreadable(path: path, failure: failure, reason: failure.explanation))
            }
            return GitIndexCopy.plainCopy(of: path, gitDirectory: gitDirectory, because: failure).mapError {
                Unreadable(path: path, failure: failure, reason: failure.explanation + ", and " + $0.reason)
            }
        }
    }

    /// Why an index file cannot be read: the one line a command prints (it names the file).
    struct Unreadable: Error, Sendable {
        var path: String
        var failure: IndexReadFailure
        /// "uses the mandatory extension 'abcd', and git cannot read it either (…)".
        var reason: String

        var message: String { "cannot read the index \(path): it \(reason)" }
    }

    /// Parses the file at `path` with this reader alone (no fallback).
    static func readPlain(at path: String, gitDirectory: String?) -> IndexFile? {
        try? parse(at: path, gitDirectory: gitDirectory).get()
    }

    private static func parse(at path: String, gitDirectory: String?) -> Result<IndexFile, IndexReadFailure> {
        guard let main = MappedFile(path: path) else { return .failure(.damaged) }
        guard let data = main.data else {
            return .success(IndexFile(data: UnsafeRawBufferPointer(start: nil, count: 0), dataIsMapped: true, arena: nil,
                                      entries: [], cacheTree: nil, isSplit: false, isSparse: false))
        }
        var parser = IndexFileParser(data: data)
        guard let parsed = parser.parse(allowEmptyPaths: true) else {
            unmap(data)
            return .failure(parser.failure)
        }
        let file: IndexFile
        if let link = parsed.link, link.sharedID.contains(where: { $0 != 0 }) {
            let merged = SplitIndex.merge(parsed, data: data, link: link, indexPath: path, gitDirectory: gitDirectory)
            unmap(data)
            parsed.arena?.deallocate()
            guard let merged else { return .failure(.damaged) }
            file = IndexFile(data: merged.data, dataIsMapped: false, arena: merged.arena, entries: merged.entries,
                             cacheTree: parsed.cacheTree, isSplit: true, isSparse: merged.isSparse)
        } else {
            guard !parsed.entries.contains(where: { $0.pathLength == 0 }) else {
                unmap(data)
                parsed.arena?.deallocate()
                return .failure(.damaged)
            }
            file = IndexFile(data: data, dataIsMapped: true, arena: parsed.arena, entries: parsed.entries,
                             cacheTree: parsed.cacheTree, isSplit: false, isSparse: parsed.hasSparseDirectories)
        }
        file.modified = main.modified
        return .success(file)
    }
}

/// A whole file mapped read-only (git replaces an index by renaming, never in place).
struct MappedFile {
    /// The bytes, or nil when the file does not exist; the caller unmaps them.
    var data: UnsafeRawBufferPointer?
    var modified: (seconds: Int, nanoseconds: Int) = (0, 0)

    /// Nil when the file exists but cannot be mapped (empty, too large, unreadable).
    init?(path: String) {
        let descriptor: Descriptor
        do throws(Errno) {
            descriptor = try Descriptor.open(path, .readOnly)
        } catch {
            guard error == .noSuchFileOrDirectory else { return nil }
            data = nil
            return
        }
        defer { descriptor.closeQuietly() }
        guard let status = try? descriptor.status(), status.size > 0, status.size < Int64(UInt32.max) / 2,
              let mapped = try? descriptor.mapReadOnly(count: Int(status.size)) else { return nil }
        data = mapped.bytes
        modified = (Int(status.modified.seconds), Int(status.modified.nanoseconds))
    }

    /// The modification time of the file at `path`, or nil when it cannot be read.
    static func modificationTime(of path: String) -> (seconds: Int, nanoseconds: Int)? {
        guard let status = try? FileSystem.status(path) else { return nil }
        return (Int(status.modified.seconds), Int(status.modified.nanoseconds))
    }
}
