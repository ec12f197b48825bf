#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@_exported import struct SystemPackage.Errno


// The one place where system calls are made and their -1/errno convention is turned into a thrown
// `Errno`. Everything here is `@inlinable` so that the fast paths (one `fstatat` per tracked file)
// compile to the bare call: no Foundation, no allocation, no existential.

extension Errno {
    /// The calling thread's `errno`, read right after the failing call.
    @inlinable public static var last: Errno { Errno(rawValue: errno) }
}

/// Runs `call` until it does not fail with `EINTR` (unless `retryingInterrupts` is false); a result of
/// -1 becomes the thread's `errno`, thrown.
@inlinable @inline(__always)
func valueOrErrno<I: FixedWidthInteger>(
    retryingInterrupts: Bool = true, _ call: () -> I
) throws(Errno) -> I {
    while true {
        let result = call()
        if result != -1 { return result }
        let error = Errno.last
        if retryingInterrupts, error == .interrupted { continue }
        throw error
    }
}

/// Like ``valueOrErrno(retryingInterrupts:_:)`` for calls that return 0 or -1.
@inlinable @inline(__always)
func nothingOrErrno(retryingInterrupts: Bool = true, _ call: () -> CInt) throws(Errno) {
    _ = try valueOrErrno(retryingInterrupts: retryingInterrupts, call)
}
