import TappsSystem

/// Splits file arguments so that each invocation stays below the system's argument-size limit.
enum ArgumentChunker {
    /// Bytes available for the argument list: `ARG_MAX` minus the environment and some slack, capped at 128 KiB
    /// (what pre-commit uses; it leaves room for whatever the step adds when it re-executes itself).
    static func limit(environment: [String: String]) -> Int {
        let argMax = SystemLimits.argumentBytes
        let environmentSize = environment.reduce(0) { $0 + cost($1.key.utf8.count + 1 + $1.value.utf8.count) }
        let available = (argMax > 0 ? argMax : 1 << 17) - 2048 - environmentSize
        return max(4096, min(available, 1 << 17))
    }

    /// The files in groups whose arguments, together with `fixed`, fit in `limit` bytes. A file too long to fit
    /// with anything else gets a group of its own. No files: one empty group (the command still runs once).
    static func chunks(fixed: [[UInt8]], files: [[UInt8]], limit: Int) -> [[[UInt8]]] {
        guard !files.isEmpty else { return [[]] }
        let base = fixed.reduce(0) { $0 + cost($1.count) }
        var chunks: [[[UInt8]]] = []
        var current: [[UInt8]] = []
        var size = base
        for file in files {
            let fileCost = cost(file.count)
            if !current.isEmpty && size + fileCost > limit {
                chunks.append(current)
                current = []
                size = base
            }
            current.append(file)
            size += fileCost
        }
        chunks.append(current)
        return chunks
    }

    /// An argument's bytes, its terminating NUL and its pointer in argv.
    static func cost(_ length: Int) -> Int { length + 1 + MemoryLayout<UnsafeRawPointer>.size }
}
