#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line-by-line views of file content as raw bytes, for the native guards.
public enum TextLines {
    /// git's binary heuristic (`buffer_is_binary`): a NUL byte in the first 8,000 bytes.
    public static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, min(raw.count, 8000)) != nil } ?? false }
    }

    /// Calls `body` with each line's 1-based number and its bytes (without the line ending: `\n`, and a `\r`
    /// before it). Stops early when `body` returns false.
    public static func forEach(_ bytes: [UInt8], _ body: (Int, ArraySlice<UInt8>) -> Bool) {
        var start = 0, number = 1
        let count = bytes.count
        while start < count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            if !body(number, bytes[start..<stop]) { return }
            start = end + 1
            number += 1
        }
    }

    /// The 1-based line and column (in bytes) of `offset` in `bytes`.
    public static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The first position of `needle` in `haystack` at or after `from`, or nil. (Candidates by libc's `memchr`:
    /// the guards search every staged blob for a few literals.)
    public static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from: Int? = nil) -> Int? {
        guard let first = needle.first else { return from ?? haystack.startIndex }
        let start = max(from ?? haystack.startIndex, haystack.startIndex)
        guard start <= haystack.endIndex - needle.count else { return nil }
        return haystack[start...].withUnsafeBytes { hay -> Int? in
            needle.withUnsafeBytes { pin -> Int? in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                var offset = 0
                let last = hay.count - pin.count
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return nil }
                    let at = UnsafeRawPointer(hit) - base
                    if memcmp(base + at, pinBase, pin.count) == 0 { return start + at }
                    offset = at + 1
                }
                return nil
            }
        }
    }
}
