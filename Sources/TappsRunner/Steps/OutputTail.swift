import TappsSystem

/// Reads what a step printed, keeping the end when there is too much (the end holds the summary and the error).
enum OutputTail {
    /// The last `limit` bytes of the file at `path` as text, starting at a line boundary when one is near, with a
    /// first line saying how much was left out. "" when the file cannot be read.
    static func read(_ path: String, limit: Int) -> String {
        guard let descriptor = try? Descriptor.open(path, .readOnly) else { return "" }
        defer { descriptor.closeQuietly() }
        guard let info = try? descriptor.status() else { return "" }
        let size = Int(info.size)
        let start = max(0, size - limit)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                try? descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: Int64(start + filled))
            }
            guard let count, count > 0 else { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return text(bytes, omitted: start)
    }

    /// `bytes` as text; when `omitted` bytes came before them, drops the partial first line and says so.
    static func text(_ bytes: [UInt8], omitted: Int) -> String {
        guard omitted > 0 else { return String(decoding: bytes, as: UTF8.self) }
        var dropped = 0
        if let newline = bytes.prefix(4096).firstIndex(of: UInt8(ascii: "\n")) { dropped = newline + 1 }
        let kept = bytes[dropped...]
        return "[… \(omitted + dropped) earlier bytes of output omitted …]\n" + String(decoding: kept, as: UTF8.self)
    }
}
