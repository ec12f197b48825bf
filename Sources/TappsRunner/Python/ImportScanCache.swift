import TappsCore

/// The imports of Python blobs, kept in `<git-common-dir>/tapps/python-imports` and keyed on blob ids:
/// a blob's imports never change, so a warm graph of a large project is read, not re-derived.
struct ImportScanCache {
    static let header = "tapps-python-imports 1"
    /// Entries kept beyond the current tree's, so that switching branches stays warm.
    static let retained = 20_000

    let path: String
    private(set) var scans: [String: PythonImportScan] = [:]
    private var dirty = false

    init(gitCommonDirectory: String) {
        path = TappsDirectory.path("python-imports", in: gitCommonDirectory)
        if let bytes = FileBytes.read(path) { scans = Self.decode(bytes) }
    }

    /// The scan of blob `id`, computed with `content` when it is not cached yet.
    mutating func scan(_ id: String, content: () -> [UInt8]?) -> PythonImportScan {
        if let known = scans[id] { return known }
        let scan = content().map(PythonImportScanner.scan) ?? PythonImportScan()
        scans[id] = scan
        dirty = true
        return scan
    }

    /// Writes the cache when it gained entries (temporary file + rename, so a reader never sees half of it).
    mutating func save(keeping current: Set<String>) {
        guard dirty else { return }
        var kept = scans.filter { current.contains($0.key) }
        for (id, scan) in scans where kept.count < current.count + Self.retained && kept[id] == nil { kept[id] = scan }
        if StepFileSystem.replace(path, with: Self.encode(kept)) == nil { dirty = false }
    }

    /// `<blob id> <d|-> <level>:<module>:<name,name>:<line> …` a line per blob.
    static func encode(_ scans: [String: PythonImportScan]) -> [UInt8] {
        var text = header + "\n"
        for (id, scan) in scans.sorted(by: { $0.key < $1.key }) {
            text += id + (scan.hasDynamicImports ? " d" : " -")
            for statement in scan.imports {
                text += " \(statement.level):\(statement.module):\(statement.names.joined(separator: ",")):\(statement.line)"
            }
            text += "\n"
        }
        return Array(text.utf8)
    }

    static func decode(_ bytes: [UInt8]) -> [String: PythonImportScan] {
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first, String(decoding: first, as: UTF8.self) == header else { return [:] }
        var scans: [String: PythonImportScan] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: UInt8(ascii: " "))
            guard fields.count >= 2 else { continue }
            var scan = PythonImportScan(hasDynamicImports: fields[1].first == UInt8(ascii: "d"))
            for field in fields.dropFirst(2) {
                let parts = field.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                guard parts.count == 4, let level = Int(String(decoding: parts[0], as: UTF8.self)),
                      let number = Int(String(decoding: parts[3], as: UTF8.self)) else { continue }
                let names = parts[2].isEmpty ? [] : parts[2].split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
                scan.imports.append(PythonImport(level: level, module: String(decoding: parts[1], as: UTF8.self),
                                                 names: names, line: number))
            }
            scans[String(decoding: fields[0], as: UTF8.self)] = scan
        }
        return scans
    }
}
