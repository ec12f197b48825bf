import Foundation
import Testing
@testable import TappsCore

/// markdown-links splits and resolves ASCII targets on bytes; these pin that to the character-based reading it
/// replaces, on every link target of real documentation (this project's and its packages' Markdown) resolved from
/// every directory those documents are in, and on edge cases.
@Suite struct MarkdownLinksFastPathTests {
    static let realDocuments: [(directory: String, bytes: [UInt8])] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var found: [(String, [UInt8])] = []
        for directory in ["docs", ".build/checkouts"] {
            let enumerator = FileManager.default.enumerator(atPath: root + "/" + directory)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".md"), let data = FileManager.default.contents(atPath: root + "/" + directory + "/" + relative)
                else { continue }
                found.append((RepoPath(directory + "/" + relative).directory, Array(data)))
            }
        }
        return found
    }()

    static let edgeCases = [
        "", "#", "?", "a?b#c", "a#b?c", "/abs/path.md", "../../up.md", "./here.md", "a//b///c.md", "..", ".", "...",
        "a/./b/../c.md#x", "%20name.md", "a%2Fb.md", "trailing/", "/", "//x", "dir/..", "../", "a/b/../../../c",
        "x.md#Heading%20One", "#user-content-x", "q?x=1&y=2#z", "é.md", "caf\u{65}\u{301}.md#ï", "a/\u{301}b",
        "#\u{301}x", "?\u{301}#y", "%E2%9C%93.md",
    ]

    @Test func splittingAndResolvingOnBytesEqualsTheCharacterReading() {
        var targets = Set(Self.edgeCases)
        var directories: Set<String> = ["", "docs", "a/b/c", "é/x", "deep/er/still"]
        for document in Self.realDocuments {
            directories.insert(document.directory)
            for link in MarkdownLinks.links(in: document.bytes) { targets.insert(link.target) }
        }
        #expect(targets.count > 40, "real link targets: \(targets.count)")
        for target in targets {
            let fast = MarkdownLinks.split(target), slow = MarkdownLinks.splitByCharacters(target)
            #expect(fast.target == slow.target && fast.anchor == slow.anchor, "\(target)")
            #expect(MarkdownLinks.percentDecoded(fast.target) == MarkdownLinks.percentDecoded(slow.target))
            let decoded = MarkdownLinks.percentDecoded(fast.target)
            for directory in directories {
                #expect(MarkdownLinks.resolve(decoded, from: directory) == MarkdownLinks.resolveByCharacters(decoded, from: directory),
                        "\(decoded) from \(directory)")
            }
        }
    }
}
