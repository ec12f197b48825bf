#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's byte comparisons and searches, for the fast paths that work on mapped index
/// files and libgit2's buffers (they compile to the bare `memcmp`/`memchr`/`strlen`).
public enum RawMemory {
    /// `memcmp`: negative, zero or positive as the first `count` bytes at `left` order before,
    /// equal to or after those at `right`.
    @inlinable @inline(__always)
    public static func compare(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Int32 {
        memcmp(left, right, count)
    }

    /// `memchr`: the first `byte` in the `count` bytes at `start`, or nil.
    @inlinable @inline(__always)
    public static func first(_ byte: UInt8, in start: UnsafeRawPointer, count: Int) -> UnsafeRawPointer? {
        memchr(start, Int32(byte), count).map { UnsafeRawPointer($0) }
    }

    /// `strlen`: the bytes before a C string's terminating NUL.
    @inlinable @inline(__always)
    public static func cStringLength(_ string: UnsafePointer<CChar>) -> Int { strlen(string) }
}
