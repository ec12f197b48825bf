/// The sections of an INI file as Python's `configparser` reads them for pytest and mypy: `key = value` or
/// `key: value`, indented continuation lines joined with newlines, `#`/`;` comment lines.
public struct IniFile: Sendable {
    /// Section name → key → value, in document order of sections.
    public private(set) var sections: [(name: String, values: [String: String])] = []

    public func section(_ name: String) -> [String: String]? {
        sections.first { $0.name == name }?.values
    }

    public init(_ text: String) {
        var currentKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(rawLine).replacing("\r", with: "")
            let trimmed = line.trimmingSpaces()
            if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.isEmpty { currentKey = nil; continue }
            if let first = line.first, first == " " || first == "\t", let key = currentKey, !sections.isEmpty {
                let previous = sections[sections.count - 1].values[key] ?? ""
                sections[sections.count - 1].values[key] = previous.isEmpty ? trimmed : previous + "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("["), let close = trimmed.firstIndex(of: "]") {
                sections.append((String(trimmed[trimmed.index(after: trimmed.startIndex)..<close]).trimmingSpaces(), [:]))
                currentKey = nil
                continue
            }
            guard !sections.isEmpty, let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = String(trimmed[..<separator]).trimmingSpaces()
            var value = String(trimmed[trimmed.index(after: separator)...]).trimmingSpaces()
            if let comment = value.range(of: " #") ?? value.range(of: " ;") { value = String(value[..<comment.lowerBound]).trimmingSpaces() }
            sections[sections.count - 1].values[key] = value
            currentKey = key
        }
    }
}
