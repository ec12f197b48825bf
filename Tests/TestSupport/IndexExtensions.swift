/// Reading and crafting index files in tests: the extension signatures git wrote, and the
/// SHA-1 checksum an index file ends with (to write one git would accept but for its content).
public enum IndexExtensions {
    /// The extension signatures of an index file (versions 2–4), walked entry by entry.
    public static func signatures(in data: [UInt8]) throws -> [String] {
        func be32(_ at: Int) -> Int { Int(data[at]) << 24 | Int(data[at + 1]) << 16 | Int(data[at + 2]) << 8 | Int(data[at + 3]) }
        let version = be32(4), count = be32(8)
        var offset = 12
        for _ in 0..<count {
            let flags = Int(data[offset + 60]) << 8 | Int(data[offset + 61])
            var path = offset + 62 + (flags & 0x4000 != 0 ? 2 : 0)
            if version == 4 {
                while data[path] & 0x80 != 0 { path += 1 }
                path += 1
                guard let end = data[path...].firstIndex(of: 0) else { throw ScratchError.io("bad entry") }
                offset = end + 1
            } else {
                guard let end = data[path...].firstIndex(of: 0) else { throw ScratchError.io("bad entry") }
                offset += (end - offset + 8) & ~7
            }
        }
        var found: [String] = []
        while offset + 8 <= data.count - 20 {
            found.append(String(decoding: data[offset..<(offset + 4)], as: UTF8.self))
            offset += 8 + be32(offset + 4)
        }
        return found
    }

    /// SHA-1, as git's index checksum.
    public static func sha1(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var padded = message + [0x80]
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) * 8
        padded += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * $0)) }
        for chunk in stride(from: 0, to: padded.count, by: 64) {
            var w = (0..<16).map { i -> UInt32 in
                (0..<4).reduce(0) { $0 << 8 | UInt32(padded[chunk + i * 4 + $1]) }
            }
            for i in 16..<80 {
                let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                w.append(x << 1 | x >> 31)
            }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch i {
                case 0..<20: ((b & c) | (~b & d), 0x5A82_7999)
                case 20..<40: (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, temp)
            }
            h = [h[0] &+ a, h[1] &+ b, h[2] &+ c, h[3] &+ d, h[4] &+ e]
        }
        return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } }
    }
}
