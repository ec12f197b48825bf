import Foundation
import Testing
import TappsCore
@testable import TappsRunner
import TappsGit
import TestSupport

/// markdown-links keeps each staged Markdown blob's parsed links and anchors in the guard-result cache. Checked on
/// a real documentation tree (this project's README and guides, with their real links and anchors between files),
/// with broken links, images and anchors added: the findings from parsed, cached documents equal those of the
/// bytes, through every run, and a repeated run reads no blob.
@Suite struct MarkdownDocumentCacheTests {
    /// Real documentation trees: this project's README and guides, and the Markdown of the packages it builds with
    /// (`.build/checkouts`: swift-argument-parser's DocC articles, Yams' README …), as (path in the test repository, bytes).
    static let documents: [(path: String, bytes: [UInt8])] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var found: [(String, [UInt8])] = []
        func collect(_ directory: String, as prefix: String) {
            let enumerator = FileManager.default.enumerator(atPath: root + "/" + directory)
            while let relative = enumerator?.nextObject() as? String {
                guard relative.hasSuffix(".md"), !relative.contains("/.build/"),
                      let data = FileManager.default.contents(atPath: root + "/" + directory + "/" + relative) else { continue }
                found.append((prefix + relative, Array(data)))
            }
        }
        collect("docs", as: "docs/")
        collect(".build/checkouts", as: "vendor/")
        if let readme = FileManager.default.contents(atPath: root + "/README.md") { found.append(("README.md", Array(readme))) }
        return found.sorted { $0.0 < $1.0 }
    }()

    /// Broken references of every kind, appended to real documents.
    static let breakage = "\n\nSee [gone](missing.md), ![lost](img/none.png), [bad anchor](#no-such-heading-here), "
        + "[other file's bad anchor](../README.md#not-a-heading) and <a href=\"nowhere.html\">x</a>.\n"

    static func repository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "preset: full-sdlc\n")
        try repo.commitAll("base")
        for (index, document) in documents.enumerated() {
            try repo.write(document.path, bytes: document.bytes + (index % 3 == 0 ? Array(breakage.utf8) : []))
        }
        try repo.git("add", "-A")
        return repo
    }

    static func settle(_ repo: ScratchRepository, useCache: Bool = true) throws -> GuardExecution.Settled {
        let config = try ConfigLoader.parse("")
        let session = RepositorySession(repository: try Repository.open(at: repo.root), root: repo.root, config: config)
        let names = try repo.git("diff", "--cached", "--name-only").split(separator: "\n").map { RepoPath(String($0)) }
        let plan = StepPlanner.plan(preset: BuiltInPresets.fullSDLC, config: config, files: names, allTrackedFiles: { [] }, skip: [])
        return GuardExecution.settle(plan.run.filter { $0.check == .markdownLinks }, session: session, scope: .staged,
                                     environment: [:], useCache: useCache)
    }

    static func findings(_ settled: GuardExecution.Settled) -> [String] {
        settled.results.flatMap { result in
            result.findings.map { "\($0.file?.string ?? "-"):\($0.line ?? -1):\($0.column ?? -1) \($0.code ?? "-") \($0.message)" }
        }
    }

    @Test func theRealDocumentsAreThere() {
        #expect(Self.documents.count >= 30, "\(Self.documents.map(\.path))")
    }

    @Test func aParsedDocumentIsCheckedExactlyAsItsBytesAndSurvivesItsRecord() {
        let bytesByPath = Dictionary(uniqueKeysWithValues: Self.documents.map { ($0.path, $0.bytes + Array(Self.breakage.utf8)) })
        let directories = Set(bytesByPath.keys.flatMap { path in
            path.split(separator: "/").dropLast().indices.map { path.split(separator: "/")[...$0].joined(separator: "/") }
        })
        let exists = { (path: String) in bytesByPath[path] != nil || directories.contains(path) }
        let tree = MarkdownLinks.Tree(exists: exists) { bytesByPath[$0] }
        let documentTree = MarkdownLinks.DocumentTree(exists: exists) { path in
            bytesByPath[path].flatMap { MarkdownDocumentRecord.decode(MarkdownDocumentRecord.encode(MarkdownLinks.Document($0))) }
        }
        var total = 0, links = 0
        for (path, bytes) in bytesByPath {
            let document = MarkdownLinks.Document(bytes)
            #expect(MarkdownDocumentRecord.decode(MarkdownDocumentRecord.encode(document)) == document, "\(path)")
            let fromBytes = MarkdownLinks.check(bytes, file: RepoPath(path), tree: tree)
            let fromDocument = MarkdownLinks.check(document, file: RepoPath(path), tree: documentTree)
            #expect(fromDocument == fromBytes, "\(path)")
            total += fromBytes.count
            links += document.links.count
        }
        #expect(total >= 5 * bytesByPath.count, "every document has its broken references found: \(total)")
        #expect(links > 2 * bytesByPath.count, "real documents with many links: \(links)")
    }

    @Test func aRepeatedRunReadsNoMarkdownBlobAndFindsTheSame() throws {
        let repo = try Self.repository()
        let uncached = try Self.settle(repo, useCache: false)
        let first = try Self.settle(repo)
        let second = try Self.settle(repo)
        let expected = Self.findings(uncached)
        #expect(expected.count >= 5 * (Self.documents.count / 3), "\(expected.count)")
        #expect(Self.findings(first) == expected && Self.findings(second) == expected)
        #expect(first.objectReads >= Self.documents.count, "\(first.objectReads)")
        #expect(second.objectReads == 0, "links and anchors come from the cache: \(second.objectReads)")
    }

    @Test func theVerdictFollowsTheTreeWhileThePartsComeFromTheCache() throws {
        let repo = try Self.repository()
        _ = try Self.settle(repo)
        // The cached README is unchanged; a guide that links to one of its headings now finds it gone.
        try repo.write("docs/new.md", "[x](../README.md#a-heading-added-later) and [y](gone-for-now.md)\n")
        try repo.git("add", "docs/new.md")
        let before = try Self.settle(repo)
        #expect(Self.findings(before) == Self.findings(try Self.settle(repo, useCache: false)))
        #expect(before.objectReads == 1, "only the new document is read: \(before.objectReads)")
        let readme = (Self.documents.first { $0.path == "README.md" }?.bytes ?? []) + Array("\n## A heading added later\n".utf8)
        try repo.write("README.md", bytes: readme)
        try repo.write("docs/gone-for-now.md", "back\n")
        try repo.git("add", "-A")
        let after = try Self.settle(repo)
        #expect(Self.findings(after) == Self.findings(try Self.settle(repo, useCache: false)))
        let text = Self.findings(after).joined(separator: "\n")
        #expect(!text.contains("docs/new.md"), "the new heading and file are found: \(text)")
        #expect(Self.findings(before).joined().contains("docs/new.md:1:5"), "\(Self.findings(before))")
    }
}
