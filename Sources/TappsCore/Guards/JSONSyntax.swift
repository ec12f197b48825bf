/// A JSON syntax check (RFC 8259) that builds nothing: the first error's offset and a message.
///
/// With `lenient`, `//` and `/* */` comments and trailing commas are accepted: the JSON-with-comments
/// dialect of `tsconfig.json`, VS Code's settings and dev containers.
struct JSONSyntax {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    private let bytes: [UInt8]
    private let lenient: Bool
    private var position = 0

    static func check(_ bytes: [UInt8], lenient: Bool) -> Failure? {
        var reader = JSONSyntax(bytes: bytes, lenient: lenient)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
        do throws(Failure) {
            try reader.skipSpace()
            try reader.value(depth: 0)
            try reader.skipSpace()
            guard reader.position == bytes.count else { throw reader.failure("unexpected text after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private init(bytes: [UInt8], lenient: Bool) {
        self.bytes = bytes
        self.lenient = lenient
    }

    private func failure(_ message: String) -> Failure { Failure(offset: position, message: message) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() throws(Failure) {
        while let byte = current {
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1; continue }
            guard lenient, byte == UInt8(ascii: "/"), position + 1 < bytes.count else { return }
            if bytes[position + 1] == UInt8(ascii: "/") {
                while let next = current, next != 0x0A { _ = next; position += 1 }
            } else if bytes[position + 1] == UInt8(ascii: "*") {
                let start = position
                position += 2
                while position + 1 < bytes.count, !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/")) {
                    position += 1
                }
                guard position + 1 < bytes.count else { position = start; throw failure("unterminated /* comment") }
                position += 2
            } else {
                return
            }
        }
    }

    private mutating func value(depth: Int) throws(Failure) {
        guard depth < 10_000 else { throw failure("nested too deeply") }
        guard let byte = current else { throw failure("unexpected end of file: expected a value") }
        switch byte {
        case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), depth: depth, keyed: true)
        case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), depth: depth, keyed: false)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw failure("unexpected character '\(Self.show(byte))': expected a value")
        }
    }

    private mutating func container(close: UInt8, depth: Int, keyed: Bool) throws(Failure) {
        position += 1
        try skipSpace()
        if current == close { position += 1; return }
        while true {
            if keyed {
                guard current == UInt8(ascii: "\"") else { throw failure("expected a key in double quotes") }
                try string()
                try skipSpace()
                guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the key") }
                position += 1
                try skipSpace()
            }
            try value(depth: depth + 1)
            try skipSpace()
            if current == close { position += 1; return }
            guard current == UInt8(ascii: ",") else {
                guard current != nil else { throw failure("unexpected end of file: expected ',' or '\(Self.show(close))'") }
                throw failure("expected ',' or '\(Self.show(close))'")
            }
            position += 1
            try skipSpace()
            if current == close {
                guard lenient else { throw failure("trailing comma before '\(Self.show(close))'") }
                position += 1
                return
            }
        }
    }

    private mutating func string() throws(Failure) {
        let start = position
        position += 1
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return
            case UInt8(ascii: "\\"):
                position += 1
                guard let escaped = current else { break }
                if escaped == UInt8(ascii: "u") {
                    for offset in 1...4 {
                        guard position + offset < bytes.count, Self.isHex(bytes[position + offset]) else {
                            throw failure("bad \\u escape: four hex digits expected")
                        }
                    }
                    position += 5
                } else if "\"\\/bfnrt".utf8.contains(escaped) {
                    position += 1
                } else {
                    throw failure("bad escape '\\\(Self.show(escaped))'")
                }
            case 0..<0x20:
                throw failure(byte == 0x0A ? "unterminated string (a newline inside a string)" : "control character in a string")
            default:
                position += 1
            }
        }
        position = start
        throw failure("unterminated string")
    }

    private mutating func literal(_ word: String) throws(Failure) {
        let start = position
        for expected in word.utf8 {
            guard current == expected else { throw Failure(offset: start, message: "invalid literal: expected '\(word)'") }
            position += 1
        }
    }

    private mutating func number() throws(Failure) {
        if current == UInt8(ascii: "-") { position += 1 }
        guard let first = current, Self.isDigit(first) else { throw failure("invalid number") }
        position += 1
        if first != UInt8(ascii: "0") { while let byte = current, Self.isDigit(byte) { position += 1 } }
        else if let byte = current, Self.isDigit(byte) { throw failure("invalid number: leading zero") }
        if current == UInt8(ascii: ".") {
            position += 1
            guard let byte = current, Self.isDigit(byte) else { throw failure("invalid number: digits expected after '.'") }
            while let byte = current, Self.isDigit(byte) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard let byte = current, Self.isDigit(byte) else { throw failure("invalid number: exponent digits expected") }
            while let byte = current, Self.isDigit(byte) { position += 1 }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
    private static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }
}
