/// What `git tapps cache stats` reports.
public struct CacheStatistics: Sendable, Equatable {
    public var entries: Int
    public var bytes: Int
    public var hits: Int
    public var misses: Int
    /// The cache directory.
    public var directory: String

    public init(entries: Int, bytes: Int, hits: Int, misses: Int, directory: String) {
        self.entries = entries
        self.bytes = bytes
        self.hits = hits
        self.misses = misses
        self.directory = directory
    }

    /// hits / (hits + misses), nil before any lookup.
    public var hitRate: Double? { hits + misses == 0 ? nil : Double(hits) / Double(hits + misses) }

    public var json: JSONValue {
        .object([
            ("directory", .string(directory)),
            ("entries", .int(entries)),
            ("bytes", .int(bytes)),
            ("hits", .int(hits)),
            ("misses", .int(misses)),
            ("hit_rate", hitRate.map { .double(($0 * 1000).rounded() / 1000) } ?? .null),
        ])
    }

    public var text: String {
        let rate = hitRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "n/a"
        return """
            Step-result cache: \(directory)
              entries   \(entries) (\(bytes) bytes)
              hits      \(hits)
              misses    \(misses)
              hit rate  \(rate)
            """
    }
}
