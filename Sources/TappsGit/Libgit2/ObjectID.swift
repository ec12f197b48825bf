import CLibgit2

/// A git object id (SHA-1), stored by value.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    /// The raw 20 bytes.
    public let bytes: [UInt8]

    init(_ oid: git_oid) {
        var copy = oid
        bytes = withUnsafeBytes(of: &copy.id) { Array($0) }
    }

    /// From 20 raw bytes.
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// Hashes the raw bytes in one call (an array's own hashing feeds them one at a time).
    public func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }

    public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.bytes == rhs.bytes }

    /// Parses a 40-character hex id; nil if the text is not one.
    public init?(hex: String) {
        guard hex.utf8.count == 40 else { return nil }
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, hex, 40) == 0 else { return nil }
        self.init(oid)
    }

    /// The all-zero id libgit2 uses for "no object".
    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }

    /// The 40-character lowercase hex form.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(40)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    /// The value as libgit2's struct, for passing to C.
    var raw: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyBytes(from: bytes) }
        return oid
    }
}
