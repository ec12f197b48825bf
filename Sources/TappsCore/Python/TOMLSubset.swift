/// A value read by ``TOMLSubset``.
public indirect enum TOMLSubsetValue: Sendable, Hashable {
    case string(String)
    case array([TOMLSubsetValue])
    /// A number, boolean, date or inline table, kept as written.
    case other(String)

    /// A string, or each string of an array (the two spellings pyproject settings accept).
    public var strings: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let items): items.flatMap(\.strings)
        case .other: []
        }
    }

    /// `true`/`false` for a boolean.
    public var bool: Bool? {
        if case .other(let text) = self { return text == "true" ? true : text == "false" ? false : nil }
        return nil
    }
}

/// The tables of a TOML document, enough of TOML to read `pyproject.toml` settings (tables, arrays of
/// tables, dotted keys, every string form, nested arrays). A document it cannot follow yields the tables
/// read so far; it never fails. Hand-written rather than TOMLKit: the hook reads pyproject.toml on every
/// commit of a Python project, and this costs microseconds with no C++ runtime to load.
public struct TOMLSubset: Sendable {
    /// One `[table]` or `[[array.item]]` occurrence, in document order.
    public struct Table: Sendable {
        public var name: String
        public var isArrayItem: Bool
        public var values: [String: TOMLSubsetValue]
    }

    public private(set) var tables: [Table] = []

    /// The keys of every `[name]` table (merged), e.g. `table("tool.mypy")`.
    public func table(_ name: String) -> [String: TOMLSubsetValue]? {
        var result: [String: TOMLSubsetValue]?
        for table in tables where table.name == name && !table.isArrayItem {
            result = (result ?? [:]).merging(table.values) { _, new in new }
        }
        return result
    }

    /// The items of an array of tables, e.g. `arrayTables("tool.mypy.overrides")`.
    public func arrayTables(_ name: String) -> [[String: TOMLSubsetValue]] {
        tables.filter { $0.name == name && $0.isArrayItem }.map(\.values)
    }

    public init(_ text: String) {
        var reader = Reader(Array(text.utf8))
        var current = Table(name: "", isArrayItem: false, values: [:])
        while reader.skipBlankAndComments() {
            if reader.peek == UInt8(ascii: "[") {
                tables.append(current)
                let isArray = reader.peek(1) == UInt8(ascii: "[")
                reader.index += isArray ? 2 : 1
                guard let name = reader.key(until: UInt8(ascii: "]")) else { break }
                reader.index += isArray ? 2 : 1
                reader.skipLine()
                current = Table(name: name, isArrayItem: isArray, values: [:])
                continue
            }
            guard let key = reader.key(until: UInt8(ascii: "=")) else { break }
            reader.index += 1
            reader.skipSpaces()
            guard let value = reader.value() else { break }
            // A dotted key `a.b = 1` inside [tool] belongs to table tool.a.
            if let dot = key.lastIndex(of: ".") {
                let prefix = String(key[..<dot]), last = String(key[key.index(after: dot)...])
                let tableName = current.name.isEmpty ? prefix : current.name + "." + prefix
                tables.append(Table(name: tableName, isArrayItem: false, values: [last: value]))
            } else {
                current.values[key] = value
            }
            reader.skipLine()
        }
        tables.append(current)
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

        mutating func skipSpaces() {
            while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
        }

        /// Skips blank lines and comments; false at the end.
        mutating func skipBlankAndComments() -> Bool {
            while let byte = peek {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
                else if byte == UInt8(ascii: "#") { skipLine() }
                else { return true }
            }
            return false
        }

        mutating func skipLine() {
            while let byte = peek, byte != 0x0A { index += 1 }
        }

        /// A bare, quoted or dotted key up to `terminator` (not consumed), with quotes removed.
        mutating func key(until terminator: UInt8) -> String? {
            var parts: [String] = []
            var current: [UInt8] = []
            while let byte = peek, byte != terminator {
                if byte == 0x0A { return nil }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    guard case .string(let text)? = value() else { return nil }
                    current += Array(text.utf8)
                    continue
                }
                if byte == UInt8(ascii: ".") {
                    parts.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
                    current = []
                } else {
                    current.append(byte)
                }
                index += 1
            }
            guard peek == terminator else { return nil }
            parts.append(String(decoding: current, as: UTF8.self).trimmingSpaces())
            return parts.joined(separator: ".")
        }

        mutating func value() -> TOMLSubsetValue? {
            guard let byte = peek else { return nil }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                return string(quote: byte)
            case UInt8(ascii: "["):
                index += 1
                var items: [TOMLSubsetValue] = []
                while true {
                    guard skipBlankAndComments() else { return nil }
                    if peek == UInt8(ascii: "]") { index += 1; return .array(items) }
                    if peek == UInt8(ascii: ",") { index += 1; continue }
                    guard let item = value() else { return nil }
                    items.append(item)
                }
            case UInt8(ascii: "{"):
                let start = index
                var depth = 0
                while let current = peek {
                    if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") { _ = string(quote: current); continue }
                    if current == UInt8(ascii: "{") { depth += 1 }
                    if current == UInt8(ascii: "}") { depth -= 1; if depth == 0 { index += 1; break } }
                    index += 1
                }
                return .other(String(decoding: bytes[start..<index], as: UTF8.self))
            default:
                let start = index
                while let current = peek, ![0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "#")].contains(current) {
                    index += 1
                }
                return .other(String(decoding: bytes[start..<index], as: UTF8.self).trimmingSpaces())
            }
        }

        mutating func string(quote: UInt8) -> TOMLSubsetValue? {
            let literal = quote == UInt8(ascii: "'")
            let multiline = peek(1) == quote && peek(2) == quote
            index += multiline ? 3 : 1
            if multiline, peek == 0x0A { index += 1 } else if multiline, peek == 0x0D, peek(1) == 0x0A { index += 2 }
            var out: [UInt8] = []
            while let byte = peek {
                if byte == quote && (!multiline || (peek(1) == quote && peek(2) == quote)) {
                    index += multiline ? 3 : 1
                    // Up to two more quotes may close a multi-line string ("""a"""" is `a"`).
                    while multiline, peek == quote { out.append(quote); index += 1 }
                    return .string(String(decoding: out, as: UTF8.self))
                }
                if byte == 0x0A && !multiline { return nil }
                if byte == UInt8(ascii: "\\") && !literal, let next = peek(1) {
                    index += 2
                    switch next {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(next)
                    case 0x0A, 0x20, 0x09, 0x0D:
                        // A line-ending backslash in a multi-line string trims the whitespace that follows.
                        while let space = peek, [0x0A, 0x20, 0x09, 0x0D].contains(space) { index += 1 }
                    default: out += [UInt8(ascii: "\\"), next]
                    }
                    continue
                }
                out.append(byte)
                index += 1
            }
            return nil
        }
    }
}
