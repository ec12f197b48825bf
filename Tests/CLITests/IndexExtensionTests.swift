import Foundation
import Testing
import TestSupport

/// Every extension git 2.39 writes into an index (`TREE`, `REUC`, `link`, `UNTR`, `FSMN`,
/// `EOIE`, `IEOT`, `sdir`), each enabled the way a user enables it: `suggest` reports what
/// `git diff --cached` reports, and a hook `run` through a real `git commit` sees the staged
/// content, keeps unstaged work and leaves an index git reads. (`TREE`, `link` and `sdir` are
/// also covered by SuggestParityIndexFormatTests.) An index neither git-tapps nor git can read
/// is one clear line and exit 2, with nothing touched.
@Suite struct IndexExtensionTests {
    /// Turns on what makes git write `signature`, then checks git did write it.
    private func enable(_ signature: String, in repo: ScratchRepository) throws {
        switch signature {
        case "UNTR":
            try repo.git("update-index", "--untracked-cache")
            _ = try repo.git("status", "--porcelain")
        case "FSMN":
            // A version 2 fsmonitor hook: a token, then the paths changed since ("/": all of them).
            try repo.write(".git/fsmonitor-hook", "#!/bin/sh\nprintf 'token-1\\0/\\0'\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path(".git/fsmonitor-hook"))
            try repo.git("config", "core.fsmonitor", repo.path(".git/fsmonitor-hook"))
            try repo.git("config", "core.fsmonitorHookVersion", "2")
            try repo.git("update-index", "--fsmonitor")
            _ = try repo.git("status", "--porcelain")
        case "EOIE", "IEOT":
            try repo.git("config", "index.threads", "2")
            try repo.git("config", "index.recordEndOfIndexEntries", "true")
            try repo.git("config", "index.recordOffsetTable", "true")
            try repo.git("update-index", "--index-version", "4")
        case "REUC":
            // A conflict resolved with `git add` leaves its stages in the resolve-undo extension.
            try repo.git("checkout", "-q", "-b", "side")
            try repo.write("out/f3.txt", "side\n")
            try repo.git("commit", "-q", "--no-verify", "-am", "side")
            try repo.git("checkout", "-q", "main")
            try repo.write("out/f3.txt", "main\n")
            try repo.git("commit", "-q", "--no-verify", "-am", "main")
            #expect(throws: ScratchError.self) { try repo.git("merge", "-q", "side") }
            try repo.write("out/f3.txt", "resolved\n")
            try repo.git("add", "out/f3.txt")
        default:
            Issue.record("no way to enable \(signature)")
        }
        let found = try IndexExtensions.signatures(in: #require(repo.read(".git/index")))
        #expect(found.contains(signature), "git wrote \(found), not \(signature)")
    }

    @Test(arguments: ["UNTR", "FSMN", "EOIE", "IEOT", "REUC"])
    func suggestReadsAnIndexWithTheExtension(signature: String) throws {
        let repo = try IndexFormatFixture.repository()
        try enable(signature, in: repo)
        try IndexFormatFixture.stageMixedChanges(repo)
        #expect(try IndexExtensions.signatures(in: #require(repo.read(".git/index"))).contains(signature))
        let result = try repo.tapps(["suggest", "--format", "json"])
        #expect(result.errorText.isEmpty, "\(result.errorText)")
        try Parity.expectMatch(repo)
    }

    @Test(arguments: ["UNTR", "FSMN", "EOIE", "IEOT", "REUC"])
    func aHookRunWorksOnAnIndexWithTheExtension(signature: String) throws {
        let repo = try IndexFormatFixture.repositoryWithLookingHook()
        try enable(signature, in: repo)
        try IndexFormatFixture.stageMixedChanges(repo)
        try repo.write("in/f1.txt", "replaced\nlines\nhere\nand unstaged work\n")
        let names = try repo.git("diff", "--cached", "--name-only")
        let head = try repo.git("rev-parse", "HEAD")
        try repo.git(["commit", "-q", "-m", "through the hook"], environment: RunCommandTests.hookEnvironment)
        #expect(repo.readText(".seen/f1") == "replaced\nlines\nhere\n")
        #expect(repo.readText(".seen/names") == names)
        #expect(repo.readText("in/f1.txt") == "replaced\nlines\nhere\nand unstaged work\n")
        #expect(try repo.git("diff", "--name-only") == "in/f1.txt\n")
        #expect(try repo.git("rev-parse", "HEAD^") == head, "the commit did not go through")
        try repo.git("fsck", "--no-progress")
        _ = try repo.git("status", "--porcelain")
    }

    /// A staged fix (`stage_fixed`) writes the index: git must still read it, with every entry.
    @Test(arguments: ["UNTR", "FSMN", "EOIE", "REUC"])
    func aStagedFixWritesAnIndexGitReads(signature: String) throws {
        let fix = RunCommandTests.step("fix", ["sh", "-c", "sed -i 's/replaced/fixed/' in/f1.txt"], extra: "    modifies_files: true\n    stage_fixed: true\n")
        let repo = try IndexFormatFixture.repository()
        try repo.write(".tapps.yaml", RunCommandTests.config(fix))
        try repo.commitAll("config")
        try enable(signature, in: repo)
        try IndexFormatFixture.stageMixedChanges(repo)
        let names = try repo.git("diff", "--cached", "--name-only")
        let run = try repo.tapps(["run"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(try repo.git("show", ":in/f1.txt") == "fixed\nlines\nhere\n")
        #expect(try repo.git("diff", "--cached", "--name-only") == names)
        #expect(try repo.git("diff", "--name-only").isEmpty)
        try Parity.expectMatch(repo)
    }

    // MARK: - What nobody can read

    /// The index with one more extension, `signature`, before a recomputed checksum (as a newer
    /// git would write it).
    static func appending(_ signature: String, to index: [UInt8]) -> [UInt8] {
        var bytes = Array(index.dropLast(20))
        bytes += Array(signature.utf8) + [0, 0, 0, 4] + Array("data".utf8)
        return bytes + IndexExtensions.sha1(bytes)
    }

    private func expectOneClearLine(_ result: ProcessResult, naming path: String, mentioning what: String,
                                    sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 2, "\(result.outputText)\(result.errorText)", sourceLocation: sourceLocation)
        let lines = result.errorText.split(separator: "\n")
        #expect(lines.count == 1, "\(result.errorText)", sourceLocation: sourceLocation)
        #expect(result.errorText.contains(path) && result.errorText.contains(what), "\(result.errorText)", sourceLocation: sourceLocation)
        #expect(!result.errorText.contains("Fatal error") && !result.wasSignalled, sourceLocation: sourceLocation)
    }

    @Test func aMandatoryExtensionNobodyKnowsIsOneLineAndNothingIsTouched() throws {
        let repo = try IndexFormatFixture.repository()
        try repo.write(".tapps.yaml", RunCommandTests.config(RunCommandTests.step("ok", ["true"])))
        try repo.commitAll("config")
        try IndexFormatFixture.stageMixedChanges(repo)
        try repo.write("in/f1.txt", "unstaged work\n")
        try repo.write(".git/index", bytes: Self.appending("zzzz", to: #require(repo.read(".git/index"))))
        let index = try #require(repo.read(".git/index"))
        let files = try workTree(repo)
        #expect(throws: ScratchError.self) { try repo.git("status") } // git cannot read it either

        let indexPath = repo.path(".git/index")
        expectOneClearLine(try repo.tapps(["suggest"]), naming: indexPath, mentioning: "'zzzz'")
        expectOneClearLine(try repo.tapps(["run"]), naming: indexPath, mentioning: "'zzzz'")
        let json = try repo.tapps(["suggest", "--format", "json"])
        #expect(json.status == 2)
        #expect(try JSONReader.parse(json.output)["error"]?["message"]?.text?.contains(indexPath) == true, "\(json.outputText)")
        #expect(repo.read(".git/index") == index)
        #expect(try workTree(repo) == files)
        #expect(try repo.git("for-each-ref", "refs/tapps/backup").isEmpty)
    }

    /// Every file under the root but `.git`, with its bytes (git cannot list them from this index).
    private func workTree(_ repo: ScratchRepository) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: repo.root)
        while let relative = enumerator?.nextObject() as? String {
            if relative == ".git" { enumerator?.skipDescendants(); continue }
            if let bytes = repo.read(relative), !relative.hasSuffix("/") { files[relative] = bytes }
        }
        return files
    }

    @Test func anIndexVersionNobodyKnowsIsOneLineToo() throws {
        let repo = try IndexFormatFixture.repository()
        try IndexFormatFixture.stageMixedChanges(repo)
        var bytes = try #require(repo.read(".git/index")).dropLast(20).map { $0 }
        bytes[4...7] = [0, 0, 0, 9]
        try repo.write(".git/index", bytes: bytes + IndexExtensions.sha1(bytes))
        let index = try #require(repo.read(".git/index"))
        expectOneClearLine(try repo.tapps(["suggest"]), naming: repo.path(".git/index"), mentioning: "version 9")
        expectOneClearLine(try repo.tapps(["run"]), naming: repo.path(".git/index"), mentioning: "version 9")
        #expect(repo.read(".git/index") == index)
    }
}
