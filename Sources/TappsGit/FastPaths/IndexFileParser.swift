import TappsSystem

/// What one index file holds, before a split index is merged with its shared index.
struct ParsedIndex {
    var entries: [IndexFile.Entry]
    /// The version 4 path arena (the caller owns it), or nil when paths are in the file itself.
    var arena: UnsafeMutableRawBufferPointer?
    var cacheTree: CacheTree?
    /// The `link` extension of a split index.
    var link: SplitIndex.Link?
    var hasSparseDirectories: Bool
}

/// Why ``IndexFileParser`` did not read an index file.
enum IndexReadFailure: Error, Equatable, Sendable {
    /// An index version other than 2, 3 or 4.
    case version(UInt32)
    /// A required extension (signature not starting with 'A'–'Z') other than `link` and `sdir`.
    case mandatoryExtension(String)
    /// Anything else: a damaged or inconsistent file, or a split index whose shared index is missing.
    case damaged

    /// What the file uses, for a message: "is index version 5", "uses the mandatory extension 'abcd'".
    var explanation: String {
        switch self {
        case .version(let version): "is index version \(version)"
        case .mandatoryExtension(let signature): "uses the mandatory extension '\(signature)'"
        case .damaged: "is damaged or inconsistent"
        }
    }

    /// True when git may still read the file (a newer format), so that git is asked for a plain copy.
    var isNewerFormat: Bool { self != .damaged }
}

/// Parses the bytes of one index file (versions 2–4). See git's Documentation/gitformat-index.adoc.
struct IndexFileParser {
    let data: UnsafeRawBufferPointer
    static let hashSize = 20
    /// Why the last ``parse(allowEmptyPaths:)`` returned nil.
    private(set) var failure: IndexReadFailure = .damaged

    func be32(_ offset: Int) -> UInt32 {
        UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
    }

    func be16(_ offset: Int) -> UInt16 { UInt16(data[offset]) << 8 | UInt16(data[offset + 1]) }

    /// Nil for anything not handled. `allowEmptyPaths` admits the nameless entries a split
    /// index stores for replaced shared entries (the caller must then merge or refuse them).
    mutating func parse(allowEmptyPaths: Bool) -> ParsedIndex? {
        let end = data.count - Self.hashSize
        guard end >= 12, be32(0) == 0x4449_5243 else { return nil } // "DIRC"
        let version = be32(4)
        guard (2...4).contains(version) else {
            failure = .version(version)
            return nil
        }
        let count = Int(be32(8))
        guard count <= (end - 12) / 62 else { return nil }
        var entries: [IndexFile.Entry] = []
        entries.reserveCapacity(count)
        var arena: [UInt8] = []
        // Version 4 prefix-compresses each path against the previous one: kept apart so that
        // extending it never copies the arena (which made reading quadratic in the entry count).
        var previous: [UInt8] = []
        if version == 4 { arena.reserveCapacity(count * 32) }
        var hasSparseDirectories = false
        var lastNamed: IndexFile.Entry?
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
            var entry = IndexFile.Entry(pathStart: pathOffset, pathLength: 0, idOffset: offset + 40, mode: mode,
                                        size: be32(offset + 36), stage: Int((flags >> 12) & 3),
                                        isIntentToAdd: extended & 0x2000 != 0, isSkipWorktree: extended & 0x4000 != 0)
            if version == 4 {
                guard let (strip, afterVarint) = varint(at: pathOffset, end: end),
                      strip <= previous.count,
                      let terminator = nul(from: afterVarint, end: end) else { return nil }
                previous.removeLast(strip)
                previous.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[afterVarint..<terminator]))
                entry.pathStart = arena.count
                entry.pathLength = previous.count
                arena.append(contentsOf: previous)
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
            if entry.pathLength == 0 {
                guard allowEmptyPaths else { return nil }
                entries.append(entry)
                continue
            }
            if entry.isSparseDirectory {
                let last = entry.pathStart + entry.pathLength - 1
                let slash = version == 4 ? arena[last] : data[last]
                guard slash == UInt8(ascii: "/"), entry.stage == 0 else { return nil }
                hasSparseDirectories = true
            }
            // The comparison walk relies on git's order (path, then stage); refuse anything else.
            if let last = lastNamed, !inOrder(last, entry, arena: version == 4 ? arena : nil) { return nil }
            lastNamed = entry
            entries.append(entry)
        }
        var parsed = ParsedIndex(entries: entries, arena: nil, cacheTree: nil, link: nil,
                                 hasSparseDirectories: hasSparseDirectories)
        while offset + 8 <= end {
            let signature = be32(offset)
            let size = Int(be32(offset + 4))
            let body = offset + 8
            guard size <= end - body else { return nil }
            switch signature {
            case 0x5452_4545: // "TREE"
                var tree = CacheTree.Parser(data: data, offset: body, end: body + size)
                parsed.cacheTree = tree.parse()
            case 0x6C69_6E6B: // "link": a split index
                guard let link = SplitIndex.Link(data: UnsafeRawBufferPointer(rebasing: data[body..<(body + size)])) else {
                    return nil
                }
                parsed.link = link
            case 0x7364_6972: // "sdir": sparse-directory entries may be present (they are read above)
                break
            default:
                // An extension whose name starts with a capital letter is optional; others are required.
                guard (0x41...0x5A).contains(signature >> 24) else {
                    failure = .mandatoryExtension(Self.name(of: signature))
                    return nil
                }
            }
            offset = body + size
        }
        if version == 4 {
            let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(arena.count, 1), alignment: 1)
            storage.copyBytes(from: arena)
            parsed.arena = storage
        }
        return parsed
    }

    /// An extension signature as text, bytes outside printable ASCII escaped.
    static func name(of signature: UInt32) -> String {
        (0..<4).map { shift -> String in
            let byte = UInt8(truncatingIfNeeded: signature >> (24 - 8 * shift))
            return (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "\\")
                ? String(UnicodeScalar(byte)) : "\\x" + SplitIndex.hexDigits(byte)
        }.joined()
    }

    func inOrder(_ previous: IndexFile.Entry, _ next: IndexFile.Entry, arena: [UInt8]?) -> Bool {
        let order: Int32
        if let arena {
            order = arena.withUnsafeBytes {
                IndexFileParser.compare($0.baseAddress! + previous.pathStart, previous.pathLength,
                                        $0.baseAddress! + next.pathStart, next.pathLength)
            }
        } else {
            order = Self.compare(data.baseAddress! + previous.pathStart, previous.pathLength,
                                 data.baseAddress! + next.pathStart, next.pathLength)
        }
        return order < 0 || (order == 0 && previous.stage < next.stage)
    }

    /// Byte order of two paths, a shorter prefix first (git's `cache_name_compare` without stages).
    static func compare(_ left: UnsafeRawPointer, _ leftLength: Int, _ right: UnsafeRawPointer, _ rightLength: Int) -> Int32 {
        let order = RawMemory.compare(left, right, min(leftLength, rightLength))
        if order != 0 { return order }
        return leftLength == rightLength ? 0 : (leftLength < rightLength ? -1 : 1)
    }

    func nul(from start: Int, end: Int) -> Int? {
        guard start < end, let base = data.baseAddress,
              let found = RawMemory.first(0, in: base + start, count: end - start) else { return nil }
        return found - base
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
