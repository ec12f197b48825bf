import Foundation
import Testing
import TappsCore
import TappsGit
import TappsRunner
import TestSupport

/// Each case: the work tree holds exactly the staged content during isolation, and every byte,
/// the index file, `git ls-files -s` and `git status` are identical afterwards.
@Suite struct IsolationFidelityTests {
    @Test func partiallyStagedFile() throws {
        let repo = try ScratchRepository()
        try repo.write("a.txt", "one\ntwo\n")
        try repo.write("clean.txt", "untouched\n")
        try repo.commitAll()
        try repo.write("a.txt", "one\ntwo\nstaged\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "one\ntwo\nstaged\nunstaged\n")
        try IsolationHarness(repo).roundTrip { isolation in
            #expect(repo.readText("a.txt") == "one\ntwo\nstaged\n")
            #expect(repo.readText("clean.txt") == "untouched\n")
            #expect(isolation.changedPaths() == [])
        }
        #expect(repo.readText("a.txt") == "one\ntwo\nstaged\nunstaged\n")
    }

    @Test func binaryAndNonUTF8Content() throws {
        let repo = try ScratchRepository()
        try repo.write("image.bin", bytes: [0x89, 0x50, 0x00, 0xff, 0x0d, 0x0a, 0x00, 0x01])
        try repo.write("latin1.txt", bytes: Array("caf".utf8) + [0xe9, 0x0a])
        try repo.commitAll()
        try repo.write("image.bin", bytes: [0x89, 0x50, 0x00, 0xfe, 0x0d, 0x0a])
        try repo.write("latin1.txt", bytes: Array("na".utf8) + [0xef, 0x76, 0x65, 0x0a])
        try repo.git("add", "-A")
        try repo.write("image.bin", bytes: [0x00, 0x00, 0xff, 0x0d, 0x0d, 0x0a, 0x1a])
        try repo.write("latin1.txt", bytes: Array("na".utf8) + [0xef, 0x76, 0x65, 0x0d, 0x0a, 0xa0, 0x0a])
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.read("image.bin") == [0x89, 0x50, 0x00, 0xfe, 0x0d, 0x0a])
            #expect(repo.read("latin1.txt") == Array("na".utf8) + [0xef, 0x76, 0x65, 0x0a])
        }
    }

    @Test func crlfWithAutocrlf() throws {
        let repo = try ScratchRepository()
        try repo.git("config", "core.autocrlf", "true")
        try repo.write("dos.txt", "one\r\ntwo\r\n")
        try repo.write("clean-lf.txt", "lf only\n")
        try repo.commitAll()
        try repo.write("dos.txt", "one\r\ntwo\r\nstaged\r\n")
        try repo.git("add", "dos.txt")
        try repo.write("dos.txt", "one\r\ntwo\r\nstaged\r\nmixed\nline\r\n")
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("dos.txt") == "one\r\ntwo\r\nstaged\r\n")
            #expect(repo.readText("clean-lf.txt") == "lf only\n")
        }
        #expect(repo.readText("dos.txt") == "one\r\ntwo\r\nstaged\r\nmixed\nline\r\n")
    }

    @Test func crlfWithGitattributes() throws {
        let repo = try ScratchRepository()
        try repo.write(".gitattributes", "*.txt text eol=crlf\n*.lf text eol=lf\n*.raw -text\n")
        try repo.write("a.txt", "alpha\r\n")
        try repo.write("b.lf", "beta\n")
        try repo.write("c.raw", "gamma\r\n")
        try repo.commitAll()
        try repo.write("a.txt", "alpha\r\nstaged\r\n")
        try repo.write("b.lf", "beta\nstaged\n")
        try repo.write("c.raw", "gamma\r\nstaged\r\n")
        try repo.git("add", "-A")
        try repo.write("a.txt", "alpha\r\nstaged\r\nlf-only\n")
        try repo.write("b.lf", "beta\r\nstaged\r\nuser\r\n")
        try repo.write("c.raw", "gamma\r\nstaged\r\nuser\n")
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("a.txt") == "alpha\r\nstaged\r\n")
            #expect(repo.readText("b.lf") == "beta\nstaged\n")
            #expect(repo.readText("c.raw") == "gamma\r\nstaged\r\n")
        }
    }

    @Test func intentToAddStaysIntentToAdd() throws {
        let repo = try ScratchRepository()
        try repo.write("base.txt", "base\n")
        try repo.commitAll()
        try repo.write("new.txt", "not staged yet\n")
        try repo.write("empty.txt", "")
        try repo.git("add", "-N", "new.txt", "empty.txt")
        let harness = IsolationHarness(repo)
        let statusBefore = String(decoding: try harness.git("status", "--porcelain=v2"), as: UTF8.self)
        #expect(statusBefore.contains("1 .A N... 000000 000000 100644"))
        try harness.roundTrip(hiddenIntentToAdd: ["new.txt", "empty.txt"])
        let statusAfter = String(decoding: try harness.git("status", "--porcelain=v2"), as: UTF8.self)
        #expect(statusAfter == statusBefore)
    }

    @Test func stagedDeletionsAndRenames() throws {
        let repo = try ScratchRepository()
        try repo.write("kept-on-disk.txt", "rm --cached\n")
        try repo.write("gone.txt", "git rm\n")
        try repo.write("old-name.txt", "line 1\nline 2\nline 3\nline 4\n")
        try repo.commitAll()
        try repo.git("rm", "-q", "--cached", "kept-on-disk.txt")
        try repo.git("rm", "-q", "gone.txt")
        try repo.git("mv", "old-name.txt", "new-name.txt")
        try repo.write("new-name.txt", "line 1\nline 2\nline 3\nline 4\nunstaged\n")
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("kept-on-disk.txt") == "rm --cached\n")
            #expect(repo.read("gone.txt") == nil)
            #expect(repo.read("old-name.txt") == nil)
            #expect(repo.readText("new-name.txt") == "line 1\nline 2\nline 3\nline 4\n")
        }
    }

    @Test func filesDeletedInTheWorkTree() throws {
        let repo = try ScratchRepository()
        try repo.write("x.txt", "x\n")
        try repo.write("dir/sub/y.txt", "y\n")
        try repo.write("dir/z.txt", "z\n")
        try repo.commitAll()
        try FileManager.default.removeItem(atPath: repo.path("x.txt"))
        try FileManager.default.removeItem(atPath: repo.path("dir"))
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("x.txt") == "x\n")
            #expect(repo.readText("dir/sub/y.txt") == "y\n")
            #expect(repo.readText("dir/z.txt") == "z\n")
        }
        #expect(!FileManager.default.fileExists(atPath: repo.path("dir")))
    }

    @Test func symlinksAndTypeChanges() throws {
        let repo = try ScratchRepository()
        try repo.write("target.txt", "target\n")
        try FileManager.default.createSymbolicLink(atPath: repo.path("link"), withDestinationPath: "first")
        try FileManager.default.createSymbolicLink(atPath: repo.path("becomes-file"), withDestinationPath: "target.txt")
        try repo.write("becomes-link", "a file\n")
        try repo.commitAll()
        try FileManager.default.removeItem(atPath: repo.path("link"))
        try FileManager.default.createSymbolicLink(atPath: repo.path("link"), withDestinationPath: "second")
        try repo.git("add", "link")
        try FileManager.default.removeItem(atPath: repo.path("link"))
        try FileManager.default.createSymbolicLink(atPath: repo.path("link"), withDestinationPath: "third \u{e9}")
        try FileManager.default.removeItem(atPath: repo.path("becomes-file"))
        try repo.write("becomes-file", "now a regular file\n")
        try FileManager.default.removeItem(atPath: repo.path("becomes-link"))
        try FileManager.default.createSymbolicLink(atPath: repo.path("becomes-link"), withDestinationPath: "target.txt")
        try IsolationHarness(repo).roundTrip { _ in
            let tree = RawTree.read(root: repo.root)
            #expect(tree[Array("link".utf8)] == .symlink(Array("second".utf8)))
            #expect(tree[Array("becomes-file".utf8)] == .symlink(Array("target.txt".utf8)))
            #expect(tree[Array("becomes-link".utf8)] == .file(Array("a file\n".utf8), permissions: 0o644))
        }
    }

    @Test func untrackedAndIgnoredFilesUntouched() throws {
        let repo = try ScratchRepository()
        try repo.write(".gitignore", "*.log\nbuild/\n")
        try repo.write("src/main.py", "print(1)\n")
        try repo.commitAll()
        try repo.write("src/main.py", "print(2)\n")
        try repo.git("add", "src/main.py")
        try repo.write("src/main.py", "print(3)\n")
        try repo.write("notes.txt", "untracked\n")
        try repo.write("src/new.py", "untracked in a tracked dir\n")
        try repo.write("fresh/deep/file.txt", "untracked dir\n")
        try repo.write("app.log", "ignored\n")
        try repo.write("build/out.o", "ignored dir\n")
        try repo.write("src/debug.log", "ignored in a tracked dir\n")
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("src/main.py") == "print(2)\n")
            #expect(repo.readText("src/new.py") == "untracked in a tracked dir\n")
            #expect(repo.readText("build/out.o") == "ignored dir\n")
            #expect(repo.readText("src/debug.log") == "ignored in a tracked dir\n")
        }
    }

    @Test func executableBitChanges() throws {
        let repo = try ScratchRepository()
        try repo.write("run.sh", "#!/bin/sh\n")
        try repo.write("tool.sh", "#!/bin/sh\necho\n")
        try repo.commitAll()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path("run.sh"))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: repo.path("tool.sh"))
        try repo.git("add", "tool.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: repo.path("tool.sh"))
        try IsolationHarness(repo).roundTrip { _ in
            let tree = RawTree.read(root: repo.root)
            if case let .file(_, permissions) = tree[Array("run.sh".utf8)] { #expect(permissions & 0o100 == 0) } else { Issue.record("run.sh missing") }
            if case let .file(_, permissions) = tree[Array("tool.sh".utf8)] { #expect(permissions & 0o100 != 0) } else { Issue.record("tool.sh missing") }
        }
    }

    @Test func unbornBranch() throws {
        let repo = try ScratchRepository()
        try repo.write("first.txt", "staged\n")
        try repo.git("add", "first.txt")
        try repo.write("first.txt", "staged\nand more\n")
        try repo.write("other.txt", "untracked\n")
        try IsolationHarness(repo).roundTrip { _ in
            #expect(repo.readText("first.txt") == "staged\n")
        }
    }

    @Test func awkwardFileNames() throws {
        let repo = try ScratchRepository()
        let names: [[UInt8]] = [
            Array("with space.txt".utf8), Array("new\nline.txt".utf8), Array("-dash.txt".utf8),
            [0x66, 0xff, 0xfe, 0x2e, 0x74], Array("*glob?[x].txt".utf8), Array("tab\there\"quote\\".utf8),
        ]
        for name in names { try repo.write(rawName: name, bytes: Array("base\n".utf8)) }
        try repo.commitAll()
        for name in names { try repo.write(rawName: name, bytes: Array("base\nstaged\n".utf8)) }
        try repo.git("add", "-A")
        for name in names { try repo.write(rawName: name, bytes: Array("base\nstaged\nunstaged\n".utf8)) }
        try repo.write(rawName: Array("*glob-match.txt".utf8), bytes: Array("untracked, matches a glob\n".utf8))
        try IsolationHarness(repo).roundTrip { _ in
            for name in names { #expect(RawTree.bytes(root: repo.root, name) == Array("base\nstaged\n".utf8)) }
        }
    }
}
