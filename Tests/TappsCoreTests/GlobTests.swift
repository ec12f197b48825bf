import Testing
import TappsCore

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
}
