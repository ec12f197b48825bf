/// The guard-result cache's journal: what runs learnt since the sorted file (``GuardResultFile``) was last
/// written, appended one run at a time, so that a commit of a few new blobs writes a few hundred bytes instead
/// of rewriting the whole cache.
///
/// Each run appends one record: its length (u32, little-endian) followed by a complete ``GuardResultFile`` of
/// the entries it learnt (which carries its own magic, format version and checksum). Reading stops at the first
/// record that is truncated or does not validate: a torn or interleaved append loses what follows it, never
/// yields a wrong entry.
public enum GuardResultJournal {
    /// The record holding `entries`.
    public static func record(_ entries: [GuardResultFile.Entry], generation: UInt32) -> [UInt8] {
        let file = GuardResultFile.encode(entries, generation: generation)
        var record: [UInt8] = []
        record.reserveCapacity(4 + file.count)
        withUnsafeBytes(of: UInt32(file.count).littleEndian) { record.append(contentsOf: $0) }
        return record + file
    }

    /// The entries of every intact record, in the order they were appended, and how many bytes those records take.
    public static func entries(_ bytes: [UInt8]) -> (entries: [GuardResultFile.Entry], validBytes: Int) {
        var entries: [GuardResultFile.Entry] = []
        var offset = 0
        while offset + 4 <= bytes.count {
            let length = Int(GuardResultFile.u32(bytes, offset))
            guard length <= bytes.count - offset - 4,
                  let file = GuardResultFile(bytes: Array(bytes[offset + 4..<offset + 4 + length])) else { break }
            let found = file.entries()
            guard found.count == file.count else { break }
            entries += found
            offset += 4 + length
        }
        return (entries, offset)
    }
}
