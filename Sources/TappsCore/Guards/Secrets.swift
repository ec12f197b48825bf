#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line a change adds, with its 1-based number in the new file.
public struct AddedLine: Sendable, Hashable {
    public var number: Int
    public var bytes: [UInt8]

    public init(number: Int, bytes: [UInt8]) {
        self.number = number
        self.bytes = bytes
    }
}

/// High-signal credentials in added lines: cloud and service tokens by their documented formats, and
/// `password = "…"`-style assignments whose value looks random (Shannon entropy).
///
/// A line with the pragma `tapps: allow-secret` is not looked at; `isAllowed` is asked about every
/// match (the `builtins.secrets.allow` patterns). Findings never print the secret itself.
public enum Secrets {
    /// The inline pragma that exempts a line.
    public static let pragma = Array("tapps: allow-secret".utf8)
    /// Bits per character a generic assignment's value needs to count as a secret.
    public static let entropyThreshold = 3.0

    public static func scan(_ lines: [AddedLine], file: RepoPath, isAllowed: (String) -> Bool = { _ in false }) -> [Finding] {
        var findings: [Finding] = []
        for line in lines { scanLine(line.bytes[...], number: line.number, file: file, isAllowed: isAllowed, into: &findings) }
        return findings
    }

    /// Every line of `content` (a text blob), as if all of them were added. Each line is judged on its own, so
    /// the findings on a change's added lines are exactly these findings on those lines' numbers: a caller can
    /// scan the staged blob once and diff it against the old one only when something was found.
    public static func scan(content: [UInt8], file: RepoPath, isAllowed: (String) -> Bool = { _ in false }) -> [Finding] {
        var findings: [Finding] = []
        TextLines.forEach(content) { number, bytes in
            scanLine(bytes, number: number, file: file, isAllowed: isAllowed, into: &findings)
            return true
        }
        return findings
    }

    static func scanLine(_ bytes: ArraySlice<UInt8>, number: Int, file: RepoPath, isAllowed: (String) -> Bool,
                         into findings: inout [Finding]) {
        guard bytes.count >= 16 else { return }
        var found: [Match] = []
        TokenRule.matches(in: bytes, into: &found)
        if found.isEmpty { Assignments.matches(in: bytes, into: &found) }
        // The pragma is looked for only on a line that has something to exempt.
        guard !found.isEmpty, TextLines.find(pragma, in: bytes) == nil else { return }
        var reportedStarts: Set<Int> = []
        for match in found.sorted(by: { $0.start < $1.start }) where reportedStarts.insert(match.start).inserted {
            let secret = String(decoding: bytes[match.start..<match.end], as: UTF8.self)
            if isAllowed(secret) { continue }
            findings.append(Finding(
                file: file, line: number, column: match.start - bytes.startIndex + 1, severity: "error",
                code: "secret", message: "possible \(match.kind) (\(redacted(secret))): remove it and rotate it, or mark the line `tapps: allow-secret`"))
        }
    }

    /// A secret as it may be shown: its first four characters and its length.
    static func redacted(_ secret: String) -> String {
        "\(secret.prefix(4))…, \(secret.count) characters"
    }

    /// Shannon entropy of the bytes, in bits per byte.
    public static func entropy(_ bytes: ArraySlice<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var result = 0.0
        for count in counts where count > 0 {
            let share = Double(count) / total
            result -= share * log2(share)
        }
        return result
    }

    struct Match {
        var start: Int
        var end: Int
        var kind: String
    }
}

/// A token recognised by a literal prefix and the characters and length of what follows.
struct TokenRule: Sendable {
    var kind: String
    var prefixes: [[UInt8]]
    var body: @Sendable (UInt8) -> Bool
    var minimum: Int
    var maximum: Int

    static let all: [TokenRule] = [
        TokenRule(kind: "AWS access key id", prefixes: ["AKIA", "ASIA"], body: isBase32Upper, minimum: 16, maximum: 16),
        TokenRule(kind: "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], body: isAlphanumeric,
                  minimum: 36, maximum: 36),
        TokenRule(kind: "GitHub token", prefixes: ["github_pat_"], body: { isAlphanumeric($0) || $0 == UInt8(ascii: "_") },
                  minimum: 70, maximum: 100),
        TokenRule(kind: "GitLab token", prefixes: ["glpat-", "gldt-", "glrt-"], body: isTokenCharacter, minimum: 20, maximum: 60),
        TokenRule(kind: "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xapp-"],
                  body: isTokenCharacter, minimum: 20, maximum: 250),
        TokenRule(kind: "Slack webhook", prefixes: ["hooks.slack.com/services/"],
                  body: { isAlphanumeric($0) || $0 == UInt8(ascii: "/") }, minimum: 40, maximum: 120),
        TokenRule(kind: "Stripe live key", prefixes: ["sk_live_", "rk_live_"], body: isAlphanumeric, minimum: 20, maximum: 250),
        TokenRule(kind: "Google API key", prefixes: ["AIza"], body: isTokenCharacter, minimum: 35, maximum: 35),
        TokenRule(kind: "JSON Web Token", prefixes: ["eyJ"], body: { isTokenCharacter($0) || $0 == UInt8(ascii: ".") },
                  minimum: 40, maximum: 4096),
    ]

    init(kind: String, prefixes: [String], body: @escaping @Sendable (UInt8) -> Bool, minimum: Int, maximum: Int) {
        self.kind = kind
        self.prefixes = prefixes.map { Array($0.utf8) }
        self.body = body
        self.minimum = minimum
        self.maximum = maximum
    }

    /// For each first byte of a prefix, the rules and prefixes that start with it: one pass over a line finds
    /// every candidate, instead of one search per prefix.
    private static let byFirstByte: [[(rule: Int, prefix: [UInt8])]] = {
        var table = [[(rule: Int, prefix: [UInt8])]](repeating: [], count: 256)
        for (index, rule) in all.enumerated() {
            for prefix in rule.prefixes { if let first = prefix.first { table[Int(first)].append((index, prefix)) } }
        }
        return table
    }()

    /// Whether some prefix starts with the byte: most bytes of a line start none, and are passed without
    /// touching the table of candidates.
    private static let startsAPrefix: [Bool] = (0..<256).map { !byFirstByte[$0].isEmpty }

    /// Every token of every rule in `line`.
    static func matches(in line: ArraySlice<UInt8>, into found: inout [Secrets.Match]) {
        let starts = startsAPrefix
        var start = line.startIndex
        while start < line.endIndex {
            if starts[Int(line[start])] {
                for (rule, prefix) in byFirstByte[Int(line[start])] where line[start...].starts(with: prefix) {
                    all[rule].match(at: start, prefix: prefix, in: line, into: &found)
                }
            }
            start += 1
        }
    }

    /// The token of this rule that starts with `prefix` at `start`, if it is one.
    private func match(at start: Int, prefix: [UInt8], in line: ArraySlice<UInt8>, into found: inout [Secrets.Match]) {
        // A token starts a word (the webhook's host may follow "https://").
        if start > line.startIndex, kind != "Slack webhook", TokenRule.isTokenCharacter(line[start - 1]) { return }
        var end = start + prefix.count
        while end < line.endIndex, body(line[end]) { end += 1 }
        let length = end - start - prefix.count
        guard length >= minimum, length <= maximum else { return }
        if end < line.endIndex, TokenRule.isAlphanumeric(line[end]) { return }
        let text = line[start..<end]
        if kind == "JSON Web Token", !isJWT(text) { return }
        if kind == "Slack webhook", !isSlackWebhook(text[(start + prefix.count)...]) { return }
        if TokenRule.isPlaceholder(text) { return }
        found.append(Secrets.Match(start: start, end: end, kind: kind))
    }

    /// Three base64url parts, the first two JSON objects (`eyJ` is `{"` in base64).
    private func isJWT(_ text: ArraySlice<UInt8>) -> Bool {
        let parts = text.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 3 && parts[1].starts(with: Array("eyJ".utf8)) && parts.allSatisfy { $0.count >= 10 }
    }

    /// `T…/B…/secret`.
    private func isSlackWebhook(_ text: ArraySlice<UInt8>) -> Bool {
        let parts = text.split(separator: UInt8(ascii: "/"))
        return parts.count == 3 && parts[0].first == UInt8(ascii: "T") && parts[1].first == UInt8(ascii: "B")
            && parts[2].count >= 20
    }

    static func isPlaceholder(_ text: ArraySlice<UInt8>) -> Bool {
        let lower = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }[...]
        for word in ["example", "xxxxxxxx", "placeholder", "dummy", "redacted"] where TextLines.find(Array(word.utf8), in: lower) != nil {
            return true
        }
        return false
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isBase32Upper(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x32 && byte <= 0x37)
    }

    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}

/// `password = "…"`, `"api_key": "…"`, `CLIENT_SECRET := '…'`: a key that names a credential, assigned a
/// quoted literal of at least 8 characters without spaces whose entropy reaches the threshold.
enum Assignments {
    /// Key endings (lower case) that name a credential.
    static let keywords: [[UInt8]] = [
        "password", "passwd", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "secret_key",
        "private_key", "client_secret", "auth_key", "credentials",
    ].map { Array($0.utf8) }
    private static let placeholders: [[UInt8]] = [
        "example", "changeme", "change_me", "your", "xxxx", "****", "placeholder", "dummy", "sample", "redacted",
        "${", "{{", "%(", "<", "environ", "process.env", "getenv",
    ].map { Array($0.utf8) }

    static func matches(in line: ArraySlice<UInt8>, into found: inout [Secrets.Match]) {
        var index = line.startIndex
        while index < line.endIndex {
            let byte = line[index]
            guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") else { index += 1; continue }
            defer { index += 1 }
            // Not a comparison (==, !=, <=, >=) nor a URL scheme or a C++ scope (::).
            let next = index + 1 < line.endIndex ? line[index + 1] : 0
            let previous = index > line.startIndex ? line[index - 1] : 0
            if byte == UInt8(ascii: "=") && (next == UInt8(ascii: "=") || [UInt8(ascii: "!"), UInt8(ascii: "<"),
                                                                            UInt8(ascii: ">"), UInt8(ascii: "=")].contains(previous)) { continue }
            if byte == UInt8(ascii: ":") && (next == UInt8(ascii: "/") || next == UInt8(ascii: ":") || previous == UInt8(ascii: ":")) { continue }
            guard keyNamesCredential(line[..<index]) else { continue }
            var valueStart = index + 1
            while valueStart < line.endIndex, [UInt8(ascii: "="), UInt8(ascii: ">"), 0x20, 0x09].contains(line[valueStart]) {
                valueStart += 1
            }
            guard valueStart < line.endIndex else { continue }
            let quote = line[valueStart]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") else { continue }
            let start = valueStart + 1
            guard let close = line[start...].firstIndex(of: quote) else { continue }
            let value = line[start..<close]
            guard value.count >= 8, !value.contains(0x20), !value.contains(0x09), !isPlaceholder(value),
                  Secrets.entropy(value) >= Secrets.entropyThreshold else { continue }
            found.append(Secrets.Match(start: start, end: close, kind: "hard-coded credential"))
            index = close
        }
    }

    /// Whether the identifier before `=`/`:` (quotes and spaces skipped) ends with a credential keyword.
    private static func keyNamesCredential(_ before: ArraySlice<UInt8>) -> Bool {
        var end = before.endIndex
        while end > before.startIndex, [0x20, 0x09, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ":")].contains(before[end - 1]) {
            end -= 1
        }
        var start = end
        while start > before.startIndex, TokenRule.isTokenCharacter(before[start - 1]) || before[start - 1] == UInt8(ascii: ".") {
            start -= 1
        }
        guard start < end else { return false }
        // The key's ending compared with each keyword in place, lower-cased as it is read.
        return keywords.contains { keyword in
            guard end - start >= keyword.count else { return false }
            var offset = 0
            for byte in before[(end - keyword.count)..<end] {
                if (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) != keyword[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private static func isPlaceholder(_ value: ArraySlice<UInt8>) -> Bool {
        let lower = value.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }[...]
        if value.starts(with: Array("http://".utf8)) || value.starts(with: Array("https://".utf8)) { return !value.contains(UInt8(ascii: "@")) }
        return placeholders.contains { TextLines.find($0, in: lower) != nil }
    }
}
