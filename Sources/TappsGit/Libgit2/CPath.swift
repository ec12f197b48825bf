/// Calls `body` with `bytes` as a NUL-terminated C string; git paths never contain NUL.
func withCString<R, E: Error>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) throws(E) -> R) throws(E) -> R {
    var terminated = bytes
    terminated.append(0)
    let result: Result<R, E> = terminated.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
            do throws(E) { return .success(try body(pointer)) } catch { return .failure(error) }
        }
    }
    return try result.get()
}

/// The bytes of a C string, without the terminating NUL and without any re-encoding.
func bytes(of cString: UnsafePointer<CChar>) -> [UInt8] {
    let length = strlen(cString)
    return cString.withMemoryRebound(to: UInt8.self, capacity: length) {
        Array(UnsafeBufferPointer(start: $0, count: length))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
