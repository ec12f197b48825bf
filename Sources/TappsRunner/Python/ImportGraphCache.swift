import TappsCore

/// The last run's import graph, kept in `<git-common-dir>/tapps/python-graph` with the blob id each file had.
///
/// Resolving imports depends only on the set of paths and the pytest settings; a file's own edges depend on
/// its content too. So a later run with the same paths and settings takes the graph as it is and re-derives
/// only the files whose blob ids changed — the common commit, which edits files without adding or
/// removing any. Anything else (a path added, removed or renamed, other settings, an unreadable or
/// foreign file) rebuilds the graph from the per-blob import cache.
struct ImportGraphCache {
    static let header = "tapps-python-graph \(PythonImportGraph.formatVersion) \(ImportScanCache.header)"

    /// What a run derived: the graph, its roots, which files are test modules, and each file's blob id.
    struct Entry: Equatable {
        var key: String
        var roots: [String]
        var graph: PythonImportGraph
        /// Each file's blob id in hex ("-" for a path with no blob: a deleted module kept for its importers).
        var ids: [String]
        var testModules: [Bool]
    }

    let path: String

    init(gitCommonDirectory: String) {
        path = TappsDirectory.path("python-graph", in: gitCommonDirectory)
    }

    /// The cached entry when it was derived for exactly `files` (sorted) under settings `key`, else nil.
    func load(files: [String], key: String) -> Entry? {
        guard let bytes = FileBytes.read(path) else { return nil }
        return Self.decode(bytes, files: files, key: key)
    }

    /// Writes `entry` (temporary file + rename, so a reader never sees half of it); failures are ignored:
    /// the cache only saves time.
    func save(_ entry: Entry) {
        guard let bytes = Self.encode(entry) else { return }
        _ = StepFileSystem.replace(path, with: bytes)
    }

    /// NUL-separated fields: header, key, root count, roots, file count, then per file its path, blob id,
    /// flags (`t` test module, `d` dynamic imports) and edges (comma-separated numbers). Nil when a field
    /// would hold a NUL itself (a settings value with one): such an entry is not cached.
    static func encode(_ entry: Entry) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.graph.files.count * 64)
        var valid = true
        func field(_ text: String) {
            if text.utf8.contains(0) { valid = false }
            bytes.append(contentsOf: text.utf8)
            bytes.append(0)
        }
        field(header)
        field(entry.key)
        field(String(entry.roots.count))
        entry.roots.forEach(field)
        field(String(entry.graph.files.count))
        for (number, file) in entry.graph.files.enumerated() {
            field(file)
            field(entry.ids[number])
            field((entry.testModules[number] ? "t" : "-") + (entry.graph.dynamic[number] ? "d" : "-"))
            for (position, target) in entry.graph.edges[number].enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                appendDecimal(Int(target), to: &bytes)
            }
            bytes.append(0)
        }
        return valid ? bytes : nil
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    static func decode(_ bytes: [UInt8], files: [String], key: String) -> Entry? {
        var fields = FieldReader(bytes)
        guard fields.next(equals: header), fields.next(equals: key), let rootCount = fields.nextNumber() else { return nil }
        var roots: [String] = []
        for _ in 0..<rootCount {
            guard let root = fields.nextString() else { return nil }
            roots.append(root)
        }
        guard fields.nextNumber() == files.count else { return nil }
        var ids: [String] = [], tests: [Bool] = [], dynamic: [Bool] = [], edges: [[Int32]] = []
        ids.reserveCapacity(files.count)
        edges.reserveCapacity(files.count)
        for file in files {
            guard fields.next(equals: file), let id = fields.nextString(), let flags = fields.nextBytes(), flags.count == 2,
                  let targets = fields.nextNumbers() else { return nil }
            ids.append(id)
            tests.append(flags.first == UInt8(ascii: "t"))
            dynamic.append(flags.last == UInt8(ascii: "d"))
            edges.append(targets)
        }
        guard fields.atEnd, let graph = PythonImportGraph(files: files, edges: edges, dynamic: dynamic) else { return nil }
        return Entry(key: key, roots: roots, graph: graph, ids: ids, testModules: tests)
    }
}

/// Reads NUL-terminated fields from a byte buffer without copying them until asked for a value.
private struct FieldReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position == bytes.count }

    mutating func nextBytes() -> ArraySlice<UInt8>? {
        guard position < bytes.count, let end = bytes[position...].firstIndex(of: 0) else { return nil }
        defer { position = end + 1 }
        return bytes[position..<end]
    }

    mutating func next(equals text: String) -> Bool {
        nextBytes()?.elementsEqual(text.utf8) == true
    }

    mutating func nextString() -> String? {
        nextBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    mutating func nextNumber() -> Int? {
        guard let field = nextBytes(), !field.isEmpty else { return nil }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < Int(Int32.max) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Comma-separated numbers (an empty field is none).
    mutating func nextNumbers() -> [Int32]? {
        guard let field = nextBytes() else { return nil }
        var numbers: [Int32] = []
        var value: Int32 = 0, digits = 0
        for byte in field {
            if byte == UInt8(ascii: ",") {
                guard digits > 0 else { return nil }
                numbers.append(value)
                value = 0
                digits = 0
            } else {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < Int32.max / 10 else { return nil }
                value = value * 10 + Int32(byte - UInt8(ascii: "0"))
                digits += 1
            }
        }
        if digits > 0 { numbers.append(value) } else if !field.isEmpty { return nil }
        return numbers
    }
}
