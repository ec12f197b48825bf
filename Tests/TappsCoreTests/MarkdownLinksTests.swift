import Testing
@testable import TappsCore

/// Links and anchors in Markdown against a resulting tree.
@Suite struct MarkdownLinksTests {
    static let files: [String: String] = [
        "README.md": "# Project\n",
        "docs/guide.md": "# The Guide\n\n## Set up `git-tapps` (fast!)\n\nIntro\n=====\n\n## Set up `git-tapps` (fast!)\n<a name=\"legacy\"></a>\n",
        "docs/img/logo.png": "png",
        "src/main.swift": "x",
    ]

    static var tree: MarkdownLinks.Tree {
        MarkdownLinks.Tree(
        exists: { path in files[path] != nil || files.keys.contains { $0.hasPrefix(path + "/") } },
        markdown: { files[$0].map { Array($0.utf8) } })
    }

    static func check(_ text: String, in path: String = "docs/page.md") -> [Finding] {
        MarkdownLinks.check(Array(text.utf8), file: RepoPath(path), tree: tree)
    }

    @Test func slugsFollowGitHub() {
        #expect(MarkdownLinks.slug("Set up `git-tapps` (fast!)") == "set-up-git-tapps-fast")
        #expect(MarkdownLinks.slug("What's new in 2.0?") == "whats-new-in-20")
        #expect(MarkdownLinks.slug("[Links](http://x.y) and __init__") == "links-and-__init__")
        #expect(MarkdownLinks.slug("Über Ünïcödé") == "über-ünïcödé")
        let anchors = MarkdownLinks.anchors(in: Array((Self.files["docs/guide.md"] ?? "").utf8))
        #expect(anchors == ["the-guide", "set-up-git-tapps-fast", "set-up-git-tapps-fast-1", "intro", "legacy"])
    }

    @Test func existingTargetsAndAnchorsPass() {
        let text = """
            [guide](guide.md) [guide section](guide.md#set-up-git-tapps-fast) [second](./guide.md#Set-Up-Git-Tapps-Fast-1)
            ![logo](img/logo.png "Logo") [root](/README.md#project) [dir](../src) [up](../README.md)
            [web](https://example.com/missing.md) [mail](mailto:a@b.c) [proto](//cdn.example.com/x.js)
            [issues](../../issues) [line](../src/main.swift#L10) <img src="img/logo.png"> [legacy](guide.md#legacy)
            [ref]: guide.md#the-guide
            `[code](missing.md)` and [space](<guide.md>)

            ```md
            [in a fence](missing.md)
            ```
            """
        let findings = Self.check(text)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
    }

    @Test func missingTargetsAndAnchorsAreLocated() {
        let text = "# Page\n\n[gone](missing.md) and ![pic](img/none.png)\n[bad](guide.md#nope) [self](#page) [selfbad](#nowhere)\n[ref]: ../nothing.md\n<img src=\"missing.svg\">\n"
        let findings = Self.check(text)
        #expect(findings.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.code ?? "")" } == [
            "3:8 broken-link", "3:31 broken-link", "4:7 missing-anchor", "4:46 missing-anchor", "5:8 broken-link", "6:11 broken-link",
        ], "\(findings.map(\.message))")
        #expect(findings[1].message.hasPrefix("image"))
    }

    @Test func percentEncodedPathsAreDecoded() {
        let tree = MarkdownLinks.Tree(exists: { $0 == "docs/my file.md" }, markdown: { _ in nil })
        #expect(MarkdownLinks.check(Array("[x](my%20file.md)".utf8), file: RepoPath("docs/a.md"), tree: tree).isEmpty)
    }
}
