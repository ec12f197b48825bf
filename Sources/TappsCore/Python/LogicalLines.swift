/// One Python statement with its strings taken out: `code` holds a marker where each string literal was.
struct LogicalLine: Sendable {
    /// The statement's code on one line: comments dropped, continuation lines joined with a space,
    /// each string literal replaced by ``LogicalLines/literalMarker`` + its number + `\u{2}`.
    var code: String
    /// The contents of the string literals, in order (escapes left as written).
    var literals: [String]
    /// The 1-based line the statement starts on.
    var line: Int

    /// The literal whose marker starts `text`, if any.
    func literal(at text: Substring) -> String? {
        guard text.hasPrefix(LogicalLines.literalMarker) else { return nil }
        let digits = text.dropFirst().prefix { $0.isNumber }
        guard let index = Int(digits), literals.indices.contains(index) else { return nil }
        return literals[index]
    }
}

/// Splits Python source into statements the way the tokenizer would for the purpose of finding imports.
enum LogicalLines {
    static let literalMarker = "\u{1}"

    static func split(_ source: [UInt8]) -> [LogicalLine] {
        var lines: [LogicalLine] = []
        var code: [UInt8] = []
        var literals: [String] = []
        var depth = 0
        var line = 1
        var startLine = 1
        var index = 0
        let count = source.count

        func flush() {
            var start = 0, end = code.count
            while start < end, code[start] == 0x20 { start += 1 }
            while end > start, code[end - 1] == 0x20 { end -= 1 }
            if start < end {
                lines.append(LogicalLine(code: String(decoding: code[start..<end], as: UTF8.self), literals: literals,
                                         line: startLine))
            }
            code.removeAll(keepingCapacity: true)
            literals.removeAll()
            depth = 0
        }
        func appendCode(_ byte: UInt8) {
            if code.isEmpty || code.allSatisfy({ $0 == 0x20 }) { if byte != 0x20 { startLine = line } }
            code.append(byte)
        }

        while index < count {
            let byte = source[index]
            switch byte {
            case UInt8(ascii: "#"):
                while index < count, source[index] != 0x0A { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let triple = index + 2 < count && source[index + 1] == byte && source[index + 2] == byte
                let quoteLength = triple ? 3 : 1
                var cursor = index + quoteLength
                let contentStart = cursor
                var contentEnd = count
                while cursor < count {
                    let current = source[cursor]
                    if current == UInt8(ascii: "\\") { cursor += 2; continue }
                    if current == 0x0A {
                        line += 1
                        if !triple { contentEnd = cursor; break }  // an unterminated string ends at the line
                    }
                    if current == byte && (!triple || (cursor + 2 < count && source[cursor + 1] == byte && source[cursor + 2] == byte)) {
                        contentEnd = cursor
                        cursor += quoteLength
                        break
                    }
                    cursor += 1
                }
                if contentEnd == count { contentEnd = min(cursor, count) }
                appendCode(0x01)
                code += Array(String(literals.count).utf8) + [0x02]
                literals.append(String(decoding: source[contentStart..<min(max(contentStart, contentEnd), count)], as: UTF8.self))
                index = min(cursor, count)
                continue
            case UInt8(ascii: "\\") where index + 1 < count && (source[index + 1] == 0x0A || source[index + 1] == 0x0D):
                index += source[index + 1] == 0x0D && index + 2 < count && source[index + 2] == 0x0A ? 3 : 2
                line += 1
                code.append(0x20)
                continue
            case 0x0A:
                line += 1
                if depth > 0 { code.append(0x20) } else { flush() }
            case 0x0D, 0x09, 0x0C:
                code.append(0x20)
            case UInt8(ascii: ";") where depth == 0:
                flush()
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                appendCode(byte)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                appendCode(byte)
            default:
                appendCode(byte)
            }
            index += 1
        }
        flush()
        return lines
    }
}
