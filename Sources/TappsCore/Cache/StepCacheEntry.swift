/// One cache entry on disk: a passed step result under its key, and when it passed.
public enum StepCacheEntry {
    public static let formatVersion = 1

    /// The entry's JSON for a passed `result` (its output is not kept: a passed step's output is never shown).
    public static func encode(key: String, result: StepResult, createdAt: String) -> JSONValue {
        var stored = result
        stored.output = ""
        stored.cached = false
        return .object([
            ("format", .int(formatVersion)),
            ("key", .string(key)),
            ("created_at", .string(createdAt)),
            ("result", .object(CheckpointCoding.stepFields(stored))),
        ])
    }

    /// The result to report for step `name` from an entry's bytes: passed, marked cached, 0 tokens, with the note
    /// "cached: passed on <date>". Nil when the entry is unreadable, of another format, for another key or step,
    /// or not a pass: such an entry is never trusted.
    public static func decode(_ bytes: [UInt8], key: String, name: String) -> StepResult? {
        guard let json = try? JSONParser.parse(bytes),
              json["format"]?.intValue == formatVersion,
              json["key"]?.stringValue == key,
              let createdAt = json["created_at"]?.stringValue,
              let item = json["result"],
              var result = CheckpointCoding.stepResult(item),
              result.name == name, result.status == .passed, result.modifiedFiles.isEmpty else { return nil }
        result.cached = true
        result.tokensReported = nil
        result.duration = 0
        result.output = ""
        result.note = "cached: passed on \(createdAt.replacingT())"
        return result
    }
}

extension String {
    /// `2026-01-29T14:30:22Z` as `2026-01-29 14:30:22 UTC`.
    fileprivate func replacingT() -> String {
        guard count == 20, hasSuffix("Z") else { return self }
        return String(prefix(10)) + " " + String(dropFirst(11).prefix(8)) + " UTC"
    }
}
