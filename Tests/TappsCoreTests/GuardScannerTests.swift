import Testing
@testable import TappsCore

/// The pure scanners behind the native guards, on content they must report and its nearest harmless neighbour.
@Suite struct GuardScannerTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static let file = RepoPath("f.txt")
    static let ours = String(repeating: "<", count: 7), theirs = String(repeating: ">", count: 7)
    static let middle = String(repeating: "=", count: 7), base = String(repeating: "|", count: 7)

    // MARK: - Conflict markers

    @Test func conflictMarkersFollowGitsRules() {
        let diff3 = "a\n\(Self.ours) HEAD\nmine\n\(Self.base) base\nold\n\(Self.middle)\ntheirs\n\(Self.theirs) topic\n"
        let findings = ConflictMarkers.scan(Self.bytes(diff3), file: Self.file)
        #expect(findings.map(\.line) == [2, 4, 6, 8])
        #expect(findings.allSatisfy { $0.column == 1 && $0.code == "conflict-marker" })
        // A marker without a label, with CRLF endings, at the end without a newline.
        #expect(ConflictMarkers.scan(Self.bytes("\(Self.ours)\r\nx\r\n\(Self.middle)\r\ny\r\n\(Self.theirs)"), file: Self.file).count == 3)
    }

    @Test func underlinesRulesAndLongerRunsAreNotMarkers() {
        let markdown = "Title\n\(Self.middle)\n\nSub\n-------\n"
        #expect(ConflictMarkers.scan(Self.bytes(markdown), file: Self.file).isEmpty)
        let rst = "\(Self.middle)\nTitle\n\(Self.middle)\n"
        #expect(ConflictMarkers.scan(Self.bytes(rst), file: Self.file).isEmpty)
        // Eight characters, or text glued to the marker, are not markers (git's marker size is 7).
        #expect(ConflictMarkers.scan(Self.bytes("<<<<<<<<\nx\n>>>>>>>>\n\(Self.ours)x\n"), file: Self.file).isEmpty)
        // Indented markers are not markers either.
        #expect(ConflictMarkers.scan(Self.bytes("  \(Self.ours) HEAD\n"), file: Self.file).isEmpty)
        // Binary content is not looked at.
        #expect(ConflictMarkers.scan([0, 1, 2] + Self.bytes("\n\(Self.ours) HEAD\n"), file: Self.file).isEmpty)
    }

    // MARK: - Private keys

    static let body = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"

    @Test func privateKeyHeadersWithKeyDataAreReported() {
        for kind in ["RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"] {
            let text = "x\n-----BEGIN \(kind)-----\n\(Self.body)-----END \(kind)-----\n"
            let findings = PrivateKeys.scan(Self.bytes(text), file: Self.file)
            #expect(findings.count == 1 && findings.first?.line == 2 && findings.first?.column == 1, "\(kind)")
        }
        let encrypted = "-----BEGIN RSA " + "PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,ABC\n\n" + Self.body
        #expect(PrivateKeys.scan(Self.bytes(encrypted), file: Self.file).count == 1)
        let json = "{\"private_key\": \"-----BEGIN " + "PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\\n\"}"
        let inJSON = PrivateKeys.scan(Self.bytes(json), file: Self.file)
        #expect(inJSON.count == 1 && inJSON.first?.column == 18, "a service-account file: \(inJSON)")
    }

    @Test func publicKeysAndCodeThatNamesTheHeaderAreNotReported() {
        let publicKey = "-----BEGIN PUBLIC KEY-----\n\(Self.body)-----END PUBLIC KEY-----\n-----BEGIN RSA PUBLIC KEY-----\n\(Self.body)"
        #expect(PrivateKeys.scan(Self.bytes(publicKey), file: Self.file).isEmpty)
        let certificate = "-----BEGIN CERTIFICATE-----\n\(Self.body)"
        #expect(PrivateKeys.scan(Self.bytes(certificate), file: Self.file).isEmpty)
        let detector = "if \"-----BEGIN RSA " + "PRIVATE KEY-----\" in text:\n    raise ValueError('key')\n"
        #expect(PrivateKeys.scan(Self.bytes(detector), file: Self.file).isEmpty)
    }

    // MARK: - Large files and case conflicts

    @Test func largeFilesCountAddedAndGrownFilesOnly() {
        #expect(LargeFiles.check(file: Self.file, newSize: 600 * 1024, oldSize: nil, maxKB: 500)?.message.contains("600.0 KiB") == true)
        #expect(LargeFiles.check(file: Self.file, newSize: 500 * 1024, oldSize: nil, maxKB: 500) == nil, "at the limit is fine")
        #expect(LargeFiles.check(file: Self.file, newSize: 600 * 1024, oldSize: 700 * 1024, maxKB: 500) == nil, "shrunk")
        #expect(LargeFiles.check(file: Self.file, newSize: 700 * 1024, oldSize: 600 * 1024, maxKB: 500) != nil, "grown")
        #expect(LargeFiles.isLFSPointer(Self.bytes("version https://git-lfs.github.com/spec/v1\noid sha256:ab\n")[...]))
        #expect(!LargeFiles.isLFSPointer(Self.bytes("version 1\n")[...]))
    }

    @Test func caseConflictsFindFilesAndDirectoriesThatDifferOnlyInCase() {
        let all = ["README.md", "readme.md", "Docs/a.md", "docs/b.md", "src/Main.swift", "src/main2.swift"].map(RepoPath.init)
        let findings = CaseConflicts.find(added: [RepoPath("readme.md"), RepoPath("docs/b.md"), RepoPath("src/main2.swift")], all: all)
        #expect(findings.map(\.file) == [RepoPath("readme.md"), RepoPath("docs/b.md")])
        #expect(findings[0].message.contains("README.md") && findings[1].message.contains("directory"))
        #expect(CaseConflicts.find(added: [], all: all).isEmpty, "only added paths can bring a conflict")
        let unicode = ["Ärger.txt", "ärger.txt"].map(RepoPath.init)
        #expect(CaseConflicts.find(added: [unicode[1]], all: unicode).count == 1)
    }

    // MARK: - Secrets

    static func lines(_ text: String) -> [AddedLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { AddedLine(number: $0.offset + 1, bytes: Array($0.element.utf8)) }
    }

    /// Token-shaped lines, assembled so that this file holds none, with the kind each must be reported as.
    static let tokenLines: [(String, String)] = [
        (join(["aws = AKIA", "ZQ3DXK7PLM2NB4RT"]), "AWS access key id"),
        (join(["t: ghp_", String(repeating: "Ab3d", count: 9)]), "GitHub token"),
        (join(["t = github_pat_", String(repeating: "A1b2_", count: 16)]), "GitHub token"),
        (join(["GITLAB=glpat-", "x8Kd0Qm2Lp9Zr4Tv7Wn1"]), "GitLab token"),
        (join(["slack xoxb-", "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"]), "Slack token"),
        (join(["url https://hooks.slack.com/services/", "T0ABCDEFG/B0HIJKLMN/abcdefghijklmnopqrstuvwx"]), "Slack webhook"),
        (join(["stripe sk_live_", "4eC39HqLyjWDarjtT1zdp7dc"]), "Stripe live key"),
        (join(["maps AIza", "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"]), "Google API key"),
        (join(["auth eyJhbGciOiJIUzI1NiJ9.", "eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"]), "JSON Web Token"),
        (join(["DB_PASSWORD = \"Zq8#kL2!vR9@pX4w\""]), "hard-coded credential"),
        (join(["\"client_secret\": \"f3Kq9ZxP0wLm7Vb2\""]), "hard-coded credential"),
    ]

    static func join(_ parts: [String]) -> String { parts.joined() }

    @Test(arguments: tokenLines)
    func tokensAreFoundAndNeverPrinted(_ line: String, _ kind: String) throws {
        let findings = Secrets.scan(Self.lines("x = 1\n" + line), file: Self.file)
        let finding = try #require(findings.first, "\(line)")
        #expect(findings.count == 1 && finding.line == 2 && finding.message.contains(kind), "\(findings)")
        let secretStart = line.index(line.startIndex, offsetBy: (finding.column ?? 1) - 1)
        #expect(!finding.message.contains(String(line[secretStart...]).prefix(12)), "redacted: \(finding.message)")
    }

    @Test(arguments: [
        "aws = AKIAIOSFODNN7EXAMPLE",
        "token = ghp_short",
        "password = \"changeme\"",
        "password = \"${DB_PASSWORD}\"",
        "password = os.environ[\"PASSWORD\"]",
        "if password == \"Zq8#kL2!vR9@pX4w\" { }",
        "password_hash = \"Zq8#kL2!vR9@pX4wZq8#kL2!vR9@pX4w\"",
        "password = \"aaaaaaaaaaaa\"",
        "token = \"ghp_" + String(repeating: "Ab3d", count: 9) + "\" # tapps: allow-secret",
        "stripe sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sha = 'eyJhbGciOiJIUzI1NiJ9'",
    ])
    func placeholdersPragmasAndLookalikesAreNotSecrets(_ line: String) {
        #expect(Secrets.scan(Self.lines(line), file: Self.file).isEmpty, "\(line)")
    }

    @Test func theAllowListIsAskedAboutEachMatch() {
        let line = Self.lines("k = AKIA" + "ZQ3DXK7PLM2NB4RT")
        #expect(Secrets.scan(line, file: Self.file) { $0.hasPrefix("AKIAZQ3D") }.isEmpty)
        #expect(Secrets.scan(line, file: Self.file) { $0 == "other" }.count == 1)
    }

    @Test func entropyMeasuresBitsPerCharacter() {
        #expect(Secrets.entropy(Self.bytes("aaaa")[...]) == 0)
        #expect(abs(Secrets.entropy(Self.bytes("abcd")[...]) - 2) < 1e-9)
    }

    @Test func findLocatesLiteralsInSlicesFromAnyStart() {
        let bytes = Self.bytes("aab aaab ab")
        let whole = bytes[...], tail = bytes[4...]
        #expect(TextLines.find(Self.bytes("aab"), in: whole) == 0)
        #expect(TextLines.find(Self.bytes("aab"), in: whole, from: 1) == 5, "a repeated first byte is not a match")
        #expect(TextLines.find(Self.bytes("aab"), in: tail) == 5, "positions are the slice's indices")
        #expect(TextLines.find(Self.bytes("ab"), in: whole, from: 7) == 9, "a match that ends the haystack")
        #expect(TextLines.find(Self.bytes("abc"), in: whole) == nil)
        #expect(TextLines.find(Self.bytes("ab"), in: whole, from: 10) == nil)
        #expect(TextLines.find(Self.bytes("aab aaab ab!"), in: whole) == nil, "longer than the haystack")
        #expect(TextLines.find([], in: tail) == 4)
    }
}
