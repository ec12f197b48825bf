import Testing
import TappsCore
import TestSupport

@Suite("Glob")
struct GlobTests {
    func matches(_ pattern: String, _ path: String) -> Bool { Glob(pattern).matches(RepoPath(path)) }

    @Test("a pattern without a slash matches the file name at any depth")
    func nameOnly() {
        #expect(matches("test_*.py", "test_a.py"))
        #expect(matches("test_*.py", "pkg/sub/test_a.py"))
        #expect(!matches("test_*.py", "pkg/test_a.py/x.txt"))
        #expect(!matches("test_*.py", "pkg/atest_a.py"))
    }

    @Test("a pattern with a slash is anchored at the root")
    func anchored() {
        #expect(matches("src/*.py", "src/a.py"))
        #expect(!matches("src/*.py", "src/a/b.py"))
        #expect(!matches("src/*.py", "lib/src/a.py"))
        #expect(matches("/src/*.py", "src/a.py"))
        #expect(matches("./src/*.py", "src/a.py"))
    }

    @Test("** spans any number of directories, including none")
    func doubleStar() {
        #expect(matches("**/tests/**", "tests/a.py"))
        #expect(matches("**/tests/**", "a/b/tests/c/d.py"))
        #expect(!matches("**/tests/**", "a/contests/d.py"))
        #expect(matches("a/**/b.py", "a/b.py"))
        #expect(matches("a/**/b.py", "a/x/y/b.py"))
        #expect(!matches("a/**/b.py", "a/xb.py"))
        #expect(matches("**", "any/path"))
    }

    @Test("* and ? stay within one component")
    func singleComponent() {
        #expect(!matches("src/*", "src/a/b"))
        #expect(matches("src/?.py", "src/a.py"))
        #expect(!matches("src/?.py", "src/ab.py"))
        #expect(!matches("a?b", "a/b"))
    }

    @Test("braces pick one alternative, several groups multiply")
    func braces() {
        #expect(matches("*.{test,spec}.{js,ts}", "web/a.spec.ts"))
        #expect(matches("*.{test,spec}.{js,ts}", "a.test.js"))
        #expect(!matches("*.{test,spec}.{js,ts}", "a.test.py"))
    }

    @Test("a trailing slash means everything below the directory")
    func trailingSlash() {
        #expect(matches("docs/", "docs/a/b.md"))
        #expect(!matches("docs/", "docs"))
        #expect(!matches("docs/", "src/docs/a.md"))
    }

    @Test("non-UTF-8 bytes are matched as bytes")
    func rawBytes() {
        let path = RepoPath(bytes: Array("tests/".utf8) + [0xff, 0xfe] + Array(".py".utf8))
        #expect(Glob("**/tests/**").matches(path))
        #expect(Glob("*.py").matches(path))
    }

    /// The same syntax as a regular expression, written independently: the reference the matcher (and its
    /// literal prefilter) must agree with.
    struct Reference {
        let anchored: Bool
        let expressions: [Regex<AnyRegexOutput>]

        func matches(_ path: String) -> Bool {
            let subject = anchored ? path : String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
            return expressions.contains { (try? $0.wholeMatch(in: subject)) != nil }
        }
    }

    static func reference(_ pattern: String) -> Reference {
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasSuffix("/") { text += "**" }
        let anchored = text.contains("/")
        if text.hasPrefix("/") { text.removeFirst() }
        return Reference(anchored: anchored, expressions: expand(text).compactMap { alternative in
            var regex = "", characters = Array(alternative), index = 0
            while index < characters.count {
                let character = characters[index]
                if character == "*", index + 1 < characters.count, characters[index + 1] == "*" {
                    index += 2
                    if index < characters.count, characters[index] == "/" { index += 1; regex += "(?:.*/)?" }
                    else if index == characters.count { regex += ".*" } else { regex += "(?:.*/)?" }
                    continue
                }
                switch character {
                case "*": regex += "[^/]*"
                case "?": regex += "[^/]"
                default: regex += character.isLetter || character.isNumber ? String(character) : "\\" + String(character)
                }
                index += 1
            }
            return try? Regex(regex)
        })
    }

    static func expand(_ text: String) -> [String] {
        guard let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") else { return [text] }
        let head = String(text[..<open]), tail = String(text[text.index(after: close)...])
        return text[text.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
            .flatMap { expand(head + $0 + tail) }
    }

    @Test("the default test patterns and others agree with an independent reading on random paths")
    func randomPathsAgreeWithTheReference() {
        let parts = ["tests", "test", "src", "Tests", "docs", "a", "x_test.go", "test_a.py", "conftest.py", "Foo.test.js",
                     "__tests__", "b.spec.tsx", "FooTest.java", "FooIT.java", "c.py", "generated", "testdata", "attest",
                     "mytests", "Test", "lib.rs", "z_test.rs", "__mocks__", "main.go", "spec.js", "x.test"]
        let patterns = FileClassifier.defaultTestPatterns.map(\.pattern)
            + ["src/**/*.py", "docs/", "**/a/**/c.py", "a?c", "*.{py,go}", "tests/*_test.go", "**"]
        let references = patterns.map { (Glob($0), Self.reference($0)) }
        var random = SplitMix64(seed: 7)
        for _ in 0..<3_000 {
            let depth = 1 + Int(random.next() % 4)
            let path = (0..<depth).map { _ in parts[Int(random.next() % UInt64(parts.count))] }.joined(separator: "/")
            for (glob, reference) in references {
                #expect(glob.matches(RepoPath(path)) == reference.matches(path), "\(glob.pattern) on \(path)")
            }
        }
    }
}
