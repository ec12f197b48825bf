import Foundation
import Testing
import TestSupport

/// `git tapps suggest --format json` on real repositories: for every scenario its files (path,
/// status, old path, line counts, binary) equal `git diff --cached --name-status -z` joined with
/// `git diff --cached --numstat -z`, run in the same place with the same environment.
@Suite struct SuggestParityTests {
    @Test func unbornBranchListsTheFirstCommitsFiles() throws {
        let repo = try ScratchRepository()
        try repo.write("README.md", "# demo\n\nhello\n")
        try repo.write("src/deep/nested/app.py", "print('hi')\n")
        try repo.write("empty.txt", "")
        try repo.git("add", "-A")
        let document = try Parity.expectMatch(repo)
        #expect(document["context"]?["files_affected"] == .number(3))
    }

    @Test func renamesCarryTheOldPath() throws {
        let repo = try ScratchRepository()
        let body = (1...30).map { "line \($0) of a file that will move\n" }.joined()
        try repo.write("docs/guide.md", body)
        try repo.write("src/old_name.swift", body + "extra\n")
        try repo.commitAll("base")
        try repo.git("mv", "docs/guide.md", "docs/handbook.md")
        try FileManager.default.createDirectory(atPath: repo.path("lib"), withIntermediateDirectories: true)
        try repo.git("mv", "src/old_name.swift", "lib/new_name.swift")
        try repo.write("lib/new_name.swift", body + "changed\n")
        try repo.git("add", "-A")
        let expected = try Parity.git(in: repo.root)
        #expect(expected.filter { $0.status == "R" }.count == 2)
        let document = try Parity.expectMatch(repo)
        guard case .array(let files) = document["context"]?["files"] else { Issue.record("no files"); return }
        #expect(files.contains {
            $0["status"]?.text == "R" && $0["old_path"]?.text == "src/old_name.swift" && $0["path"]?.text == "lib/new_name.swift"
        })
    }

    @Test func deletionsAndDirectoryReplacements() throws {
        let repo = try ScratchRepository()
        try repo.write("gone.txt", "a\nb\nc\n")
        try repo.write("dir/gone/deep.txt", "deep\n")
        try repo.write("dir/kept.txt", "kept\n")
        try repo.write("becomes-dir", "file\n")
        try repo.commitAll("base")
        try repo.git("rm", "-q", "gone.txt")
        try repo.git("rm", "-q", "-r", "dir/gone")
        try repo.git("rm", "-q", "becomes-dir")
        try repo.write("becomes-dir/inner.txt", "now a directory\n")
        try repo.git("add", "-A")
        let records = try Parity.git(in: repo.root)
        #expect(records.map(\.status) == ["D", "A", "D", "D"])
        try Parity.expectMatch(repo)
    }

    @Test func binariesHaveTheFlagAndNoLineCounts() throws {
        let repo = try ScratchRepository()
        try repo.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        try repo.write("text.txt", "one\n")
        try repo.commitAll("base")
        try repo.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x03])
        try repo.write("added.bin", bytes: [0x00, 0xFF, 0x00, 0x10])
        try repo.write(".gitattributes", "*.dat binary\n")
        try repo.write("marked.dat", "plain text, binary by attribute\n")
        try repo.git("add", "-A")
        let document = try Parity.expectMatch(repo)
        let binaries = Set(document["context"]?["binary_files"]?.strings.map { String(decoding: $0, as: UTF8.self) } ?? [])
        #expect(binaries == ["image.png", "added.bin", "marked.dat"])
    }

    @Test func attributesComeFromTheWorkTreeFirstThenTheIndex() throws {
        let repo = try ScratchRepository()
        try repo.write(".gitattributes", "*.dat binary\n")
        try repo.write("docs/.gitattributes", "*.txt -diff\n")
        try repo.write("docs/a.txt", "a\n")
        try repo.write("src/b.dat", "b\n")
        try repo.write("src/c.txt", "c\n")
        try repo.commitAll("base")
        for name in ["docs/a.txt", "src/b.dat", "src/c.txt"] { try repo.write(name, "changed\n") }
        try repo.git("add", "-A")
        try Parity.expectMatch(repo) // the index's attribute files, equal to the work tree's
        try repo.write(".gitattributes", "*.dat binary\n*.txt binary\n") // edited, not staged
        try Parity.expectMatch(repo)
        try repo.write("src/.gitattributes", "*.dat -binary diff\n") // untracked
        try Parity.expectMatch(repo)
        try FileManager.default.removeItem(atPath: repo.path(".gitattributes"))
        try FileManager.default.removeItem(atPath: repo.path("src/.gitattributes"))
        try FileManager.default.removeItem(atPath: repo.path("docs/.gitattributes")) // the index's copy then applies
        try Parity.expectMatch(repo)
    }

    @Test func submodulesAreFlaggedThroughAddUpdateAndRemoval() throws {
        let library = try ScratchRepository()
        try library.write("lib.txt", "v1\n")
        try library.commitAll("v1")
        let repo = try ScratchRepository()
        try repo.write("app.txt", "app\n")
        try repo.commitAll("base")
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.root, "vendor/lib")
        var document = try Parity.expectMatch(repo)
        #expect(document["context"]?["submodules"]?.strings == [Array("vendor/lib".utf8)])
        try repo.git("commit", "-q", "--no-verify", "-m", "add submodule")

        try repo.git(["commit", "-q", "--allow-empty", "-m", "moved on"], in: repo.path("vendor/lib"))
        try repo.git("add", "vendor/lib")
        document = try Parity.expectMatch(repo)
        #expect(document["context"]?["submodules"]?.strings == [Array("vendor/lib".utf8)])

        try repo.git("rm", "-q", "--cached", "vendor/lib")
        try Parity.expectMatch(repo)
    }

    @Test func typeChangesCountLinesLikeGit() throws {
        let repo = try ScratchRepository()
        try repo.write("to-link", "x\na")
        try repo.write("to-file-target", "target\n")
        try repo.write("binary-to-link", bytes: [0x00, 0x01, 0x0A])
        try repo.commitAll("base")
        try FileManager.default.createSymbolicLink(atPath: repo.path("from-link"), withDestinationPath: "to-file-target")
        try repo.commitAll("link")
        for name in ["to-link", "binary-to-link"] {
            try FileManager.default.removeItem(atPath: repo.path(name))
            try FileManager.default.createSymbolicLink(atPath: repo.path(name), withDestinationPath: "a")
        }
        try FileManager.default.removeItem(atPath: repo.path("from-link"))
        try repo.write("from-link", "now a file\nwith two lines\n")
        try repo.git("add", "-A")
        let records = try Parity.git(in: repo.root)
        #expect(records.map(\.status) == ["T", "T", "T"])
        try Parity.expectMatch(repo)
    }

    @Test func modesEmptyFilesLineEndingsAndMissingNewlines() throws {
        let repo = try ScratchRepository()
        try repo.write("script.sh", "echo hi\n")
        try repo.write("crlf.txt", "one\r\ntwo\r\n")
        try repo.write("no-newline.txt", "x\ny")
        try repo.commitAll("base")
        try repo.git("update-index", "--chmod=+x", "script.sh")
        try repo.write("crlf.txt", "one\r\nthree\r\n")
        try repo.write("no-newline.txt", "x\nz")
        try repo.write("empty", "")
        try repo.git("add", "-A")
        try Parity.expectMatch(repo)
    }

    @Test func intentToAddPathsAreNotStaged() throws {
        let repo = try ScratchRepository()
        try repo.write("tracked.txt", "tracked\n")
        try repo.write("was-tracked.txt", "soon only intended\n")
        try repo.commitAll("base")
        try repo.write("intended.txt", "not staged yet\n")
        try repo.git("add", "-N", "intended.txt")
        try repo.git("rm", "-q", "--cached", "was-tracked.txt")
        try repo.git("add", "-N", "was-tracked.txt")
        let records = try Parity.git(in: repo.root)
        #expect(records.map(\.status) == ["D"])
        try Parity.expectMatch(repo)
    }

    @Test func mergeConflictsAreReportedAsUnmerged() throws {
        let repo = try ScratchRepository()
        try repo.write("shared.txt", "base\n")
        try repo.write("clean.txt", "base\n")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "side")
        try repo.write("shared.txt", "side\n")
        try repo.write("clean.txt", "base\nside addition\n")
        try repo.write("both-added.txt", "side\n")
        try repo.commitAll("side")
        try repo.git("checkout", "-q", "main")
        try repo.write("shared.txt", "main\n")
        try repo.write("both-added.txt", "main\n")
        try repo.commitAll("main")
        #expect(throws: (any Error).self) { try repo.git("merge", "-q", "side") }
        let document = try Parity.expectMatch(repo)
        let unmerged = document["context"]?["unmerged_files"]?.strings.map { String(decoding: $0, as: UTF8.self) }
        #expect(unmerged == ["both-added.txt", "shared.txt"])
    }

    @Test func hostileFileNamesSurviveByteForByte() throws {
        let repo = try ScratchRepository()
        let names: [[UInt8]] = [
            Array("with space.txt".utf8), Array("new\nline.txt".utf8), Array("tab\there.txt".utf8),
            Array("quote\"d.txt".utf8), Array("back\\slash.txt".utf8), Array("-leading-dash.txt".utf8),
            Array("naïve-ü.md".utf8), [0x66, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74], [0x73, 0xED, 0xB3, 0xBF, 0x2E, 0x6D, 0x64],
            Array("'single' and $dollar.txt".utf8),
        ]
        for (number, name) in names.enumerated() {
            try repo.write(rawName: name, bytes: Array("content \(number)\nsecond line\n".utf8))
        }
        try repo.write(rawName: Array("to-rename\u{1}.txt".utf8), bytes: Array((1...20).map { "moving line \($0)\n" }.joined().utf8))
        try repo.commitAll("base")
        try repo.write(rawName: names[0], bytes: Array("changed\n".utf8))
        try repo.write(rawName: names[7], bytes: Array("changed non-UTF-8 name\n".utf8))
        try FileManager.default.removeItem(atPath: repo.path("new\nline.txt"))
        try repo.git("mv", "--", "to-rename\u{1}.txt", "-renamed \"q\" \\ \t.txt")
        try repo.write(rawName: [0x6E, 0x65, 0x77, 0x80, 0x2D, 0x0A], bytes: Array("added\n".utf8))
        try repo.git("add", "-A")
        let document = try Parity.expectMatch(repo)
        let paths = try Parity.tapps(try repo.tapps(["suggest", "--format", "json"]).output).map(\.path)
        #expect(paths.contains([0x66, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74]))
        #expect(paths.contains([0x6E, 0x65, 0x77, 0x80, 0x2D, 0x0A]))
        #expect(document["context"]?["files_affected"] == .number(5))
    }

    @Test func linkedWorktreesAndSubdirectories() throws {
        let repo = try ScratchRepository()
        try repo.write("src/module/file.swift", "let a = 1\n")
        try repo.write("top.txt", "top\n")
        try repo.commitAll("base")
        let holder = try ScratchRepository(initialize: false)
        let worktree = holder.path("linked")
        try repo.git("worktree", "add", "-q", "-b", "feature", worktree)
        try "let a = 2\nlet b = 3\n".write(toFile: worktree + "/src/module/file.swift", atomically: false, encoding: .utf8)
        try "new\n".write(toFile: worktree + "/src/added.swift", atomically: false, encoding: .utf8)
        try repo.git(["add", "-A"], in: worktree)
        // The main work tree has nothing staged; the linked one has its own index.
        let main = try repo.tapps(["suggest", "--format", "json"])
        #expect(try Parity.tapps(main.output).isEmpty)
        let document = try Parity.expectMatch(repo, in: worktree)
        #expect(document["context"]?["files_affected"] == .number(2))
        try Parity.expectMatch(repo, in: worktree + "/src/module", gitDirectory: worktree)
    }

    @Test func runningFromASubdirectoryReportsRootRelativePaths() throws {
        let repo = try ScratchRepository()
        try repo.write("a/b/c/deep.txt", "one\n")
        try repo.write("z.txt", "z\n")
        try repo.commitAll("base")
        try repo.write("a/b/c/deep.txt", "two\n")
        try repo.write("z.txt", "zz\n")
        try repo.git("add", "-A")
        let document = try Parity.expectMatch(repo, in: repo.path("a/b"), gitDirectory: repo.root)
        #expect(document["context"]?["files_affected"] == .number(2))
    }

    @Test func gitDirAndWorkTreeFromTheEnvironment() throws {
        let repo = try ScratchRepository()
        try repo.write("file.txt", "one\n")
        try repo.commitAll("base")
        try repo.write("file.txt", "two\n")
        try repo.write("new.txt", "new\n")
        try repo.git("add", "-A")
        let elsewhere = try ScratchRepository(initialize: false)
        let environment = ["GIT_DIR": repo.path(".git"), "GIT_WORK_TREE": repo.root]
        let document = try Parity.expectMatch(repo, in: elsewhere.root, environment: environment)
        #expect(document["context"]?["files_affected"] == .number(2))
        try Parity.expectMatch(repo, in: elsewhere.root, environment: ["GIT_DIR": repo.path(".git")])
    }

    @Test func anIndexFileFromTheEnvironmentIsTheOneRead() throws {
        let repo = try ScratchRepository()
        try repo.write("file.txt", "one\n")
        try repo.write("other.txt", "other\n")
        try repo.commitAll("base")
        try repo.write("file.txt", "two\n")
        try repo.git("add", "file.txt")
        let alternate = repo.path(".git/alternate-index")
        try FileManager.default.copyItem(atPath: repo.path(".git/index"), toPath: alternate)
        try repo.write("other.txt", "changed only in the alternate index\n")
        try repo.git("add", "other.txt", environment: ["GIT_INDEX_FILE": alternate])
        let document = try Parity.expectMatch(repo, environment: ["GIT_INDEX_FILE": alternate])
        #expect(document["context"]?["files_affected"] == .number(2))
        let plain = try Parity.expectMatch(repo)
        #expect(plain["context"]?["files_affected"] == .number(1))
    }

    @Test func indexFormatsAndCacheTreeStates() throws {
        let repo = try ScratchRepository()
        for top in 0..<4 {
            for inner in 0..<3 {
                try repo.write("d\(top)/e\(inner)/f.txt", "content \(top) \(inner)\n")
            }
        }
        try repo.commitAll("one")
        try repo.write("d1/e1/f.txt", "second commit\n")
        try repo.write("d3/new.txt", "new\n")
        try repo.commitAll("two")
        // A fully valid cache tree that is not HEAD's: every directory must still be compared.
        try repo.git("reset", "-q", "--soft", "HEAD~1")
        try Parity.expectMatch(repo)
        try repo.git("update-index", "--index-version", "4")
        try Parity.expectMatch(repo)
        try repo.write("d2/e0/f.txt", "changed in a v4 index\n")
        try repo.git("add", "d2/e0/f.txt")
        try Parity.expectMatch(repo)
        try repo.git("update-index", "--index-version", "3")
        try repo.write("d0/intended.txt", "x\n")
        try repo.git("add", "-N", "d0/intended.txt")
        try Parity.expectMatch(repo)
        try repo.git("update-index", "--index-version", "2", "--split-index")
        try repo.write("d0/e2/f.txt", "changed with a split index\n")
        try repo.git("add", "d0/e2/f.txt")
        try Parity.expectMatch(repo)
    }

    @Test func outsideARepositoryTheContextIsUnavailable() throws {
        let directory = try ScratchRepository(initialize: false)
        let parent = URL(fileURLWithPath: directory.root).deletingLastPathComponent().path
        let result = try directory.tapps(["suggest", "--format", "json", "Fix a typo"],
                                        environment: ["GIT_CEILING_DIRECTORIES": parent])
        #expect(result.status == 0, "\(result.errorText)")
        let document = try JSONReader.parse(result.output)
        #expect(document["context"]?["available"] == .bool(false))
        #expect(document["context"]?["files"] == .array([]))
        let text = try directory.tapps(["suggest", "Fix a typo"], environment: ["GIT_CEILING_DIRECTORIES": parent])
        #expect(text.status == 0)
        #expect(text.outputText.contains("no repository"))
    }

    @Test func aBareRepositoryIsAClearError() throws {
        let directory = try ScratchRepository(initialize: false)
        try directory.git("init", "-q", "--bare")
        let result = try directory.tapps(["suggest"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        let lines = result.errorText.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.errorText.contains("bare repository"))
        // With --format json the same error is JSON on stdout.
        let json = try directory.tapps(["suggest", "--format", "json"])
        #expect(json.status == 2 && json.error.isEmpty)
        let error = (try JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])?["error"] as? [String: Any]
        let message = (error?["message"] as? String) ?? ""
        #expect(message.contains("bare repository"))
    }
}
