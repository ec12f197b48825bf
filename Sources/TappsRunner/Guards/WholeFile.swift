import TappsSystem

/// A whole file in one `read` of the size `fstat` gives, into an array of exactly that size: the guard-result
/// cache is read on every commit and is about 1 MB when full, where reading in chunks into a growing array
/// cost about twice the memory and its page faults.
enum WholeFile {
    /// The file's bytes, or nil when it cannot be read. A file that changes size meanwhile yields what one pass read
    /// (the cache files are replaced by `rename` or only appended to, and their checksums judge what was read).
    static func read(_ path: String) -> [UInt8]? {
        guard let descriptor = try? Descriptor.open(path, .readOnly) else { return nil }
        defer { descriptor.closeQuietly() }
        guard let status = try? descriptor.status(), status.size >= 0, status.size < Int64(Int32.max) else { return nil }
        let size = Int(status.size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                guard let count = try? descriptor.read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[done...]))) else {
                    failed = true
                    break
                }
                if count == 0 { break }
                done += count
            }
            initialized = done
        }
        return failed ? nil : bytes
    }
}
