import Foundation
import Testing
@testable import TappsCore

/// `.tapps.yaml` is read without Yams when ``ConfigYAML`` accepts it. Pinned here against Yams itself: wherever the
/// subset gives a tree, Yams must parse the same text without an error into the same tree — the same strings, the
/// same plain-or-quoted styles, mappings in the same order, every node at the same line and column (the reader's
/// error messages point there). Checked on every YAML block of this project's documentation, on the YAML files of
/// its dependencies, on generated configuration files written in many styles, and on random edits of all of them
/// (most of which make them invalid: there the subset must say "not sure", and Yams reports the error).
@Suite struct ConfigYAMLTests {
    typealias Generator = YAMLBlockSubsetTests.Generator

    /// Why two trees differ (nil when they are the same), with the path to the first difference.
    static func difference(_ a: ConfigNode, _ b: ConfigNode, at path: String = "root") -> String? {
        guard a.position == b.position else { return "\(path): position \(a.position) against \(b.position)" }
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            if x.string != y.string { return "\(path): \(x.string.debugDescription) against \(y.string.debugDescription)" }
            if x.isPlain != y.isPlain { return "\(path): plain \(x.isPlain) against \(y.isPlain)" }
            return nil
        case (.mapping(let x, _), .mapping(let y, _)):
            guard x.count == y.count else { return "\(path): \(x.count) keys against \(y.count)" }
            for (index, (p, q)) in zip(x, y).enumerated() {
                if let found = difference(p.key, q.key, at: "\(path).key[\(index)]") ?? difference(p.value, q.value, at: "\(path).value[\(index)]") {
                    return found
                }
            }
            return nil
        case (.sequence(let x, _), .sequence(let y, _)):
            guard x.count == y.count else { return "\(path): \(x.count) items against \(y.count)" }
            for (index, (p, q)) in zip(x, y).enumerated() {
                if let found = difference(p, q, at: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return "\(path): \(a) against \(b)"
        }
    }

    /// Checks every document; returns how many Yams accepts and how many of those the subset parsed itself.
    @discardableResult
    static func compare(_ documents: [String], _ label: String) -> (valid: Int, accepted: Int) {
        var valid = 0, accepted = 0
        for text in documents {
            let yams: ConfigNode??
            do { yams = .some(try ConfigLoader.yamsRoot(text, file: "c.yaml")) } catch { yams = nil }
            let subset = ConfigYAML.parse(text)
            if yams != nil { valid += 1 }
            guard let subset else { continue }
            accepted += 1
            guard let yams else {
                Issue.record("\(label): the subset parsed a document Yams rejects:\n\(text)")
                continue
            }
            switch (subset, yams) {
            case (nil, nil): continue
            case (let mine?, let theirs?):
                if let found = difference(mine, theirs) { Issue.record("\(label): \(found) in\n\(text)") }
            default:
                Issue.record("\(label): empty against non-empty document:\n\(text)")
            }
        }
        return (valid, accepted)
    }

    /// The YAML blocks of this repository's README and guides (most of them `.tapps.yaml` examples).
    static let documentationBlocks: [String] = {
        let root = YAMLBlockSubsetTests.root
        var paths = [root + "/README.md"]
        let guides = root + "/docs/guides"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: guides)) ?? [] where name.hasSuffix(".md") {
            paths.append(guides + "/" + name)
        }
        var blocks: [String] = []
        for path in paths.sorted() {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            var block: [String]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if block == nil, line.hasPrefix("```yaml") || line.hasPrefix("```yml") { block = [] }
                else if block != nil, line.hasPrefix("```") { blocks.append(block!.joined(separator: "\n") + "\n"); block = nil }
                else if block != nil { block!.append(String(line)) }
            }
        }
        return blocks
    }()

    static let scalars = ["x", "ruff", "--select=E9,F", "\\.py$", "'\\.py$'", "\"\\\\.py$\"", "true", "off", "12", "0.5", "~", "null",
                          "a b  c", "src/app.py", "http://example.com/x", "ünïcödé", "$HOME/bin", "a#b", "x # note", "'it''s'",
                          "\"say \\\"hi\\\"\"", "\"tab\\there\"", "''", "\"\"", "-v", "-1", "a:b", "(x)", "<<", "=", "a, b", "[1]x"]
    static let riskyScalars = ["&a x", "*a", "!t x", "|", ">", "%p", "@a", "`t`", "? q", ": c", "- d", "a: b", "x:", "{a: 1}",
                               "\"\\x41\"", "\"\\u00e9\"", "'open", "\"open", "a\n  continued", "[a, [b]]", "[a,]", "[a, b: c]", "#c"]
    static let keys = ["name", "phase", "command", "files", "preset", "steps", "budget", "builtins", "key with spaces", "\"quoted\"",
                       "'single'", "a-b_c", "x.y", "1", "ünï"]
    static let riskyKeys = ["k#x", "a:b", "? k", "-k", "[k]", "\"open", "k ", "<<"]

    /// A configuration-like document: nested mappings and sequences, `- key: value` entries, flow sequences,
    /// quoted and plain scalars, comments, sequences at their key's own indentation — and now and then something the
    /// subset leaves to Yams (a repeated key, an empty value, an anchor, a block scalar, a tab).
    static func generated(_ random: inout Generator) -> String {
        var lines: [String] = []
        func scalar() -> String {
            random.chance(92) ? random.pick(scalars) : random.pick(riskyScalars)
        }
        func flow() -> String {
            let items = (0..<random.below(4)).map { _ in random.pick(["a", "b c", "'q,1'", "\"d\"", "--x", "1", "ü"]) }
            let spaced = random.chance(30)
            return "[" + (spaced ? " " : "") + items.joined(separator: random.chance(80) ? ", " : ",") + (spaced ? " " : "") + "]"
        }
        func flowMapping() -> String {
            let pairs = (0..<random.below(4)).map { index in
                random.pick(["k", "max_kb", "'q k'", "\"d\""]) + "\(index)" + (random.chance(5) ? " " : "") + ":"
                    + (random.chance(5) ? "" : " ") + (random.chance(20) ? flow() : random.pick(["1", "x y", "'a,b'", "\"c\"", "--v", "ü"]))
            }
            let spaced = random.chance(30)
            return "{" + (spaced ? " " : "") + pairs.joined(separator: random.chance(85) ? ", " : ",") + (spaced ? " " : "") + "}"
        }
        func value() -> String {
            let text = random.chance(20) ? flow() : random.chance(15) ? flowMapping() : scalar()
            return text + (random.chance(10) ? random.pick(["  # note", " #x", "   "]) : "")
        }
        func key(_ index: Int) -> String {
            let base = random.chance(95) ? random.pick(keys) : random.pick(riskyKeys)
            if random.chance(3) { return base } // may repeat
            if base.hasSuffix("\"") || base.hasSuffix("'") { return String(base.dropLast()) + "\(index)" + String(base.suffix(1)) }
            return base + "\(index)"
        }
        func mapping(indent: Int, depth: Int, firstPrefix: String? = nil) {
            let pad = String(repeating: " ", count: indent)
            for index in 0..<(1 + random.below(4)) {
                if random.chance(8) { lines.append(pad + "# comment") }
                if random.chance(4) { lines.append("") }
                let prefix = index == 0 ? (firstPrefix ?? pad) : pad
                let name = key(index) + (random.chance(3) ? " " : "") + ":"
                if depth > 3 || random.chance(60) {
                    lines.append(prefix + name + (random.chance(3) ? "" : " " + value()))
                } else if random.chance(50) {
                    lines.append(prefix + name + (random.chance(10) ? "  # about it" : ""))
                    mapping(indent: indent + random.pick([2, 2, 4, 1]), depth: depth + 1)
                } else {
                    lines.append(prefix + name)
                    sequence(indent: random.chance(30) ? indent : indent + 2, depth: depth + 1)
                }
            }
        }
        func sequence(indent: Int, depth: Int) {
            let pad = String(repeating: " ", count: indent)
            for _ in 0..<(1 + random.below(4)) {
                if depth < 4, random.chance(45) {
                    let gap = random.chance(90) ? " " : "   "
                    mapping(indent: indent + 1 + gap.count, depth: depth + 1, firstPrefix: pad + "-" + gap)
                } else if random.chance(4) {
                    lines.append(pad + "-")
                } else {
                    lines.append(pad + "- " + value())
                }
            }
        }
        if random.chance(10) { lines.append("# a configuration") }
        if random.chance(10) { sequence(indent: 0, depth: 0) } else { mapping(indent: 0, depth: 0) }
        if random.chance(3) { lines.append(random.pick(["---", "...", "a: &x 1", "b: |", "  text", "c:\tx", "d: 1\r"])) }
        return lines.joined(separator: "\n") + (random.chance(90) ? "\n" : "")
    }

    @Test func theDocumentationsConfigurationsParseAsYamsParsesThem() {
        let blocks = Self.documentationBlocks
        #expect(blocks.count >= 6, "YAML blocks found: \(blocks.count)")
        let result = Self.compare(blocks, "documentation")
        #expect(result.accepted * 10 >= result.valid * 8, "most are read without Yams: \(result.accepted) of \(result.valid)")
    }

    @Test func realYAMLFilesAndTheirEditsParseAsYamsParsesThem() {
        let files = YAMLBlockSubsetTests.realFiles.map { String(decoding: $0, as: UTF8.self) }
        #expect(files.count >= 10)
        Self.compare(files, "real")
        var random = Generator(state: 11)
        let edited = (Self.documentationBlocks.map { Array($0.utf8) } + YAMLBlockSubsetTests.realFiles).flatMap { file in
            (0..<4).map { _ in String(decoding: YAMLBlockSubsetTests.mutated(file, &random), as: UTF8.self) }
        }
        let result = Self.compare(edited, "edited")
        #expect(result.valid < edited.count, "edits make invalid documents: \(result.valid) of \(edited.count) valid")
    }

    @Test func generatedConfigurationsAndTheirEditsParseAsYamsParsesThem() {
        var random = Generator(state: 2026)
        let documents = (0..<2500).map { _ in Self.generated(&random) }
        let generated = Self.compare(documents, "generated")
        #expect(generated.accepted * 2 >= generated.valid, "accepted \(generated.accepted) of \(generated.valid) valid")
        #expect(generated.valid < documents.count, "some are invalid: \(generated.valid) of \(documents.count)")
        let edited = documents.flatMap { text in
            (0..<2).map { _ in String(decoding: YAMLBlockSubsetTests.mutated(Array(text.utf8), &random), as: UTF8.self) }
        }
        let result = Self.compare(edited, "edited generated")
        #expect(result.valid > 100 && result.valid < edited.count, "\(result.valid) of \(edited.count)")
    }

    @Test func randomTextNeverCrashesAndIsNeverMisread() {
        var random = Generator(state: 99)
        let alphabet = Array("ab1 :-#'\"[]{},\n\\?&*!|>%@`~ü\t".unicodeScalars)
        let documents = (0..<6000).map { _ in
            String(String.UnicodeScalarView((0..<random.below(40)).map { _ in random.pick(alphabet) }))
        }
        Self.compare(documents, "random")
    }

    @Test func theSubsetReadsTypicalConfigurationsAndLeavesTheRestToYams() {
        let accepted = [
            "", "# nothing\n",
            "preset: minimal\nbuiltins: false\nsteps:\n  - name: lint\n    phase: review\n    command: [flake8, '--select=E9,F']\n    files: '\\.py$'\n    cache: per-file\n",
            "steps:\n- name: a\n  command: \"make test\"  # the tests\n- name: b\n  command: [\"x\", y]\nbudget:\n  total: 50000\n  thresholds: [0.5, 0.75, 0.9]\n",
            "builtins:\n  pytest: {select: related}  # x\n  secrets: {allow: ['^AKIA[0-9A-Z]{4}', \"b\"]}\n  mypy: {}\n",
            "presets:\n  mine:\n    extends: standard\n    phases: [review, test]\n",
            "a: ünï  # ü\nb: 'x # not a comment'\nc: http://example.com/a#b\n",
        ]
        for text in accepted { #expect(ConfigYAML.parse(text) != nil, "\(text)") }
        let refused = [
            "a: 1\na: 2\n", "a:\n", "a:\nb: 1\n", "a: &x 1\nb: *x\n", "a: !t 1\n", "%YAML 1.1\n---\na: 1\n", "---\na: 1\n",
            "a:\tb\n", "a: 1\r\n", "a: b: c\n", "a: 'x\n  y'\n", "a: b\n  c\n", "a\n", "- a\nb: 1\n", "a: 1\n- b\n",
            "  a: 1\nb: 2\n", "? a\n: b\n", "a: \"\\x41\"\n", "a: |\n  x\n", "\u{FEFF}a: 1\n", "a: {b: {c: 1}}\n", "a: {b}\n", "a: {b: 1,}\n", "a: {b: 1, b: 2}\n", "a: [b, [c]]\n",
            "a: [b,]\n", "a: [b\n", "k#x: 1\n", "a:b: 1\n", "- - a\n", "-\n  a: 1\n", "a: 1 # x\n  b: 2\n",
        ]
        for text in refused { #expect(ConfigYAML.parse(text) == nil, "\(text)") }
        Self.compare(accepted + refused, "examples")
    }

    @Test func errorsStillComeFromYamsWithTheirPositions() throws {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("steps:\n  - name: a\n    phase: test\n  command: x\n") }
        do {
            _ = try ConfigLoader.parse("a: 1\na: 2\n")
            Issue.record("a repeated key must fail")
        } catch {
            #expect(error.message.contains("duplicate key 'a'"), "\(error)")
        }
        // A type error found by the reader points at the node the subset parsed.
        do {
            _ = try ConfigLoader.parse("preset: minimal\nsteps:\n  - name: a\n    phase: test\n    command: [x]\n    timeout: [1]\n")
            Issue.record("a list for timeout must fail")
        } catch {
            #expect(error.line == 6 && error.column == 14, "\(error)")
        }
    }
}
