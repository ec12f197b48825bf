/// A path inside a repository, kept as the raw bytes git stores (any bytes but NUL), so that
/// non-UTF-8 names survive every round trip.
public struct RepoPath: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The raw bytes, `/`-separated, relative to the repository root.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    /// The path as text; invalid UTF-8 is shown with U+FFFD (use ``quoted`` to show it exactly).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The path as git prints it with `core.quotePath=false`: plain when it is ordinary text,
    /// otherwise in double quotes with C escapes and octal for bytes that are not valid UTF-8.
    public var quoted: String { GitQuoting.quote(bytes) }

    /// The last component.
    public var fileName: String { String(decoding: bytes[nameRange], as: UTF8.self) }

    /// Where the last component lies in ``bytes`` (trailing slashes left out).
    private var nameRange: Range<Int> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
        return start..<end
    }

    /// The lowercased extension without the dot ("" when none; a leading-dot name has none).
    public var fileExtension: String {
        // Every path of a big change asks this (planning, notes): an ASCII name is judged on its bytes.
        let range = nameRange
        if bytes[range].allSatisfy({ $0 < 0x80 }) {
            guard let dot = bytes[range].lastIndex(of: UInt8(ascii: ".")), dot != range.lowerBound else { return "" }
            return String(decoding: bytes[(dot + 1)..<range.upperBound].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 },
                          as: UTF8.self)
        }
        let name = fileName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Hashes the bytes in one call (an array's own hashing feeds the hasher one element at a time).
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public static func == (lhs: RepoPath, rhs: RepoPath) -> Bool { lhs.bytes == rhs.bytes }

    /// The directory components (everything before the file name), as text.
    public var directories: [String] {
        let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
        return parts.dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The parent directory as text ("" at the root).
    public var directory: String { directories.joined(separator: "/") }

    public static func < (lhs: RepoPath, rhs: RepoPath) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    public var description: String { quoted }
}

/// git's path quoting (`quote_c_style`).
enum GitQuoting {
    static func quote(_ bytes: [UInt8]) -> String {
        let needsQuoting = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c || $0 == 0x7f }
            || String(validating: bytes, as: UTF8.self) == nil
        guard needsQuoting else { return String(decoding: bytes, as: UTF8.self) }
        var out = "\""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x80, let (scalarText, length) = validScalar(in: bytes, at: index) {
                out += scalarText
                index += length
                continue
            }
            switch byte {
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0a: out += "\\n"
            case 0x0b: out += "\\v"
            case 0x0c: out += "\\f"
            case 0x0d: out += "\\r"
            case 0x22: out += "\\\""
            case 0x5c: out += "\\\\"
            case ..<0x20, 0x7f...:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            default: out.unicodeScalars.append(Unicode.Scalar(byte))
            }
            index += 1
        }
        return out + "\""
    }

    /// The UTF-8 scalar starting at `index`, if the bytes there form a valid one.
    static func validScalar(in bytes: [UInt8], at index: Int) -> (String, Int)? {
        let lead = bytes[index]
        let length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0
        guard length > 0, index + length <= bytes.count else { return nil }
        guard let text = String(validating: bytes[index..<index + length], as: UTF8.self) else { return nil }
        return (text, length)
    }
}
