import Testing
@testable import TappsCore

/// The guard-result cache's file format: what is written is read back exactly, and a damaged, truncated or
/// foreign file is rejected whole.
@Suite struct GuardResultFileTests {
    static func id(_ seed: UInt8, length: Int = 20) -> [UInt8] { (0..<length).map { UInt8(truncatingIfNeeded: Int(seed) &* 31 &+ $0) } }

    static func key(_ seed: UInt8, length: Int = 20, kind: UInt8 = 0, settings: UInt64 = 7) -> GuardResultFile.Key {
        guard let key = GuardResultFile.Key(objectID: id(seed, length: length), kind: kind, settings: settings) else {
            preconditionFailure("a valid key")
        }
        return key
    }

    static let findings = [
        Finding(file: nil, line: 2, column: 1, severity: "error", code: "conflict-marker", message: "conflict marker '<<<<<<<'"),
        Finding(file: nil, line: nil, column: nil, severity: "warning", code: nil, message: "naïve — ünïcödé ✓"),
        Finding(file: nil, line: 1_000_000, column: 0, severity: "error", code: "", message: ""),
    ]

    static var entries: [GuardResultFile.Entry] {
        [
            GuardResultFile.Entry(key: key(3), result: .init(isBinary: false, size: 120, findings: [findings, [], nil, [findings[1]]]),
                                  generation: 4),
            GuardResultFile.Entry(key: key(1, length: 32, kind: 4), result: .init(isBinary: false, size: 0, findings: [[], [], [], []]),
                                  generation: 9),
            GuardResultFile.Entry(key: key(2), result: .init(isBinary: true, size: 1 << 40), generation: 1),
            GuardResultFile.Entry(key: key(3, kind: 1), result: .init(isBinary: false, size: 5, findings: [nil, nil, [findings[2]], nil]),
                                  generation: 2),
        ]
    }

    @Test func whatIsWrittenIsReadBackExactlyWhateverTheIdLength() throws {
        let bytes = GuardResultFile.encode(Self.entries, generation: 12)
        let file = try #require(GuardResultFile(bytes: bytes))
        #expect(file.count == 4 && file.generation == 12)
        for entry in Self.entries { #expect(file.lookup(entry.key) == entry.result, "\(entry.key.bytes)") }
        #expect(file.entries().sorted { $0.key < $1.key } == Self.entries.sorted { $0.key < $1.key })
        // The same id under another kind, other settings or another length is another key.
        #expect(file.lookup(Self.key(3, kind: 2)) == nil)
        #expect(file.lookup(Self.key(3, settings: 8)) == nil)
        #expect(file.lookup(Self.key(1, length: 20, kind: 4)) == nil)
        #expect(GuardResultFile.Key(objectID: [], kind: 0, settings: 0) == nil)
        #expect(GuardResultFile.Key(objectID: Self.id(1, length: 33), kind: 0, settings: 0) == nil)
    }

    @Test func aMergeKeepsTheRecordsReplacesTheSameKeyRestampsAndPrunesTheLeastRecentlyUsed() throws {
        let base = try #require(GuardResultFile(bytes: GuardResultFile.encode(Self.entries, generation: 9)))
        let replacement = GuardResultFile.Entry(key: Self.key(3), result: .init(isBinary: true, size: 1), generation: 10)
        let added = GuardResultFile.Entry(key: Self.key(9), result: .init(isBinary: false, size: 3, findings: [Self.findings, nil, nil, nil]),
                                          generation: 10)
        let merged = try #require(GuardResultFile(bytes: base.merged(adding: [replacement, added], restamping: [Self.key(2), Self.key(77)],
                                                                   generation: 10)))
        #expect(merged.count == 5 && merged.generation == 10)
        #expect(merged.lookup(Self.key(3)) == replacement.result && merged.lookup(Self.key(9)) == added.result)
        for entry in Self.entries.dropFirst() { #expect(merged.lookup(entry.key) == entry.result) }
        let generations = Dictionary(uniqueKeysWithValues: merged.entries().map { ($0.key, $0.generation) })
        #expect(generations[Self.key(2)] == 10 && generations[Self.key(1, length: 32, kind: 4)] == 9 && generations[Self.key(3, kind: 1)] == 2)
        let pruned = try #require(GuardResultFile(bytes: base.merged(adding: [replacement, added], restamping: [Self.key(2)], generation: 10,
                                                                   maxEntries: 4, keptAfterPruning: 3)))
        #expect(Set(pruned.entries().map(\.key)) == [Self.key(3), Self.key(9), Self.key(2)])
        #expect(pruned.lookup(Self.key(9)) == added.result, "the data of the records kept is copied whole")
    }

    @Test func aResultCoversTheGuardsItHoldsOnlyOrAllWhenBinary() {
        let partial = GuardResultFile.Result(isBinary: false, size: 1, findings: [[], nil, [], nil])
        #expect(partial.covers([0, 2]) && !partial.covers([0, 1]) && !partial.covers([3]))
        #expect(GuardResultFile.Result(isBinary: true, size: 1).covers([0, 1, 2, 3]))
    }

    @Test func manyEntriesAreFoundByBinarySearch() throws {
        var entries: [GuardResultFile.Entry] = []
        for number in 0..<3000 {
            let id = Array(SHA256.hash(Array("\(number)".utf8)).prefix(20))
            let key = try #require(GuardResultFile.Key(objectID: id, kind: UInt8(number % 5), settings: 1))
            let secrets: [Finding] = number % 7 == 0 ? [Self.findings[0]] : []
            let result = GuardResultFile.Result(isBinary: false, size: number, findings: [[], nil, nil, secrets])
            entries.append(GuardResultFile.Entry(key: key, result: result, generation: UInt32(number)))
        }
        let file = try #require(GuardResultFile(bytes: GuardResultFile.encode(entries.shuffled(), generation: 1)))
        for entry in entries { #expect(file.lookup(entry.key) == entry.result) }
    }

    @Test func aDamagedTruncatedOrForeignFileIsRejectedWhole() {
        let bytes = GuardResultFile.encode(Self.entries, generation: 1)
        #expect(GuardResultFile(bytes: []) == nil)
        #expect(GuardResultFile(bytes: Array(bytes.dropLast())) == nil, "truncated")
        #expect(GuardResultFile(bytes: bytes + [0]) == nil, "trailing bytes")
        for offset in [0, 5, 40, 32 + 64 * 2 + 3, bytes.count - 1] {
            var damaged = bytes
            damaged[offset] ^= 0x20
            #expect(GuardResultFile(bytes: damaged) == nil, "a flipped bit at \(offset)")
        }
        var foreign = bytes
        foreign[4] = 2
        #expect(GuardResultFile(bytes: foreign) == nil, "another format version")
        #expect(GuardResultFile(bytes: Array("{\"entries\": []}".utf8)) == nil)
        #expect(GuardResultFile(bytes: GuardResultFile.encode([], generation: 3))?.count == 0)
    }

    @Test func aResultThatCannotBeStoredExactlyIsLeftOut() throws {
        let long = String(repeating: "x", count: 70_000)
        let entries = [
            GuardResultFile.Entry(key: Self.key(1), result: .init(isBinary: false, size: 1, findings: [[Finding(file: nil, message: long)], nil, nil, nil]),
                                  generation: 1),
            GuardResultFile.Entry(key: Self.key(2), result: .init(isBinary: false, size: 1, findings: [[Finding(file: nil, line: -1, message: "m")], nil, nil, nil]),
                                  generation: 1),
            GuardResultFile.Entry(key: Self.key(3), result: .init(isBinary: false, size: 1, findings: [[], nil, nil, nil]), generation: 1),
        ]
        let file = try #require(GuardResultFile(bytes: GuardResultFile.encode(entries, generation: 1)))
        #expect(file.count == 1 && file.lookup(Self.key(3)) != nil && file.lookup(Self.key(1)) == nil)
    }

    @Test func theJournalReadsEveryIntactRecordAndStopsAtTheFirstDamagedOne() throws {
        let first = GuardResultJournal.record(Array(Self.entries.prefix(2)), generation: 3)
        let second = GuardResultJournal.record([Self.entries[2]], generation: 4)
        let third = GuardResultJournal.record([Self.entries[3]], generation: 5)
        let whole = GuardResultJournal.entries(first + second + third)
        #expect(whole.entries.map(\.key) == (Array(Self.entries.prefix(2)).sorted { $0.key < $1.key } + [Self.entries[2], Self.entries[3]]).map(\.key))
        #expect(whole.validBytes == first.count + second.count + third.count)
        var damaged = second
        damaged[damaged.count - 1] ^= 0x40
        let stopped = GuardResultJournal.entries(first + damaged + third)
        #expect(stopped.entries.count == 2 && stopped.validBytes == first.count, "nothing after a damaged record is trusted")
        #expect(GuardResultJournal.entries(first + Array(second.dropLast(3))).validBytes == first.count, "a torn append")
        #expect(GuardResultJournal.entries([0xFF, 0xFF, 0xFF, 0x7F, 1, 2]).entries.isEmpty)
        #expect(GuardResultJournal.entries([]).validBytes == 0)
    }
}
