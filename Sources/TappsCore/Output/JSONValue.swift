/// A JSON document with ordered keys, written by hand so that output is stable and so that
/// non-UTF-8 path bytes survive: they are written as lone surrogates `\udc80`–`\udcff`
/// (Python's `surrogateescape`), so `os.fsencode(json.loads(...)["path"])` gives the bytes back.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// Raw bytes, written as a string (invalid UTF-8 bytes as `\udcXX`).
    case bytes([UInt8])
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    /// The path, losslessly.
    public static func path(_ path: RepoPath) -> JSONValue { .bytes(path.bytes) }

    /// Serialises; `pretty` indents by two spaces.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil)
        return out
    }

    private func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .double(let value):
            if value.isFinite {
                out += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
            } else {
                out += "null"
            }
        case .string(let value): JSONValue.writeString(Array(value.utf8), into: &out)
        case .bytes(let value): JSONValue.writeString(value, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                item.write(into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (offset, pair) in pairs.enumerated() {
                if offset > 0 { out += "," }
                newline(&out, indent.map { $0 + 1 })
                JSONValue.writeString(Array(pair.0.utf8), into: &out)
                out += indent == nil ? ":" : ": "
                pair.1.write(into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: Int?) {
        guard let indent else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    private static func writeString(_ bytes: [UInt8], into out: inout String) {
        out += "\""
        var index = 0
        // Bytes that need no escape are appended a run at a time (a scalar at a time is slow).
        var runStart = 0
        func appendRun() {
            if runStart < index { out += String(decoding: bytes[runStart..<index], as: UTF8.self) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20, byte < 0x7f, byte != 0x22, byte != 0x5c {
                index += 1
                continue
            }
            appendRun()
            defer { runStart = index }
            if byte >= 0x80 {
                if let (text, length) = GitQuoting.validScalar(in: bytes, at: index) {
                    out += text
                    index += length
                } else {
                    out += "\\udc" + hex2(byte)
                    index += 1
                }
                continue
            }
            switch byte {
            case 0x22: out += "\\\""
            case 0x5c: out += "\\\\"
            case 0x0a: out += "\\n"
            case 0x0d: out += "\\r"
            case 0x09: out += "\\t"
            case ..<0x20, 0x7f: out += "\\u00" + hex2(byte)
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        appendRun()
        out += "\""
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
    }
}
