import TappsSystem

/// A split index (`core.splitIndex`, `git update-index --split-index`): most entries live in a
/// shared index `sharedindex.<id>`, and the index file itself records what to replace, delete
/// and add on top of it (the `link` extension). See git's Documentation/gitformat-index.adoc
/// ("Split index") and split-index.c `merge_base_index`.
enum SplitIndex {
    /// The `link` extension: the shared index's id and two bitmaps over its entries.
    struct Link {
        var sharedID: [UInt8]
        /// Positions (in the shared index) of entries to delete, ascending.
        var deleted: [Int] = []
        /// Positions of entries replaced, in order, by the split file's nameless entries.
        var replaced: [Int] = []

        init?(data: UnsafeRawBufferPointer) {
            guard data.count >= 20 else { return nil }
            sharedID = Array(data[0..<20])
            guard data.count > 20 else { return }
            var offset = 20
            guard let deleted = EWAH.positions(in: data, at: &offset),
                  let replaced = EWAH.positions(in: data, at: &offset), offset == data.count else { return nil }
            self.deleted = deleted
            self.replaced = replaced
        }
    }

    struct Merged {
        var data: UnsafeRawBufferPointer
        var arena: UnsafeMutableRawBufferPointer
        var entries: [IndexFile.Entry]
        var isSparse: Bool
    }

    /// The final index: the shared index's entries with the replacements and deletions applied,
    /// and the split file's added entries merged in by path and stage (an added entry replaces a
    /// shared one of the same path and stage; an added stage 0 drops the path's conflict stages).
    /// Nil when the shared index is missing or either file is inconsistent.
    static func merge(_ split: ParsedIndex, data splitData: UnsafeRawBufferPointer, link: Link,
                      indexPath: String, gitDirectory: String?) -> Merged? {
        let name = "sharedindex." + link.sharedID.map { hexDigits($0) }.joined()
        var candidates: [String] = []
        if let gitDirectory { candidates.append(gitDirectory.hasSuffix("/") ? gitDirectory + name : gitDirectory + "/" + name) }
        let slash = indexPath.lastIndex(of: "/")
        candidates.append((slash.map { String(indexPath[...$0]) } ?? "") + name)
        guard let sharedPath = candidates.first(where: { FileSystem.isReadable($0) }),
              let mapped = MappedFile(path: sharedPath), let sharedData = mapped.data else { return nil }
        defer { MappedBytes(bytes: sharedData).unmap() }
        // The shared index is named after its own checksum (its last 20 bytes).
        guard sharedData.count > 20, Array(sharedData[(sharedData.count - 20)...]) == link.sharedID else { return nil }
        var parser = IndexFileParser(data: sharedData)
        guard let shared = parser.parse(allowEmptyPaths: false), shared.link == nil else { return nil }
        defer { shared.arena?.deallocate() }
        let sharedPaths = shared.arena.map(UnsafeRawBufferPointer.init) ?? sharedData
        let splitPaths = split.arena.map(UnsafeRawBufferPointer.init) ?? splitData

        // One buffer for the stat data and ids of both: the split file first, so that its own
        // offsets (its entries', its cache tree's) stay valid, then the shared index.
        let combined = UnsafeMutableRawBufferPointer.allocate(byteCount: splitData.count + sharedData.count, alignment: 8)
        combined.copyMemory(from: splitData)
        UnsafeMutableRawBufferPointer(rebasing: combined[splitData.count...]).copyMemory(from: sharedData)
        let sharedShift = splitData.count

        // The shared index's entries (paths in `sharedPaths`), each with the shift that makes
        // its id offset one into `combined`: a replaced entry keeps the shared path but takes
        // the split file's stat data, id, mode and flags.
        var base: [(entry: IndexFile.Entry, idShift: Int)] = shared.entries.map { ($0, sharedShift) }
        guard link.replaced.count <= split.entries.count else { combined.deallocate(); return nil }
        for (number, position) in link.replaced.enumerated() {
            var replacement = split.entries[number]
            guard position < base.count, replacement.pathLength == 0 else { combined.deallocate(); return nil }
            replacement.pathStart = base[position].entry.pathStart
            replacement.pathLength = base[position].entry.pathLength
            base[position] = (replacement, 0)
        }
        var keep = [Bool](repeating: true, count: base.count)
        for position in link.deleted {
            guard position < base.count else { combined.deallocate(); return nil }
            keep[position] = false
        }
        let added = split.entries[link.replaced.count...]
        guard added.allSatisfy({ $0.pathLength > 0 }) else { combined.deallocate(); return nil }

        func path(_ entry: IndexFile.Entry, in buffer: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: buffer[entry.pathStart..<(entry.pathStart + entry.pathLength)])
        }
        func same(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
            left.count == right.count && RawMemory.compare(left.baseAddress!, right.baseAddress!, left.count) == 0
        }
        var entries: [IndexFile.Entry] = []
        entries.reserveCapacity(base.count + added.count)
        var arena: [UInt8] = []
        arena.reserveCapacity(sharedPaths.count)
        var isSparse = false
        func append(_ entry: IndexFile.Entry, path: UnsafeRawBufferPointer, idShift: Int) {
            var final = entry
            final.pathStart = arena.count
            final.idOffset = entry.idOffset + idShift
            arena.append(contentsOf: path)
            if final.isSparseDirectory { isSparse = true }
            entries.append(final)
        }
        var next = added.startIndex
        // The last added entry, which supersedes shared entries of its path (same stage, or all
        // stages when it is stage 0).
        var lastAdded: (path: UnsafeRawBufferPointer, stage: Int)?
        for (position, item) in base.enumerated() where keep[position] {
            let basePath = path(item.entry, in: sharedPaths)
            while next < added.endIndex {
                let candidate = added[next]
                let candidatePath = path(candidate, in: splitPaths)
                let order = IndexFileParser.compare(candidatePath.baseAddress!, candidatePath.count,
                                                    basePath.baseAddress!, basePath.count)
                guard order < 0 || (order == 0 && candidate.stage <= item.entry.stage) else { break }
                append(candidate, path: candidatePath, idShift: 0)
                lastAdded = (candidatePath, candidate.stage)
                next += 1
            }
            if let lastAdded, same(lastAdded.path, basePath),
               lastAdded.stage == item.entry.stage || lastAdded.stage == 0 { continue }
            append(item.entry, path: basePath, idShift: item.idShift)
        }
        while next < added.endIndex {
            append(added[next], path: path(added[next], in: splitPaths), idShift: 0)
            next += 1
        }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(arena.count, 1), alignment: 1)
        storage.copyBytes(from: arena)
        return Merged(data: UnsafeRawBufferPointer(combined), arena: storage, entries: entries, isSparse: isSparse)
    }

    static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}

/// git's EWAH-compressed bitmaps (ewah/ewah_io.c, ewah_bitmap.c): a bit count, a word count,
/// 64-bit big-endian words, and the position of the last run-length word. Each run-length word
/// holds a run bit (bit 0), a run length in words (bits 1–32) and the number of literal words
/// that follow it (bits 33–63).
enum EWAH {
    /// The positions of the set bits, ascending; advances `offset` past the bitmap.
    static func positions(in data: UnsafeRawBufferPointer, at offset: inout Int) -> [Int]? {
        func be32(_ at: Int) -> Int {
            Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3])
        }
        guard offset + 8 <= data.count else { return nil }
        let bitCount = be32(offset)
        let wordCount = be32(offset + 4)
        let wordsStart = offset + 8
        guard wordCount <= (data.count - wordsStart) / 8, wordsStart + wordCount * 8 + 4 <= data.count else { return nil }
        func word(_ number: Int) -> UInt64 {
            var value: UInt64 = 0
            for byte in 0..<8 { value = value << 8 | UInt64(data[wordsStart + number * 8 + byte]) }
            return value
        }
        var result: [Int] = []
        var position = 0
        var pointer = 0
        while pointer < wordCount {
            let marker = word(pointer)
            let runLength = Int((marker >> 1) & 0xFFFF_FFFF) * 64
            if marker & 1 != 0 {
                guard position + runLength <= bitCount + 64 else { return nil }
                result.append(contentsOf: position..<(position + runLength))
            }
            position += runLength
            pointer += 1
            let literals = Int(marker >> 33)
            guard pointer + literals <= wordCount else { return nil }
            for _ in 0..<literals {
                var bits = word(pointer)
                while bits != 0 {
                    result.append(position + bits.trailingZeroBitCount)
                    bits &= bits - 1
                }
                position += 64
                pointer += 1
            }
        }
        offset = wordsStart + wordCount * 8 + 4
        return result.filter { $0 < bitCount }
    }
}
