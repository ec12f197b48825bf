import Foundation
import Testing
import TestSupport

/// Random repository states (seeded, so a failure reproduces): every run must show steps exactly
/// the index's content and leave every byte of the work tree and the index as it found them.
@Suite struct FidelityPropertyTests {
    /// Seeded random choices (SplitMix64 underneath).
    struct Random {
        private var generator: SplitMix64
        init(state: UInt64) { generator = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func content() -> [UInt8] {
            switch below(4) {
            case 0: return (0..<(1 + below(40))).map { _ in UInt8(below(256)) }  // binary
            case 1: return Array((0..<(1 + below(6))).map { "line \($0) \(next() % 1000)\r\n" }.joined().utf8)
            default: return Array((0..<(1 + below(8))).map { "line \($0) \(next() % 1000)\n" }.joined().utf8)
            }
        }
    }

    /// Checks, from inside a step, that each stage-0 regular file and symlink in the work tree holds
    /// exactly its index blob, raw or as checkout writes it (`cat-file --filters`: autocrlf, eol) (intent-to-add placeholders, the empty blob, are skipped); writes the
    /// mismatches to .seen/mismatches.
    static let verifier = [
        "import os, subprocess",
        "os.makedirs('.seen', exist_ok=True)",
        "bad = []",
        "for rec in subprocess.run(['git', 'ls-files', '-s', '-z'], capture_output=True).stdout.split(bytes(1)):",
        "    if not rec: continue",
        "    meta, path = rec.split(bytes([9]), 1)",
        "    mode, oid, stage = meta.split()",
        "    if stage != b'0' or mode == b'160000' or oid == b'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391': continue",
        "    blob = subprocess.run(['git', 'cat-file', 'blob', oid], capture_output=True).stdout",
        "    filtered = blob if mode == b'120000' else subprocess.run(['git', 'cat-file', '--filters', b'--path=' + path, oid], capture_output=True).stdout",
        "    here = os.readlink(path) if mode == b'120000' and os.path.islink(path) else (open(path, 'rb').read() if os.path.isfile(path) and not os.path.islink(path) else None)",
        "    if here != blob and here != filtered: bad.append(path)",
        "open('.seen/mismatches', 'wb').write(bytes(10).join(bad))",
    ].joined(separator: "\\n")

    static let config = """
        preset: minimal
        builtins: false
        steps:
          - name: verify
            phase: test
            command: ["python3", "-c", "\(verifier)"]
            pass_filenames: false

        """

    static func scramble(_ repo: ScratchRepository, random: inout Random, files: [String]) throws {
        for name in files {
            switch random.below(11) {
            case 0: break
            case 1:
                try repo.write(name, bytes: random.content())
                try repo.git("add", "--", name)
            case 2:
                try repo.write(name, bytes: random.content())
                try repo.git("add", "--", name)
                try repo.write(name, bytes: random.content())
            case 3: try repo.write(name, bytes: random.content())
            case 4: try FileManager.default.removeItem(atPath: repo.path(name))
            case 5: try repo.git("rm", "-q", "--cached", "--", name)
            case 6: try repo.git("rm", "-q", "--", name)
            case 7:
                try repo.git("rm", "-q", "--", name)
                try repo.write(name, bytes: random.content())
            case 8: chmod(repo.path(name), 0o755)
            case 9:
                try FileManager.default.removeItem(atPath: repo.path(name))
                try FileManager.default.createSymbolicLink(atPath: repo.path(name), withDestinationPath: "target-\(random.below(9))")
                if random.below(2) == 0 { try repo.git("add", "--", name) }
            default:
                try repo.git("mv", "--", name, name + ".moved")
                if random.below(2) == 0 { try repo.write(name + ".moved", bytes: random.content()) }
            }
        }
        for extra in 0..<random.below(3) {
            let name = "new\(extra).txt"
            try repo.write(name, bytes: random.content())
            switch random.below(3) {
            case 0: try repo.git("add", "-N", "--", name)
            case 1:
                try repo.git("add", "--", name)
                try repo.write(name, bytes: random.content())
            default: break // untracked
            }
        }
    }

    @Test(arguments: 0..<32)
    func aRunChangesNothingAndShowsStepsTheIndex(seed: Int) throws {
        var random = Random(state: UInt64(seed) &* 7919 &+ 17)
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", Self.config)
        try repo.write(".gitignore", ".seen/\n")
        let files = (0..<8).map { "dir\($0 % 3)/file \($0).txt" }
        for name in files { try repo.write(name, bytes: random.content()) }
        try repo.commitAll("base")
        try Self.scramble(repo, random: &random, files: files)
        try repo.write(".seen/mismatches", "")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run"])
        #expect(run.status == 0, "seed \(seed): \(run.outputText)\(run.errorText)")
        #expect(repo.readText(".seen/mismatches") == "", "seed \(seed): steps saw other bytes than staged for \(repo.readText(".seen/mismatches") ?? "?")")
        var after = try WorkTreeSnapshot(of: repo)
        after.files = after.files.filter { !$0.key.hasPrefix(".seen") }
        var expected = before
        expected.files = expected.files.filter { !$0.key.hasPrefix(".seen") }
        #expect(after == expected, "seed \(seed): \(after.differences(from: expected))")
        #expect(try repo.git("for-each-ref", "refs/tapps/").isEmpty)
    }

    /// The same random states, staged side: `suggest --format json` reports exactly what
    /// `git diff --cached --name-status -z` and `--numstat -z` report.
    @Test(arguments: 100..<124)
    func suggestAgreesWithGitOnRandomStates(seed: Int) throws {
        var random = Random(state: UInt64(seed) &* 7919 &+ 17)
        let repo = try ScratchRepository()
        let files = (0..<8).map { "dir\($0 % 3)/file \($0).txt" }
        for name in files { try repo.write(name, bytes: random.content()) }
        try repo.commitAll("base")
        try Self.scramble(repo, random: &random, files: files)
        try Parity.expectMatch(repo)
    }
}
