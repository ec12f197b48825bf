/// One per-file cache entry on disk: step `name` passed on one file (path + staged blob, inside the key), and when.
public enum FileCacheEntry {
    public static let formatVersion = 1

    public static func encode(key: String, step: String, path: RepoPath, createdAt: String) -> JSONValue {
        .object([
            ("format", .int(formatVersion)),
            ("key", .string(key)),
            ("step", .string(step)),
            ("path", .path(path)),
            ("created_at", .string(createdAt)),
        ])
    }

    /// When the pass was recorded, or nil when the bytes are not a valid entry for `key` and step `name`
    /// (such an entry is never trusted).
    public static func decode(_ bytes: [UInt8], key: String, name: String) -> String? {
        guard let json = try? JSONParser.parse(bytes),
              json["format"]?.intValue == formatVersion,
              json["key"]?.stringValue == key,
              json["step"]?.stringValue == name,
              let createdAt = json["created_at"]?.stringValue else { return nil }
        return createdAt
    }
}

extension FileCacheEntry {
    /// The note of a per-file step none of whose files needed checking: `cached: passed on <latest date> (3 files)`.
    public static func allCachedNote(files: Int, latest: String) -> String {
        "cached: passed on \(readable(latest)) (\(files) file\(files == 1 ? "" : "s"))"
    }

    /// The note of a per-file step that checked only some of its files.
    public static func partlyCachedNote(cached: Int, ran: Int) -> String {
        "ran on \(ran) changed file\(ran == 1 ? "" : "s"); \(cached) unchanged since they passed (cached)"
    }

    /// `2026-01-29T14:30:22Z` as `2026-01-29 14:30:22 UTC`.
    static func readable(_ time: String) -> String {
        guard time.count == 20, time.hasSuffix("Z") else { return time }
        return String(time.prefix(10)) + " " + String(time.dropFirst(11).prefix(8)) + " UTC"
    }
}
