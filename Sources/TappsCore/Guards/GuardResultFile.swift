#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The on-disk form of the guard-result cache: what the single-file guards found in each blob, keyed by the
/// blob's id, the kind of path it was checked under and a hash of the guards' options and implementation.
///
/// One compact binary file, cheap to load (one read, a checksum, then a binary search per lookup):
///
///     header (32 bytes): "TGRC", format u32, record count u32, generation u32, data length u32,
///                        checksum u64 (FNV-1a over everything after the header), 4 bytes zero
///     records (64 bytes each, sorted by key): key (42), slots (1: low nibble computed, high nibble with
///                        findings), flags (1: bit 0 binary), generation u32, blob size u64,
///                        data offset u32, data length u32
///     data: per slot with findings, in slot order: count u32, then per finding line+1 u32 (0: none),
///                        column+1 u32, severity, code (0xFFFF: none), message (u16 length + UTF-8 each)
///
/// All numbers little-endian. A file that is truncated, of another format or whose checksum does not match is
/// rejected as a whole (``init(bytes:)`` returns nil), never partly trusted.
public struct GuardResultFile: Sendable {
    public static let magic: [UInt8] = Array("TGRC".utf8)
    public static let formatVersion: UInt32 = 1
    static let headerSize = 32
    static let recordSize = 64
    /// Guards a record can hold (one bit each in a nibble).
    public static let slotCount = 4

    /// What identifies a cached result: 42 bytes, compared as bytes.
    public struct Key: Sendable, Hashable, Comparable {
        public static let size = 42
        public let bytes: [UInt8]

        /// `objectID` is the blob's raw id (20 bytes for SHA-1, 32 for SHA-256); `kind` the path's kind as the
        /// guards tell paths apart; `settings` a hash of everything else the findings depend on.
        public init?(objectID: [UInt8], kind: UInt8, settings: UInt64) {
            guard !objectID.isEmpty, objectID.count <= 32 else { return nil }
            self.bytes = [UInt8](unsafeUninitializedCapacity: Self.size) { buffer, count in
                for index in 0..<32 { buffer[index] = index < objectID.count ? objectID[index] : 0 }
                buffer[32] = UInt8(objectID.count)
                buffer[33] = kind
                for index in 0..<8 { buffer[34 + index] = UInt8(truncatingIfNeeded: settings >> (8 * index)) }
                count = Self.size
            }
        }

        init(raw: [UInt8]) { bytes = raw }

        public static func < (lhs: Key, rhs: Key) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

        /// The 42 bytes in one call (an array's own hashing feeds them one at a time).
        public func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }

        public static func == (lhs: Key, rhs: Key) -> Bool { lhs.bytes == rhs.bytes }
    }

    /// What the guards found in one blob. `findings[slot]` is nil for a guard that was not run on it; the
    /// findings carry no file (the caller adds the path the blob is staged at).
    public struct Result: Sendable, Equatable {
        public var isBinary: Bool
        public var size: Int
        public var findings: [[Finding]?]

        public init(isBinary: Bool, size: Int, findings: [[Finding]?] = Array(repeating: nil, count: GuardResultFile.slotCount)) {
            self.isBinary = isBinary
            self.size = size
            self.findings = findings
        }

        /// Whether every guard in `slots` has its findings here (a binary blob has none for any guard).
        public func covers(_ slots: [Int]) -> Bool {
            isBinary || slots.allSatisfy { findings.indices.contains($0) && findings[$0] != nil }
        }
    }

    /// A result with the generation of the last write that used it (the oldest go first past the size cap).
    public struct Entry: Sendable, Equatable {
        public var key: Key
        public var result: Result
        public var generation: UInt32

        public init(key: Key, result: Result, generation: UInt32) {
            self.key = key
            self.result = result
            self.generation = generation
        }
    }

    private let bytes: [UInt8]
    public let count: Int
    /// Incremented by every write.
    public let generation: UInt32
    private let dataStart: Int

    /// Validates a whole file; nil when it is not one this version wrote intact.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.headerSize, Array(bytes[0..<4]) == Self.magic,
              Self.u32(bytes, 4) == Self.formatVersion else { return nil }
        let count = Int(Self.u32(bytes, 8)), dataLength = Int(Self.u32(bytes, 16))
        let dataStart = Self.headerSize + count * Self.recordSize
        guard bytes.count == dataStart + dataLength, Self.u64(bytes, 20) == Self.checksum(bytes, from: Self.headerSize)
        else { return nil }
        self.bytes = bytes
        self.count = count
        self.generation = Self.u32(bytes, 12)
        self.dataStart = dataStart
    }

    /// The result stored under `key`, or nil.
    public func lookup(_ key: Key) -> Result? {
        guard let index = position(of: key) else { return nil }
        return result(at: index)
    }

    /// Every entry, in key order (those whose data does not decode are left out).
    public func entries() -> [Entry] {
        (0..<count).compactMap { index in
            guard let result = result(at: index) else { return nil }
            return Entry(key: key(at: index), result: result, generation: Self.u32(bytes, recordOffset(index) + 44))
        }
    }

    private func recordOffset(_ index: Int) -> Int { Self.headerSize + index * Self.recordSize }

    private func key(at index: Int) -> Key {
        let offset = recordOffset(index)
        return Key(raw: Array(bytes[offset..<offset + Key.size]))
    }

    /// Binary search over the sorted records, comparing the key bytes in place.
    private func position(of key: Key) -> Int? {
        guard key.bytes.count == Key.size else { return nil }
        return bytes.withUnsafeBytes { file in
            key.bytes.withUnsafeBytes { wanted in
                guard let records = file.baseAddress, let target = wanted.baseAddress else { return nil }
                var low = 0, high = count
                while low < high {
                    let middle = (low + high) / 2
                    let order = memcmp(records + recordOffset(middle), target, Key.size)
                    if order == 0 { return middle }
                    if order < 0 { low = middle + 1 } else { high = middle }
                }
                return nil
            }
        }
    }

    private func result(at index: Int) -> Result? {
        let offset = recordOffset(index)
        let slots = bytes[offset + 42], flags = bytes[offset + 43]
        let size = Self.u64(bytes, offset + 48)
        let start = Int(Self.u32(bytes, offset + 56)), length = Int(Self.u32(bytes, offset + 60))
        guard size <= UInt64(Int.max), start + length <= bytes.count - dataStart else { return nil }
        var result = Result(isBinary: flags & 1 != 0, size: Int(size))
        var reader = Reader(bytes: bytes, position: dataStart + start, end: dataStart + start + length)
        for slot in 0..<Self.slotCount where slots & (1 << slot) != 0 {
            guard slots & (0x10 << slot) != 0 else {
                result.findings[slot] = []
                continue
            }
            guard let found = reader.findings() else { return nil }
            result.findings[slot] = found
        }
        guard reader.position == reader.end else { return nil }
        return result
    }

    // MARK: - Writing

    /// The file holding `entries` (any order, one per key), stamped `generation`.
    /// An entry that cannot be stored exactly (a string of 64 KiB or more, a line number out of range) is left out.
    public static func encode(_ entries: [Entry], generation: UInt32) -> [UInt8] {
        empty.merged(adding: entries, restamping: [], generation: generation)
    }

    /// A file with no entry.
    public static let empty = GuardResultFile(emptyWithGeneration: 0)

    private init(emptyWithGeneration generation: UInt32) {
        bytes = []
        count = 0
        self.generation = generation
        dataStart = Self.headerSize
    }

    /// This file with `entries` added (each replacing a record of the same key; each is stamped with its own
    /// generation) and the records of the `restamped` keys marked used by `generation`. Past `maxEntries`, only
    /// the `keptAfterPruning` most recently used records are kept (by generation, then key). The records already
    /// here are copied as bytes, never decoded, so a write costs about one copy of the file.
    public func merged(adding entries: [Entry], restamping restamped: [Key], generation: UInt32,
                       maxEntries: Int = .max, keptAfterPruning: Int = .max) -> [UInt8] {
        var unique: [Key: Entry] = [:]
        for entry in entries where Self.isStorable(entry.result) { unique[entry.key] = entry }
        let added = unique.values.sorted { $0.key < $1.key }
        // The added entries encoded: a record each (its data offset relative to `addedData`), and their data.
        var addedRecords: [UInt8] = [], addedData: [UInt8] = []
        addedRecords.reserveCapacity(added.count * Self.recordSize)
        for entry in added { Self.appendRecord(entry, records: &addedRecords, data: &addedData) }
        var stamped = Set<Int>()
        for key in restamped { if let index = position(of: key) { stamped.insert(index) } }

        // Both sides are sorted by key: merge them, an added entry winning over a record of the same key.
        var order: [Int] = []  // >= 0: a record here; < 0: added entry -1 - n
        order.reserveCapacity(count + added.count)
        var here = 0, new = 0
        while here < count || new < added.count {
            let comparison = here == count ? 1 : new == added.count ? -1 : compareKey(at: here, with: added[new].key)
            if comparison < 0 {
                order.append(here)
                here += 1
            } else {
                order.append(-1 - new)
                new += 1
                if comparison == 0 { here += 1 }
            }
        }
        let generations = order.map { source -> UInt32 in
            source < 0 ? added[-1 - source].generation
                : stamped.contains(source) ? generation : Self.u32(bytes, recordOffset(source) + 44)
        }
        var kept = order.indices.map { _ in true }
        if order.count > maxEntries {
            let ranked = order.indices.sorted { generations[$0] != generations[$1] ? generations[$0] > generations[$1] : $0 < $1 }
            for index in ranked.dropFirst(max(0, keptAfterPruning)) { kept[index] = false }
        }

        var file = [UInt8](repeating: 0, count: Self.headerSize)
        var data: [UInt8] = []
        file.reserveCapacity(Self.headerSize + order.count * Self.recordSize)
        data.reserveCapacity(bytes.count - dataStart + addedData.count)
        var written = 0
        for (index, source) in order.enumerated() where kept[index] {
            let record: ArraySlice<UInt8>, payload: ArraySlice<UInt8>
            if source < 0 {
                let offset = (-1 - source) * Self.recordSize
                record = addedRecords[offset..<offset + Self.recordSize]
                let start = Int(Self.u32(addedRecords, offset + 56)), length = Int(Self.u32(addedRecords, offset + 60))
                payload = addedData[start..<start + length]
            } else {
                let offset = recordOffset(source)
                record = bytes[offset..<offset + Self.recordSize]
                let start = dataStart + Int(Self.u32(bytes, offset + 56)), length = Int(Self.u32(bytes, offset + 60))
                payload = bytes[start..<start + length]
            }
            let at = file.count
            file += record
            Self.put(generations[index], at: at + 44, in: &file)
            Self.put(UInt32(data.count), at: at + 56, in: &file)
            data += payload
            written += 1
        }
        file += data
        file.replaceSubrange(0..<4, with: Self.magic)
        Self.put(Self.formatVersion, at: 4, in: &file)
        Self.put(UInt32(written), at: 8, in: &file)
        Self.put(generation, at: 12, in: &file)
        Self.put(UInt32(data.count), at: 16, in: &file)
        let sum = Self.checksum(file, from: Self.headerSize)
        Self.put(UInt32(truncatingIfNeeded: sum), at: 20, in: &file)
        Self.put(UInt32(truncatingIfNeeded: sum >> 32), at: 24, in: &file)
        return file
    }

    /// -1, 0 or 1 as the key of record `index` sorts before, with or after `key`.
    private func compareKey(at index: Int, with key: Key) -> Int {
        let offset = recordOffset(index)
        for position in 0..<Key.size where bytes[offset + position] != key.bytes[position] {
            return bytes[offset + position] < key.bytes[position] ? -1 : 1
        }
        return 0
    }

    private static func appendRecord(_ entry: Entry, records: inout [UInt8], data: inout [UInt8]) {
        let start = data.count
        var slots: UInt8 = 0
        for slot in 0..<slotCount {
            guard let found = entry.result.findings[slot] else { continue }
            slots |= 1 << slot
            guard !found.isEmpty else { continue }
            slots |= 0x10 << slot
            append(UInt32(found.count), to: &data)
            for finding in found { append(finding, to: &data) }
        }
        records += entry.key.bytes
        records.append(slots)
        records.append(entry.result.isBinary ? 1 : 0)
        append(entry.generation, to: &records)
        append(UInt64(entry.result.size), to: &records)
        append(UInt32(start), to: &records)
        append(UInt32(data.count - start), to: &records)
    }

    private static func put(_ value: UInt32, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    static func isStorable(_ result: Result) -> Bool {
        guard result.findings.count == slotCount, result.size >= 0 else { return false }
        func fits(_ number: Int?) -> Bool { number.map { $0 >= 0 && $0 < Int(UInt32.max) } ?? true }
        func fits(_ text: String?) -> Bool { (text?.utf8.count ?? 0) < Int(UInt16.max) }
        return result.findings.allSatisfy { found in
            (found ?? []).allSatisfy { fits($0.line) && fits($0.column) && fits($0.severity) && fits($0.code) && fits($0.message) }
        }
    }

    private static func append(_ finding: Finding, to data: inout [UInt8]) {
        append(UInt32(finding.line.map { $0 + 1 } ?? 0), to: &data)
        append(UInt32(finding.column.map { $0 + 1 } ?? 0), to: &data)
        append(string: finding.severity, to: &data)
        if let code = finding.code { append(string: code, to: &data) } else { append(UInt16.max, to: &data) }
        append(string: finding.message, to: &data)
    }

    private static func append(string: String, to data: inout [UInt8]) {
        append(UInt16(string.utf8.count), to: &data)
        data += string.utf8
    }

    private static func append<Number: FixedWidthInteger>(_ value: Number, to data: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    // MARK: - Reading numbers

    static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }

    /// FNV-1a over 8-byte words (then the tail bytes): catches a damaged file, cheaply.
    static func checksum(_ bytes: [UInt8], from start: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        bytes.withUnsafeBytes { raw in
            var offset = start
            while offset + 8 <= raw.count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian) &* prime
                offset += 8
            }
            while offset < raw.count {
                hash = (hash ^ UInt64(raw[offset])) &* prime
                offset += 1
            }
        }
        return hash
    }

    /// Reads findings from a record's data, every length checked against its end.
    private struct Reader {
        let bytes: [UInt8]
        var position: Int
        let end: Int

        mutating func u32() -> UInt32? {
            guard position + 4 <= end else { return nil }
            defer { position += 4 }
            return GuardResultFile.u32(bytes, position)
        }

        mutating func string(optional: Bool) -> String?? {
            guard position + 2 <= end else { return nil }
            let length = Int(bytes[position]) | Int(bytes[position + 1]) << 8
            position += 2
            if optional, length == Int(UInt16.max) { return .some(nil) }
            guard position + length <= end else { return nil }
            defer { position += length }
            return .some(String(decoding: bytes[position..<position + length], as: UTF8.self))
        }

        mutating func findings() -> [Finding]? {
            guard let count = u32(), count > 0, Int(count) <= (end - position) / 14 else { return nil }
            var found: [Finding] = []
            found.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let line = u32(), let column = u32(), let severity = string(optional: false) ?? nil,
                      let code = string(optional: true), let message = string(optional: false) ?? nil else { return nil }
                found.append(Finding(file: nil, line: line == 0 ? nil : Int(line) - 1, column: column == 0 ? nil : Int(column) - 1,
                                     severity: severity, code: code, message: message))
            }
            return found
        }
    }
}
