/// Private key material: a PEM, OpenSSH, PGP or PuTTY private key header followed by key data.
///
/// The header must be followed (on the next lines, or after a `\n` escape inside a string, as in a
/// cloud service-account JSON file) by base64 key data or PEM headers (`Proc-Type:`), so code that
/// merely names the header — a detector, a test of one — is not reported. Public keys
/// (`BEGIN PUBLIC KEY`, `BEGIN RSA PUBLIC KEY`, `ssh-rsa AAAA…`) and certificates are not private keys.
public enum PrivateKeys {
    /// The private key headers looked for (after `-----BEGIN `, before `-----`).
    static let pemKinds: [String] = [
        "RSA PRIVATE KEY", "DSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK", "SSH2 ENCRYPTED PRIVATE KEY",
    ]
    private static let marker = Array("PRIVATE KEY".utf8)
    private static let putty = Array("PuTTY-User-Key-File-".utf8)
    private static let begin = Array("-----BEGIN ".utf8)

    public static func scan(_ bytes: [UInt8], file: RepoPath) -> [Finding] {
        guard !TextLines.isBinary(bytes) else { return [] }
        let all = bytes[...]
        var findings: [Finding] = []
        var from = all.startIndex
        while let hit = TextLines.find(marker, in: all, from: from) {
            from = hit + marker.count
            guard let kind = pemHeader(around: hit, in: bytes), hasKeyData(after: kind.end, in: bytes) else { continue }
            let position = TextLines.position(of: kind.start, in: bytes)
            findings.append(Finding(file: file, line: position.line, column: position.column, severity: "error",
                                    code: "private-key", message: "private key (\(kind.name)): never commit key material"))
        }
        if let hit = TextLines.find(putty, in: all), hasKeyData(afterLineOf: hit, in: bytes) {
            let position = TextLines.position(of: hit, in: bytes)
            findings.append(Finding(file: file, line: position.line, column: position.column, severity: "error",
                                    code: "private-key", message: "private key (PuTTY key file): never commit key material"))
        }
        return findings
    }

    /// The `-----BEGIN <kind>-----` header that contains the `PRIVATE KEY` at `hit`.
    private static func pemHeader(around hit: Int, in bytes: [UInt8]) -> (start: Int, end: Int, name: String)? {
        let lineStart = max(0, hit - 40)
        guard let start = TextLines.find(begin, in: bytes[lineStart..<hit]) else { return nil }
        let nameStart = start + begin.count
        var end = nameStart
        while end < bytes.count && end < nameStart + 40 && bytes[end] != UInt8(ascii: "-") && bytes[end] != 0x0A { end += 1 }
        let name = String(decoding: bytes[nameStart..<end], as: UTF8.self)
        guard pemKinds.contains(name), end + 5 <= bytes.count,
              bytes[end..<end + 5].allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
        return (start, end + 5, name)
    }

    /// Whether base64 key data or a PEM header follows `offset`: line breaks, `\n` escapes, spaces and quotes
    /// are skipped first.
    static func hasKeyData(after offset: Int, in bytes: [UInt8]) -> Bool {
        var index = offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "+") {
                index += 1
            } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count,
                      bytes[index + 1] == UInt8(ascii: "n") || bytes[index + 1] == UInt8(ascii: "r") {
                index += 2
            } else {
                break
            }
        }
        // "Proc-Type: 4,ENCRYPTED" and "Comment: …" headers of encrypted or annotated keys.
        for header in ["Proc-Type:", "Comment:", "DEK-Info:"] where bytes[index...].starts(with: header.utf8) { return true }
        var run = 0
        while index < bytes.count, run < 24, isBase64(bytes[index]) {
            run += 1
            index += 1
        }
        return run >= 24
    }

    /// PuTTY files carry their data on the lines after the header line.
    private static func hasKeyData(afterLineOf offset: Int, in bytes: [UInt8]) -> Bool {
        guard let newline = bytes[offset...].firstIndex(of: 0x0A) else { return false }
        return TextLines.find(Array("Private-Lines:".utf8), in: bytes[newline...]) != nil
    }

    static func isBase64(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }
}
