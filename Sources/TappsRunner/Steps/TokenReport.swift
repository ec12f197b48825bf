/// Reads the number a step wrote to `$TAPPS_TOKEN_REPORT`.
enum TokenReport {
    /// The non-negative integer in the file (surrounding whitespace allowed), or nil when the step wrote none.
    static func read(_ path: String) -> Int? {
        guard let bytes = FileBytes.read(path) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
        guard let value = Int(text), value >= 0 else { return nil }
        return value
    }
}

private extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
