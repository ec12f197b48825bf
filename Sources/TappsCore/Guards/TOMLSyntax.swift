/// A TOML syntax check (TOML 1.0, with 1.1's relaxed inline tables and escapes accepted so that newer
/// files are not reported): every expression, value and escape, plus the rules that make a document
/// invalid though each line reads well — a key defined twice, a table defined twice, a dotted key or
/// a header that reopens a table, an array of tables that is not one.
///
/// Hand-written rather than a TOML library: see docs/guides/performance-optimization.md (TOMLKit
/// wraps a C++ parser whose start-up and build cost a commit hook should not pay; this validator builds
/// no values).
struct TOMLSyntax {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    /// A table of the document being checked, to find redefinitions.
    private final class Table {
        enum Origin { case implicit, header, dotted, inline }
        var origin: Origin
        var children = Children()
        init(_ origin: Origin) { self.origin = origin }
    }

    /// A table's keys, hashed in one call over their bytes (an array of bytes hashes byte by byte).
    private struct Children {
        private struct Key: Hashable {
            var bytes: [UInt8]
            func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        }
        private var nodes: [Key: Node] = [:]

        subscript(key: [UInt8]) -> Node? {
            get { nodes[Key(bytes: key)] }
            set { nodes[Key(bytes: key)] = newValue }
        }
    }

    private enum Node {
        case value
        case table(Table)
        /// `[[name]]`; the last element receives what follows.
        case tables([Table])
    }

    private let bytes: [UInt8]
    private var position = 0
    private let root = Table(.header)

    static func check(_ bytes: [UInt8]) -> Failure? {
        var reader = TOMLSyntax(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        do throws(Failure) {
            try reader.document()
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String, at offset: Int? = nil) -> Failure {
        Failure(offset: offset ?? position, message: message)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }
    private func peek(_ offset: Int) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }

    // MARK: - Document

    private mutating func document() throws(Failure) {
        var table = root
        while position < bytes.count {
            skipBlank()
            guard let byte = current else { return }
            if byte == 0x0A || (byte == 0x0D && peek(1) == 0x0A) || byte == UInt8(ascii: "#") {
                try endOfLine()
                continue
            }
            if byte == UInt8(ascii: "[") {
                table = try header()
            } else {
                try keyValue(into: table)
            }
            try endOfLine()
        }
    }

    /// Optional blanks and comment, then a newline or the end.
    private mutating func endOfLine() throws(Failure) {
        skipBlank()
        if current == UInt8(ascii: "#") {
            while let byte = current, byte != 0x0A {
                if (byte < 0x20 && byte != 0x09 && !(byte == 0x0D && peek(1) == 0x0A)) || byte == 0x7F {
                    throw failure("control character in a comment")
                }
                position += 1
            }
        }
        guard let byte = current else { return }
        if byte == 0x0A { position += 1; return }
        if byte == 0x0D && peek(1) == 0x0A { position += 2; return }
        throw failure("expected the end of the line, found '\(Self.show(byte))'")
    }

    private mutating func skipBlank() {
        while let byte = current, byte == 0x20 || byte == 0x09 { position += 1 }
    }

    /// Blanks, newlines and comments (inside arrays).
    private mutating func skipSpaceAndComments() throws(Failure) {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A { position += 1 }
            else if byte == 0x0D && peek(1) == 0x0A { position += 2 }
            else if byte == UInt8(ascii: "#") { try endOfLine() }
            else { return }
        }
    }

    // MARK: - Tables

    private mutating func header() throws(Failure) -> Table {
        let start = position
        let isArray = peek(1) == UInt8(ascii: "[")
        position += isArray ? 2 : 1
        skipBlank()
        let keys = try dottedKey()
        skipBlank()
        guard current == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
            throw failure(isArray ? "expected ']]' to close the array-of-tables header" : "expected ']' to close the table header")
        }
        position += isArray ? 2 : 1
        var table = root
        for key in keys.dropLast() {
            switch table.children[key] {
            case nil:
                let child = Table(.implicit)
                table.children[key] = .table(child)
                table = child
            case .table(let child):
                guard child.origin != .inline else { throw failure("cannot extend the inline table '\(Self.name(key))'", at: start) }
                table = child
            case .tables(let list):
                table = list[list.count - 1]
            case .value:
                throw failure("'\(Self.name(key))' is a value, not a table", at: start)
            }
        }
        let last = keys[keys.count - 1]
        if isArray {
            switch table.children[last] {
            case nil:
                let child = Table(.header)
                table.children[last] = .tables([child])
                return child
            case .tables(var list):
                let child = Table(.header)
                list.append(child)
                table.children[last] = .tables(list)
                return child
            default:
                throw failure("'\(Self.name(last))' is already defined, not as an array of tables", at: start)
            }
        }
        switch table.children[last] {
        case nil:
            let child = Table(.header)
            table.children[last] = .table(child)
            return child
        case .table(let child) where child.origin == .implicit:
            child.origin = .header
            return child
        default:
            throw failure("table '\(keys.map(Self.name).joined(separator: "."))' is defined twice", at: start)
        }
    }

    private mutating func keyValue(into table: Table) throws(Failure) {
        let start = position
        let keys = try dottedKey()
        skipBlank()
        guard current == UInt8(ascii: "=") else { throw failure("expected '=' after the key") }
        position += 1
        skipBlank()
        try value(depth: 0)
        var target = table
        for key in keys.dropLast() {
            switch target.children[key] {
            case nil:
                let child = Table(.dotted)
                target.children[key] = .table(child)
                target = child
            case .table(let child) where child.origin == .dotted || (child.origin == .implicit && table.origin == .inline):
                target = child
            default:
                throw failure("'\(Self.name(key))' is already defined and cannot be extended by a dotted key", at: start)
            }
        }
        let last = keys[keys.count - 1]
        guard target.children[last] == nil else {
            throw failure("key '\(keys.map(Self.name).joined(separator: "."))' is defined twice", at: start)
        }
        target.children[last] = pendingInline.map { .table($0) } ?? .value
        pendingInline = nil
    }

    /// The inline table the last value was, so that later headers cannot extend it.
    private var pendingInline: Table?

    private mutating func dottedKey() throws(Failure) -> [[UInt8]] {
        var keys: [[UInt8]] = [try simpleKey()]
        while true {
            let save = position
            skipBlank()
            guard current == UInt8(ascii: ".") else { position = save; return keys }
            position += 1
            skipBlank()
            keys.append(try simpleKey())
        }
    }

    private mutating func simpleKey() throws(Failure) -> [UInt8] {
        guard let byte = current else { throw failure("expected a key") }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            let start = position
            try string(allowMultiline: false)
            return Array(bytes[(start + 1)..<(position - 1)])
        }
        let start = position
        while let next = current, Self.isBareKey(next) { position += 1 }
        guard position > start else { throw failure("expected a key, found '\(Self.show(byte))'") }
        return Array(bytes[start..<position])
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < 500 else { throw failure("nested too deeply") }
        guard let byte = current else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): try string(allowMultiline: true)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "{"): try inlineTable(depth: depth)
        default: try scalar()
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        position += 1
        while true {
            try skipSpaceAndComments()
            guard let byte = current else { throw failure("unterminated array: expected ']'") }
            if byte == UInt8(ascii: "]") { position += 1; return }
            try value(depth: depth + 1)
            pendingInline = nil
            try skipSpaceAndComments()
            if current == UInt8(ascii: ",") { position += 1; continue }
            guard current == UInt8(ascii: "]") else { throw failure("expected ',' or ']' in the array") }
            position += 1
            return
        }
    }

    private mutating func inlineTable(depth: Int) throws(Failure) {
        position += 1
        let table = Table(.inline)
        try skipSpaceAndComments()
        if current == UInt8(ascii: "}") { position += 1; pendingInline = table; return }
        while true {
            try skipSpaceAndComments()
            if current == UInt8(ascii: "}") { position += 1; break }
            let saved = pendingInline
            pendingInline = nil
            try keyValue(into: table)
            pendingInline = saved
            try skipSpaceAndComments()
            if current == UInt8(ascii: ",") { position += 1; continue }
            guard current == UInt8(ascii: "}") else { throw failure("expected ',' or '}' in the inline table") }
            position += 1
            break
        }
        pendingInline = table
    }

    private mutating func string(allowMultiline: Bool) throws(Failure) {
        let start = position
        guard let quote = current else { return }
        let triple = peek(1) == quote && peek(2) == quote
        if triple {
            guard allowMultiline else { throw failure("a key cannot be a multi-line string") }
            position += 3
            while position < bytes.count {
                let byte = bytes[position]
                if byte == quote && peek(1) == quote && peek(2) == quote {
                    position += 3
                    // Up to two more quotes belong to the content.
                    if current == quote { position += 1 }
                    if current == quote { position += 1 }
                    return
                }
                if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                    if let next = peek(1), next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
                        // A line-ending backslash: blanks up to the newline, then everything blank.
                        var look = position + 1
                        while look < bytes.count, bytes[look] == 0x20 || bytes[look] == 0x09 { look += 1 }
                        guard look < bytes.count, bytes[look] == 0x0A || bytes[look] == 0x0D else {
                            throw failure("bad escape: '\\' followed by a space must end the line")
                        }
                        position = look
                        continue
                    }
                    try escape()
                    continue
                }
                if byte == 0x0A { position += 1; continue }
                if byte == 0x0D && peek(1) == 0x0A { position += 2; continue }
                try plainCharacter(byte)
            }
            throw failure("unterminated multi-line string", at: start)
        }
        position += 1
        while let byte = current {
            if byte == quote { position += 1; return }
            if byte == 0x0A || byte == 0x0D { throw failure("unterminated string (a newline inside a one-line string)", at: start) }
            if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") { try escape(); continue }
            try plainCharacter(byte)
        }
        throw failure("unterminated string", at: start)
    }

    private mutating func plainCharacter(_ byte: UInt8) throws(Failure) {
        if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw failure("control character in a string") }
        position += 1
    }

    private mutating func escape() throws(Failure) {
        guard let kind = peek(1) else { throw failure("unterminated escape") }
        let digits: Int
        switch kind {
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        case UInt8(ascii: "x"): digits = 2
        default:
            guard "btnfre\"\\".utf8.contains(kind) else { throw failure("bad escape '\\\(Self.show(kind))'") }
            position += 2
            return
        }
        for offset in 0..<digits {
            guard let digit = peek(2 + offset), Self.isHex(digit) else {
                throw failure("bad escape: \(digits) hex digits expected after '\\\(Self.show(kind))'")
            }
        }
        position += 2 + digits
    }

    private mutating func scalar() throws(Failure) {
        let start = position
        while let byte = current, Self.isScalarCharacter(byte) { position += 1 }
        // "1979-05-27 07:32:00": a date and a time separated by one space.
        if position - start == 10, current == 0x20, let next = peek(1), Self.isDigit(next), isDate(bytes[start..<position]) {
            position += 1
            while let byte = current, Self.isScalarCharacter(byte) { position += 1 }
        }
        let token = bytes[start..<position]
        guard !token.isEmpty else {
            throw failure(current.map { "unexpected character '\(Self.show($0))': expected a value" } ?? "expected a value")
        }
        if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || Self.isInteger(token)
            || Self.isFloat(token) || isDateTime(token) { return }
        throw failure("invalid value '\(String(decoding: token, as: UTF8.self))' (strings need quotes)", at: start)
    }

    // MARK: - Scalars

    private static func isOctal(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x37 }
    private static func isBinaryDigit(_ byte: UInt8) -> Bool { byte == 0x30 || byte == 0x31 }

    private static func isInteger(_ token: ArraySlice<UInt8>) -> Bool {
        if token.count >= 2, token.first == UInt8(ascii: "0") {
            let base = token[token.startIndex + 1]
            let digits = token.dropFirst(2)
            if base == UInt8(ascii: "x") { return digitsWithUnderscores(digits, isHex) }
            if base == UInt8(ascii: "o") { return digitsWithUnderscores(digits, isOctal) }
            if base == UInt8(ascii: "b") { return digitsWithUnderscores(digits, isBinaryDigit) }
        }
        var body = token
        if body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-") { body = body.dropFirst() }
        guard digitsWithUnderscores(body, isDigit) else { return false }
        return body.count == 1 || body.first != UInt8(ascii: "0")
    }

    private static func isFloat(_ token: ArraySlice<UInt8>) -> Bool {
        var body = token
        if body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-") { body = body.dropFirst() }
        if body.elementsEqual("inf".utf8) || body.elementsEqual("nan".utf8) { return true }
        var exponent: ArraySlice<UInt8>?
        if let e = body.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            var tail = body[(e + 1)...]
            if tail.first == UInt8(ascii: "+") || tail.first == UInt8(ascii: "-") { tail = tail.dropFirst() }
            exponent = tail
            body = body[..<e]
        }
        var fraction: ArraySlice<UInt8>?
        if let dot = body.firstIndex(of: UInt8(ascii: ".")) {
            fraction = body[(dot + 1)...]
            body = body[..<dot]
        }
        guard fraction != nil || exponent != nil else { return false }
        guard digitsWithUnderscores(body, isDigit), body.count == 1 || body.first != UInt8(ascii: "0") else { return false }
        if let fraction, !digitsWithUnderscores(fraction, isDigit) { return false }
        if let exponent, !digitsWithUnderscores(exponent, isDigit) { return false }
        return true
    }

    private func isDate(_ token: ArraySlice<UInt8>) -> Bool {
        let parts = Array(token)
        guard parts.count == 10, parts[4] == UInt8(ascii: "-"), parts[7] == UInt8(ascii: "-") else { return false }
        guard let month = Self.number(parts[5..<7]), let day = Self.number(parts[8..<10]), Self.number(parts[0..<4]) != nil else {
            return false
        }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private func isTime(_ token: ArraySlice<UInt8>) -> Bool {
        let parts = Array(token)
        guard parts.count >= 8, parts[2] == UInt8(ascii: ":"), parts[5] == UInt8(ascii: ":"),
              let hour = Self.number(parts[0..<2]), let minute = Self.number(parts[3..<5]),
              let second = Self.number(parts[6..<8]), hour < 24, minute < 60, second <= 60 else { return false }
        var rest = parts[8...]
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: Self.isDigit)
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
        }
        if rest.isEmpty || rest.elementsEqual("Z".utf8) || rest.elementsEqual("z".utf8) { return true }
        let offset = Array(rest)
        guard offset.count == 6, offset[0] == UInt8(ascii: "+") || offset[0] == UInt8(ascii: "-"), offset[3] == UInt8(ascii: ":"),
              let hours = Self.number(offset[1..<3]), let minutes = Self.number(offset[4..<6]) else { return false }
        return hours < 24 && minutes < 60
    }

    private func isDateTime(_ token: ArraySlice<UInt8>) -> Bool {
        if token.count >= 10, isDate(token.prefix(10)) {
            if token.count == 10 { return true }
            let separator = token[token.startIndex + 10]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20 else { return false }
            return isTime(token.dropFirst(11))
        }
        // A local time without seconds would be TOML 1.1; with them, 1.0.
        return isTime(token)
    }

    // MARK: - Characters

    private static func digitsWithUnderscores(_ body: ArraySlice<UInt8>, _ isDigit: (UInt8) -> Bool) -> Bool {
        guard let first = body.first, let last = body.last, isDigit(first), isDigit(last) else { return false }
        var previousUnderscore = false
        for byte in body {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else {
                guard isDigit(byte) else { return false }
                previousUnderscore = false
            }
        }
        return true
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isScalarCharacter(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "+")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    private static func name(_ key: [UInt8]) -> String { String(decoding: key, as: UTF8.self) }

    private static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }
}
