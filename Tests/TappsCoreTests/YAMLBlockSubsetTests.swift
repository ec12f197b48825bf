import Foundation
import Testing
@testable import TappsCore

/// The syntax guard skips Yams for YAML that ``YAMLBlockSubset`` is sure of. Pinned here against Yams itself: on
/// real YAML files (the workflows and configs of the packages this project builds with, and the Google Cloud SDK's
/// thousands of YAML files when it is installed), on generated documents of every construct the recogniser knows
/// and many it does not, and on mutations of all of them (lines deleted, duplicated, re-indented, characters
/// inserted) — which make most of them invalid, duplicate keys included. On every document the guard's finding
/// (message, line, column) must be exactly what Yams alone gives; "sure" on a document Yams rejects would be a
/// missed error, so each one is reported.
@Suite struct YAMLBlockSubsetTests {
    /// A small deterministic generator (SplitMix64), so that a failure replays.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Real YAML files found on this machine: the package's own and its dependencies' (always there once built), and
    /// the Google Cloud SDK's when installed.
    static let realFiles: [[UInt8]] = {
        var found: [[UInt8]] = []
        func collect(_ directory: String, limit: Int) {
            guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
            var paths: [String] = []
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") { paths.append(relative) }
            }
            for relative in paths.sorted().prefix(limit) {
                if let data = FileManager.default.contents(atPath: directory + "/" + relative), data.count < 200_000 { found.append(Array(data)) }
            }
        }
        collect(root + "/.build/checkouts", limit: 500)
        collect("/usr/lib/google-cloud-sdk", limit: 600)
        return found
    }()

    static let safeScalars = ["x", "item 12.3", "12", "-4.5", "true", "~", "a/b/c.txt", "http://example.com/x?y=1", "ünï text",
                              "x:y", "a#b", "a # comment", "1:30", "$HOME", "\"double\"", "'single'", "'it''s'", "\"esc \\\" \\n\"", "\"\""]
    static let safeKeys = ["name", "version", "on", "key with spaces", "\"quoted key\"", "'single key'", "a-b_c", "x.y", "1", "ünï"]
    static let plainScalars = ["x", "item 12.3", "12", "-4.5", "true", "~", "null", "a/b/c.txt", "http://example.com/x?y=1",
                               "C:\\path", "ünïcödé text", "x: y", "x:y", "a # not a comment", "a#b", "[1, 2]", "{a: 1}",
                               "&anchor x", "*alias", "!tag x", "@at", "`tick`", "%percent", "- dash", "-dash", "? q", ": c",
                               "trailing:", "a,b", "1:30", "$HOME", "(paren)", "<<", "=", "|", ">-", "multi\n  line"]
    static let quotedScalars = ["\"double\"", "'single'", "\"with \\\"escape\\\" \\n\"", "'it''s'", "\"\\x41\"", "\"\\u00e9\"",
                                "\"unclosed", "'unclosed", "\"a\" trailing", "\"\\q bad escape\"", "\"\"", "''", "\"tab\\tin\""]
    static let keys = ["name", "version", "on", "key with spaces", "\"quoted key\"", "'single key'", "a-b_c", "x.y", "1",
                       "-k", "ünï", "\"\"", "k#x", "k [x]", "? explicit", "<<", "\"esc\\\"aped\""]

    /// A random block document: nested mappings and sequences, compact entries, scalars of every form, comments,
    /// block scalars and document markers — with duplicate keys, flow collections and other constructs now and then.
    static func generated(_ random: inout Generator) -> String {
        var lines: [String] = []
        func scalar() -> String {
            random.chance(80) ? random.pick(safeScalars) : random.chance(60) ? random.pick(plainScalars) : random.pick(quotedScalars)
        }
        func node(indent: Int, depth: Int) {
            let pad = String(repeating: " ", count: indent)
            if depth > 3 || random.chance(20) {
                lines[lines.count - 1] += " " + scalar() + (random.chance(10) ? "  # note" : "")
                return
            }
            if random.chance(10) {
                lines[lines.count - 1] += random.chance(90) ? random.pick([" |", " >", " |-", " >+"]) : " |2"
                for number in 0..<random.below(4) { lines.append(pad + "  block line \(number) : # kept" + (random.chance(5) ? "\t" : "")) }
                if random.chance(20) { lines.append("") }
                return
            }
            let step = random.chance(95) ? random.pick([2, 2, 4, 1]) : 0
            if random.chance(55) {
                var used: [String] = []
                for _ in 0..<(1 + random.below(4)) {
                    var key = random.chance(90) ? random.pick(safeKeys) : random.pick(keys)
                    if random.chance(95) { key = key.hasSuffix("\"") || key.hasSuffix("'") ? String(key.dropLast()) + "\(used.count)" + String(key.suffix(1)) : key + "\(used.count)" }
                    else if let previous = used.last, random.chance(50) { key = previous }
                    used.append(key)
                    if random.chance(10) { lines.append(pad + "# comment") }
                    lines.append(pad + key + ":")
                    node(indent: indent + step, depth: depth + 1)
                }
            } else {
                let sequenceIndent = random.chance(25) ? max(indent - step, 0) : indent  // at the key's own indent
                let sequencePad = String(repeating: " ", count: sequenceIndent)
                for _ in 0..<(1 + random.below(4)) {
                    if random.chance(30) {
                        lines.append(sequencePad + "- " + (random.chance(90) ? random.pick(safeKeys) : random.pick(keys)) + ":")
                        node(indent: sequenceIndent + 2 + step, depth: depth + 1)
                        lines.append(sequencePad + "  other\(random.below(3)): " + scalar())
                    } else {
                        lines.append(sequencePad + "-")
                        node(indent: sequenceIndent + step, depth: depth + 1)
                    }
                }
            }
        }
        for document in 0..<(random.chance(20) ? 2 : 1) {
            if document > 0 || random.chance(20) { lines.append("---") }
            lines.append("root\(random.below(3)):")
            node(indent: 2, depth: 0)
            for extra in 0..<random.below(3) {
                lines.append("top\(extra):")
                node(indent: 2, depth: 1)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with one random edit: a line deleted, duplicated or re-indented, or a character inserted.
    static func mutated(_ text: [UInt8], _ random: inout Generator) -> [UInt8] {
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        guard !lines.isEmpty else { return text }
        let at = random.below(lines.count)
        switch random.below(6) {
        case 0: lines.remove(at: at)
        case 1: lines.insert(lines[at], at: at)
        case 2: lines[at] = Array(repeating: UInt8(ascii: " "), count: 1 + random.below(3)) + lines[at]
        case 3: lines[at] = Array(lines[at].drop { $0 == UInt8(ascii: " ") })
        default:
            let insert = random.pick(Array(":-#'\"\t[]{}&*!|> ,?%@`\\".utf8))
            lines[at].insert(insert, at: random.below(lines[at].count + 1))
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    /// Compares the guard with and without the subset on `documents`; returns how many Yams accepts, and of those how
    /// many the subset was sure of.
    static func compare(_ documents: [[UInt8]], _ label: String) -> (valid: Int, sure: Int) {
        var valid = 0, sure = 0
        let file = RepoPath("config.yaml")
        for bytes in documents {
            let slow = SyntaxCheck.check(bytes, file: file, yamlSubset: false)
            let isSure = YAMLBlockSubset.isCertainlyValid(bytes)
            if isSure, let slow {
                Issue.record("\(label): sure of a document Yams rejects (\(slow.message)):\n\(String(decoding: bytes, as: UTF8.self))")
            }
            #expect(SyntaxCheck.check(bytes, file: file, yamlSubset: true) == slow)
            if slow == nil { valid += 1 }
            if isSure { sure += 1 }
        }
        return (valid, sure)
    }

    @Test func everyVerdictOnRealYAMLAndItsMutationsIsYamsOwn() {
        #expect(Self.realFiles.count >= 10, "real YAML files found: \(Self.realFiles.count)")
        let real = Self.compare(Self.realFiles, "real")
        #expect(real.sure * 2 >= real.valid, "the subset is sure of most real files: \(real.sure) of \(real.valid) valid")  // 422 of 622 here
        var random = Generator(state: 7)
        var mutations: [[UInt8]] = []
        for file in Self.realFiles { for _ in 0..<3 { mutations.append(Self.mutated(file, &random)) } }
        let mutated = Self.compare(mutations, "mutated real")
        #expect(mutated.valid < mutations.count, "mutations make invalid documents: \(mutated.valid) of \(mutations.count) valid")
    }

    @Test func everyVerdictOnGeneratedYAMLAndItsMutationsIsYamsOwn() {
        var random = Generator(state: 42)
        var documents: [[UInt8]] = []
        for _ in 0..<1500 { documents.append(Array(Self.generated(&random).utf8)) }
        let generated = Self.compare(documents, "generated")
        let mutations = documents.flatMap { document in (0..<2).map { _ in Self.mutated(document, &random) } }
        let mutated = Self.compare(mutations, "mutated generated")
        #expect(generated.valid > 200 && generated.valid < documents.count, "valid and invalid documents: \(generated.valid)")
        #expect(generated.sure > generated.valid / 4, "sure of \(generated.sure) of \(generated.valid)")
        #expect(mutated.valid > 100 && mutated.valid < mutations.count, "\(mutated.valid) of \(mutations.count)")
    }

    @Test func plainBlockYAMLIsJudgedWithoutYamsAndEveryErrorIsYams() {
        let sure = [
            "", "# only a comment\n", "key0:\n  name: item 5.0\n  revision: 3\nkey1:\n  name: item 5.1\n  revision: 3\n",
            "a: 1\n---\nb: 2\n", "list:\n- a\n- b: 1\n  c: 'x'\nnext: \"y\" # c\n", "a:\n  - x\n  -\n    y: 1\nb: |\n  text\n\n  more\nc: >-\n  folded\n",
            "- a: 1\n  b:\n  - 2\n  c: 3\n- d\n", "on:\n  push:\n    branches:\n      - main\njobs:\n  build:\n    runs-on: ubuntu-latest\n",
        ]
        for text in sure { #expect(YAMLBlockSubset.isCertainlyValid(Array(text.utf8)), "\(text)") }
        let unsure = [
            "a: 1\na: 2\n", "a: [1, 2]\n", "a: &x 1\nb: *x\n", "a: !t 1\n", "%YAML 1.1\n---\na: 1\n", "a:\tb\n", "a: 1\r\n",
            "a: b: c\n", "a: 'x\n  y'\n", "a: b\n  c\n", "a\n", "- a\nb: 1\n", "a: 1\n- b\n", "  a: 1\nb: 2\n", "? a\n: b\n",
            "a: \"\\x41\"\n", "a: |2\n   x\n", "\u{FEFF}a: 1\n", "'a''b': 1\n", "a: 1\n...\n",
        ]
        for text in unsure { #expect(!YAMLBlockSubset.isCertainlyValid(Array(text.utf8)), "\(text)") }
        // Whatever the subset says, the guard's finding is Yams' own.
        _ = Self.compare((sure + unsure).map { Array($0.utf8) }, "examples")
    }
}
