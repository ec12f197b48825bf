/// What `git tapps cache stats` reports.
public struct CacheStatistics: Sendable, Equatable {
    public var entries: Int
    public var bytes: Int
    public var hits: Int
    public var misses: Int
    /// The cache directory.
    public var directory: String
    /// Per-file entries (`cache: per-file` steps: one per step, path and staged blob), and their lookups.
    public var fileEntries = 0
    public var fileHits = 0
    public var fileMisses = 0
    /// Blobs in the guard-result cache (what the native guards found in each), and that file's size.
    public var guardEntries = 0
    public var guardBytes = 0

    public init(entries: Int, bytes: Int, hits: Int, misses: Int, directory: String) {
        self.entries = entries
        self.bytes = bytes
        self.hits = hits
        self.misses = misses
        self.directory = directory
    }

    /// hits / (hits + misses), nil before any lookup.
    public var hitRate: Double? { hits + misses == 0 ? nil : Double(hits) / Double(hits + misses) }
    /// fileHits / (fileHits + fileMisses): the share of files a per-file step did not have to check again.
    public var fileHitRate: Double? { fileHits + fileMisses == 0 ? nil : Double(fileHits) / Double(fileHits + fileMisses) }

    public var json: JSONValue {
        .object([
            ("directory", .string(directory)),
            ("entries", .int(entries)),
            ("bytes", .int(bytes)),
            ("hits", .int(hits)),
            ("misses", .int(misses)),
            ("hit_rate", hitRate.map { .double(($0 * 1000).rounded() / 1000) } ?? .null),
            ("file_entries", .int(fileEntries)),
            ("file_hits", .int(fileHits)),
            ("file_misses", .int(fileMisses)),
            ("file_hit_rate", fileHitRate.map { .double(($0 * 1000).rounded() / 1000) } ?? .null),
            ("guard_entries", .int(guardEntries)),
            ("guard_bytes", .int(guardBytes)),
        ])
    }

    public var text: String {
        func percent(_ rate: Double?) -> String { rate.map { "\(Int(($0 * 100).rounded()))%" } ?? "n/a" }
        return """
            Step-result cache: \(directory)
              entries   \(entries) (\(bytes) bytes with the per-file entries)
              hits      \(hits)
              misses    \(misses)
              hit rate  \(percent(hitRate))
              per-file  \(fileEntries) entries, \(fileHits) hits, \(fileMisses) misses, hit rate \(percent(fileHitRate))
              guards    \(guardEntries) blobs (\(guardBytes) bytes)
            """
    }
}
