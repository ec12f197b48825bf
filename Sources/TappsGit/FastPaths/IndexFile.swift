#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only view of an index file exactly as git wrote it: its entries and its cache tree
/// (the `TREE` extension). See git's Documentation/gitformat-index.txt.
///
/// Parsed here rather than through libgit2 because a hook reads the index once and only
/// compares it: libgit2's `git_index_open` copies every entry into the heap and builds a
/// hash map (≈28 ms for 50,000 entries), and it ignores the cache tree, which lets the
/// comparison skip every directory the change does not touch.
///
/// ``read(at:)`` returns nil for anything it does not handle (split or sparse indexes, unknown
/// required extensions, versions other than 2–4, a damaged file); callers then use libgit2.
/// Read-only once parsed (the mapping and arrays never change), so it may be read from several threads.
final class IndexFile: @unchecked Sendable {
    /// One entry, as offsets into the file (or, for version 4, into the path arena); kept
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
        var idOffset: Int { Int(idOffset32) }
        /// 0, or 1–3 for a conflict's base/ours/theirs.
        var stage: Int { Int(bits & 3) }
        /// Added with `git add -N`.
        var isIntentToAdd: Bool { bits & 4 != 0 }
        var isSkipWorktree: Bool { bits & 8 != 0 }
        /// Where the entry's stat data (ctime, mtime, dev, ino, mode, uid, gid, size) starts.
        var statOffset: Int { idOffset - 40 }
    }

    /// The file's bytes (mapped read-only; git replaces an index by renaming, never in place).
    let data: UnsafeRawBufferPointer
    /// Where the entries' paths live: `data` for versions 2 and 3, a separate arena for version 4.
    let paths: UnsafeRawBufferPointer
    private let arena: UnsafeMutableRawBufferPointer?
    let entries: [Entry]
    let cacheTree: CacheTree?
    /// The index file's modification time (seconds, nanoseconds): entries changed in the same
    /// second or later are "racily clean" and need a content check.
    private(set) var modified: (seconds: Int, nanoseconds: Int) = (0, 0)

    private init(data: UnsafeRawBufferPointer, arena: UnsafeMutableRawBufferPointer?,
                 entries: [Entry], cacheTree: CacheTree?) {
        self.data = data
        self.arena = arena
        self.paths = arena.map(UnsafeRawBufferPointer.init) ?? data
        self.entries = entries
        self.cacheTree = cacheTree
    }

    deinit {
        Self.unmap(data)
        arena?.deallocate()
    }

    private static func unmap(_ data: UnsafeRawBufferPointer) {
        if let base = data.baseAddress, data.count > 0 { munmap(UnsafeMutableRawPointer(mutating: base), data.count) }
    }

    /// The path bytes of `entry`.
    func path(_ entry: Entry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: paths[entry.pathStart..<(entry.pathStart + entry.pathLength)])
    }

    /// Reads and parses the index at `path`. A missing file is an empty index (as for git);
    /// nil means "not handled here".
    static func read(at path: String) -> IndexFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            guard errno == ENOENT else { return nil }
            return IndexFile(data: UnsafeRawBufferPointer(start: nil, count: 0), arena: nil, entries: [], cacheTree: nil)
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0, status.st_size < Int(UInt32.max) else { return nil }
        let size = Int(status.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else { return nil }
        let data = UnsafeRawBufferPointer(start: base, count: size)
        var reader = Parser(data: data)
        guard let parsed = reader.parse() else {
            unmap(data)
            return nil
        }
        let file = IndexFile(data: data, arena: parsed.arena, entries: parsed.entries, cacheTree: parsed.cacheTree)
        file.modified = (Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec))
        return file
    }

    private struct Parser {
        let data: UnsafeRawBufferPointer
        static let hashSize = 20

        func be32(_ offset: Int) -> UInt32 {
            UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
        }

        func be16(_ offset: Int) -> UInt16 { UInt16(data[offset]) << 8 | UInt16(data[offset + 1]) }

        mutating func parse() -> (entries: [Entry], arena: UnsafeMutableRawBufferPointer?, cacheTree: CacheTree?)? {
            let end = data.count - Self.hashSize
            guard end >= 12, be32(0) == 0x4449_5243 else { return nil } // "DIRC"
            let version = be32(4)
            guard (2...4).contains(version) else { return nil }
            let count = Int(be32(8))
            var entries: [Entry] = []
            entries.reserveCapacity(count)
            var arena: [UInt8] = []
            var previous = 0..<0 // the previous path, in `arena` (version 4 only)
            var offset = 12
            for _ in 0..<count {
                guard offset + 62 <= end else { return nil }
                let mode = be32(offset + 24)
                let flags = be16(offset + 60)
                var pathOffset = offset + 62
                var extended: UInt16 = 0
                if flags & 0x4000 != 0 {
                    guard version >= 3, pathOffset + 2 <= end else { return nil }
                    extended = be16(pathOffset)
                    pathOffset += 2
                }
                guard mode & 0o170000 != 0o040000 else { return nil } // a sparse-index directory
                var entry = Entry(pathStart: pathOffset, pathLength: 0, idOffset: offset + 40, mode: mode, size: be32(offset + 36),
                                  stage: Int((flags >> 12) & 3), isIntentToAdd: extended & 0x2000 != 0,
                                  isSkipWorktree: extended & 0x4000 != 0)
                if version == 4 {
                    guard let (strip, afterVarint) = varint(at: pathOffset, end: end),
                          strip <= previous.count,
                          let terminator = nul(from: afterVarint, end: end) else { return nil }
                    let start = arena.count
                    arena.append(contentsOf: arena[previous.lowerBound..<(previous.upperBound - strip)])
                    arena.append(contentsOf: data[afterVarint..<terminator])
                    previous = start..<arena.count
                    entry.pathStart = start
                    entry.pathLength = arena.count - start
                    offset = terminator + 1
                } else {
                    let declared = Int(flags & 0xFFF) // the path length, or 0xFFF for "at least"
                    let terminator: Int
                    if declared < 0xFFF, pathOffset + declared < end, data[pathOffset + declared] == 0 {
                        terminator = pathOffset + declared
                    } else {
                        guard let found = nul(from: pathOffset, end: end) else { return nil }
                        terminator = found
                    }
                    entry.pathLength = terminator - pathOffset
                    offset += (pathOffset - offset + entry.pathLength + 8) & ~7
                }
                guard entry.pathLength > 0 else { return nil }
                // The comparison walk relies on git's order (path, then stage); refuse anything else.
                if let last = entries.last, !inOrder(last, entry, arena: arena) { return nil }
                entries.append(entry)
            }
            var cacheTree: CacheTree?
            while offset + 8 <= end {
                let signature = be32(offset)
                let size = Int(be32(offset + 4))
                let body = offset + 8
                guard size <= end - body else { return nil }
                switch signature {
                case 0x5452_4545: // "TREE"
                    var tree = CacheTree.Parser(data: data, offset: body, end: body + size)
                    cacheTree = tree.parse()
                case 0x6C69_6E6B, 0x7364_6972: // "link" (split index), "sdir" (sparse index)
                    return nil
                default:
                    // An extension whose name starts with a capital letter is optional; others are required.
                    guard (0x41...0x5A).contains(signature >> 24) else { return nil }
                }
                offset = body + size
            }
            guard version == 4 else { return (entries, nil, cacheTree) }
            let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: arena.count, alignment: 1)
            storage.copyBytes(from: arena)
            return (entries, storage, cacheTree)
        }

        func inOrder(_ previous: Entry, _ next: Entry, arena: [UInt8]) -> Bool {
            let order: Int32 = arena.isEmpty
                ? compare(data.baseAddress! + previous.pathStart, previous.pathLength, data.baseAddress! + next.pathStart, next.pathLength)
                : arena.withUnsafeBytes { compare($0.baseAddress! + previous.pathStart, previous.pathLength,
                                                  $0.baseAddress! + next.pathStart, next.pathLength) }
            return order < 0 || (order == 0 && previous.stage < next.stage)
        }

        private func compare(_ left: UnsafeRawPointer, _ leftLength: Int, _ right: UnsafeRawPointer, _ rightLength: Int) -> Int32 {
            let order = memcmp(left, right, min(leftLength, rightLength))
            if order != 0 { return order }
            return leftLength == rightLength ? 0 : (leftLength < rightLength ? -1 : 1)
        }

        func nul(from start: Int, end: Int) -> Int? {
            guard start < end, let base = data.baseAddress,
                  let found = memchr(base + start, 0, end - start) else { return nil }
            return UnsafeRawPointer(found) - base
        }

        /// git's offset varint (varint.c): big-endian base 128 with an added one per continuation.
        func varint(at start: Int, end: Int) -> (Int, Int)? {
            var position = start
            guard position < end else { return nil }
            var byte = data[position]
            position += 1
            var value = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard position < end, value < (1 << 48) else { return nil }
                byte = data[position]
                position += 1
                value = ((value + 1) << 7) | Int(byte & 0x7F)
            }
            return (value, position)
        }
    }
}

/// The index's cache tree: for each directory, the tree id the index's entries below it would
/// produce, when that is still known. git keeps it up to date as `git add` touches paths.
final class CacheTree {
    /// Where the directory's 20-byte tree id starts in the index file, or nil when invalidated.
    let idOffset: Int?
    /// Subdirectories by name.
    let children: [[UInt8]: CacheTree]

    init(idOffset: Int?, children: [[UInt8]: CacheTree]) {
        self.idOffset = idOffset
        self.children = children
    }

    struct Parser {
        let data: UnsafeRawBufferPointer
        var offset: Int
        let end: Int

        /// The root, or nil when the extension is damaged (the cache tree is then just not used).
        mutating func parse() -> CacheTree? {
            guard let (_, root) = node(depth: 0), offset == end else { return nil }
            return root
        }

        private mutating func node(depth: Int) -> ([UInt8], CacheTree)? {
            guard depth < 4096, let nameEnd = find(0) else { return nil }
            let name = Array(data[offset..<nameEnd])
            offset = nameEnd + 1
            guard let entryCount = number(until: 0x20), let subtrees = number(until: 0x0A), subtrees >= 0 else { return nil }
            var idOffset: Int?
            if entryCount >= 0 {
                guard offset + 20 <= end else { return nil }
                idOffset = offset
                offset += 20
            }
            var children: [[UInt8]: CacheTree] = [:]
            children.reserveCapacity(subtrees)
            for _ in 0..<subtrees {
                guard let (childName, child) = node(depth: depth + 1) else { return nil }
                children[childName] = child
            }
            return (name, CacheTree(idOffset: idOffset, children: children))
        }

        private func find(_ byte: UInt8) -> Int? {
            var position = offset
            while position < end {
                if data[position] == byte { return position }
                position += 1
            }
            return nil
        }

        private mutating func number(until terminator: UInt8) -> Int? {
            guard let stop = find(terminator), stop > offset, stop - offset <= 10 else { return nil }
            var position = offset
            var negative = false
            if data[position] == UInt8(ascii: "-") { negative = true; position += 1 }
            guard position < stop else { return nil }
            var value = 0
            while position < stop {
                let digit = data[position]
                guard (0x30...0x39).contains(digit) else { return nil }
                value = value * 10 + Int(digit - 0x30)
                position += 1
            }
            offset = stop + 1
            return negative ? -value : value
        }
    }
}
