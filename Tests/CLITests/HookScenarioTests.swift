import Foundation
import Testing
import TestSupport

/// Real `git commit`s through the installed hook, in the states where other hook managers lost work.
@Suite struct HookScenarioTests {
    /// A step that copies every tracked file it sees into the ignored `.seen/` directory.
    static let recorder = """
        preset: minimal
        builtins: false
        steps:
          - name: record
            phase: test
            command: ["python3", "-c", "\(recordScript)"]
            pass_filenames: false

        """

    /// Copies every tracked path, byte for byte (names too), into `.seen/`.
    static let recordScript = [
        "import os, shutil, subprocess",
        "shutil.rmtree(b'.seen', ignore_errors=True)",
        "for p in subprocess.run(['git', 'ls-files', '-z'], capture_output=True).stdout.split(bytes(1)):",
        "    t = os.path.join(b'.seen', p)",
        "    os.makedirs(os.path.dirname(t), exist_ok=True)",
        "    if p and os.path.islink(p): os.symlink(os.readlink(p), t)",
        "    elif p and os.path.isfile(p): shutil.copyfile(p, t)",
    ].joined(separator: "\\n")

    static func repository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", recorder)
        try repo.write(".gitignore", ".seen/\n")
        try repo.write("a.txt", "a1\n")
        try repo.write("b.txt", "b1\n")
        try repo.commitAll("base")
        let install = try repo.tapps(["install"])
        #expect(install.status == 0, "\(install.errorText)")
        return repo
    }

    static func commit(_ repo: ScratchRepository, _ arguments: [String], in directory: String? = nil) throws {
        try repo.git(["commit", "-q", "-m", "change"] + arguments, environment: RunCommandTests.hookEnvironment, in: directory)
    }

    static func withoutSeen(_ snapshot: WorkTreeSnapshot) -> WorkTreeSnapshot {
        var copy = snapshot
        copy.files = copy.files.filter { !$0.key.hasPrefix(".seen") }
        return copy
    }

    @Test func commitWithPathsSeesHeadPlusThosePathsAndKeepsTheRest() throws {
        let repo = try Self.repository()
        try repo.write("a.txt", "a2\n")
        try repo.write("b.txt", "b2 staged\n")
        try repo.git("add", "b.txt")
        try repo.write("b.txt", "b3 unstaged\n")
        try Self.commit(repo, ["a.txt"])
        #expect(repo.readText(".seen/a.txt") == "a2\n")
        #expect(repo.readText(".seen/b.txt") == "b1\n", "b.txt is not part of this commit: the step sees HEAD's version")
        #expect(repo.readText("b.txt") == "b3 unstaged\n")
        #expect(try repo.git("show", ":b.txt") == "b2 staged\n", "the real index keeps b.txt staged")
        #expect(try repo.git("show", "HEAD:a.txt") == "a2\n" && repo.git("show", "HEAD:b.txt") == "b1\n")
    }

    @Test func commitAllSeesEveryTrackedChangeAndLeavesUntrackedAlone() throws {
        let repo = try Self.repository()
        try repo.write("a.txt", "a2\n")
        try repo.write("new.txt", "untracked\n")
        try Self.commit(repo, ["-a"])
        #expect(repo.readText(".seen/a.txt") == "a2\n")
        #expect(repo.read(".seen/new.txt") == nil)
        #expect(repo.readText("new.txt") == "untracked\n")
        #expect(try repo.git("status", "--porcelain") == "?? new.txt\n")
    }

    @Test func partialStagingWithCRLFAndIntentToAddSurvivesACommitByteForByte() throws {
        let repo = try Self.repository()
        try repo.git("config", "core.autocrlf", "true")
        try repo.write("crlf.txt", "one\r\ntwo\r\n")
        try repo.git("add", "crlf.txt")
        try repo.git("commit", "-q", "--no-verify", "-m", "crlf")
        try repo.write("crlf.txt", "one\r\ntwo staged\r\n")
        try repo.git("add", "crlf.txt")
        try repo.write("crlf.txt", "one unstaged\r\ntwo staged\r\n")
        try repo.write("a.txt", "a2 staged\n")
        try repo.git("add", "a.txt")
        try repo.write("a.txt", "a2 staged\nplus unstaged\n")
        try repo.write("later.txt", "intent\n")
        try repo.git("add", "-N", "later.txt")
        try repo.write("bin.dat", bytes: [0, 1, 2, 255, 13, 10])
        let before = try WorkTreeSnapshot(of: repo)
        try Self.commit(repo, [])
        #expect(repo.readText(".seen/a.txt") == "a2 staged\r\n", "autocrlf: what git checkout would write")
        #expect(repo.readText(".seen/crlf.txt") == "one\r\ntwo staged\r\n")
        #expect(repo.read(".seen/later.txt") == nil, "an intent-to-add file has no staged content: steps do not see it")
        let after = try WorkTreeSnapshot(of: repo)
        #expect(Self.withoutSeen(after).files == Self.withoutSeen(before).files)
        #expect(try repo.git("diff", "--name-only") == "a.txt\ncrlf.txt\nlater.txt\n")
        #expect(try repo.git("diff", "--cached", "--name-only").isEmpty)
    }

    @Test func firstCommitOnAnUnbornBranch() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", Self.recorder)
        try repo.write(".gitignore", ".seen/\n")
        #expect(try repo.tapps(["install"]).status == 0)
        try repo.write("a.txt", "first\n")
        try repo.git("add", "-A")
        try repo.write("a.txt", "first\nunstaged\n")
        try Self.commit(repo, [])
        #expect(repo.readText(".seen/a.txt") == "first\n")
        #expect(repo.readText("a.txt") == "first\nunstaged\n")
    }

    @Test func linkedWorktreeAndHooksPath() throws {
        let repo = try Self.repository()
        try repo.git("config", "core.hooksPath", ".githooks")
        #expect(try repo.tapps(["install"]).status == 0)
        #expect(FileManager.default.isExecutableFile(atPath: repo.path(".githooks/pre-commit")))
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "hooks")
        let tree = repo.root + "-wt"
        try repo.git("worktree", "add", "-q", tree, "-b", "side")
        defer { try? FileManager.default.removeItem(atPath: tree) }
        try Data("a-side\n".utf8).write(to: URL(fileURLWithPath: tree + "/a.txt"))
        try repo.git(["add", "a.txt"], in: tree)
        try Data("a-side\nunstaged\n".utf8).write(to: URL(fileURLWithPath: tree + "/a.txt"))
        try Self.commit(repo, [], in: tree)
        #expect(FileManager.default.contents(atPath: tree + "/.seen/a.txt") == Data("a-side\n".utf8))
        #expect(FileManager.default.contents(atPath: tree + "/a.txt") == Data("a-side\nunstaged\n".utf8))
        #expect(try repo.git(["log", "-1", "--format=%s", "side"]) == "change\n")
    }

    @Test func hostileNamesPassThroughAHookRun() throws {
        let repo = try Self.repository()
        let names = ["with space.txt", "-leading.txt", "new\nline.txt", "tab\there.txt"]
        for name in names { try repo.write(name, "v1\n") }
        try repo.write(rawName: [0x6c, 0x61, 0x74, 0xe9, 0x2e, 0x74, 0x78, 0x74], bytes: Array("latin1\n".utf8))
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "names")
        for name in names { try repo.write(name, "v2 staged\n") }
        try repo.git("add", "-A")
        for name in names { try repo.write(name, "v3 unstaged\n") }
        try repo.write(rawName: [0x6c, 0x61, 0x74, 0xe9, 0x2e, 0x74, 0x78, 0x74], bytes: Array("latin1 unstaged\n".utf8))
        let before = try WorkTreeSnapshot(of: repo)
        try Self.commit(repo, [])
        for name in names { #expect(repo.readText(".seen/" + name) == "v2 staged\n", "\(name)") }
        #expect(Self.withoutSeen(try WorkTreeSnapshot(of: repo)).files == Self.withoutSeen(before).files)
    }

    @Test func unmergedPathsAreRefusedAndNothingIsTouched() throws {
        let repo = try Self.repository()
        try repo.git("checkout", "-q", "-b", "other")
        try repo.write("a.txt", "other\n")
        try repo.commitAll("other")
        try repo.git("checkout", "-q", "main")
        try repo.write("a.txt", "mine\n")
        try repo.commitAll("mine")
        _ = try? repo.git("merge", "-q", "other")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run"])
        #expect(run.status == 2)
        #expect(run.errorText.contains("a.txt") && run.errorText.contains("unmerged"), "\(run.errorText)")
        #expect(try WorkTreeSnapshot(of: repo) == before)
    }

    @Test func symlinksBinariesDeletionsAndRenamesThroughACommit() throws {
        let repo = try Self.repository()
        try repo.write("data.bin", bytes: [0, 159, 146, 150, 0, 10])
        try repo.write("old-name.txt", "rename me\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "more")
        try FileManager.default.createSymbolicLink(atPath: repo.path("link"), withDestinationPath: "a.txt")
        try repo.write("data.bin", bytes: [0, 1, 2, 3, 0, 10])
        try repo.git("add", "link", "data.bin")
        try repo.write("data.bin", bytes: [0, 255, 254, 0])
        try repo.git("mv", "old-name.txt", "new-name.txt")
        try repo.git("rm", "-q", "b.txt")
        try repo.write("b.txt", "recreated but untracked\n")
        let before = try WorkTreeSnapshot(of: repo)
        try Self.commit(repo, [])
        #expect(repo.read(".seen/data.bin") == [0, 1, 2, 3, 0, 10])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: repo.path(".seen/link")) == "a.txt")
        #expect(repo.readText(".seen/new-name.txt") == "rename me\n")
        #expect(repo.read(".seen/b.txt") == nil && repo.read(".seen/old-name.txt") == nil)
        #expect(Self.withoutSeen(try WorkTreeSnapshot(of: repo)).files == Self.withoutSeen(before).files)
        #expect(try repo.git("show", "--name-status", "--format=", "HEAD").split(separator: "\n").sorted()
            == ["A\tlink", "D\tb.txt", "M\tdata.bin", "R100\told-name.txt\tnew-name.txt"])
    }

    @Test func aSubmoduleIsNeverTouched() throws {
        let library = try ScratchRepository()
        try library.write("lib.txt", "library\n")
        try library.commitAll("library")
        let repo = try Self.repository()
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.root, "lib")
        try repo.git("commit", "-q", "--no-verify", "-m", "submodule")
        try repo.write("lib/lib.txt", "dirty inside the submodule\n")
        try repo.write("lib/untracked.txt", "untracked inside the submodule\n")
        try repo.write("a.txt", "a2\n")
        try repo.git("add", "a.txt")
        let before = try WorkTreeSnapshot(of: repo)
        try Self.commit(repo, [])
        #expect(repo.readText(".seen/a.txt") == "a2\n")
        #expect(Self.withoutSeen(try WorkTreeSnapshot(of: repo)).files == Self.withoutSeen(before).files)
        #expect(try repo.git(["status", "--porcelain"], in: repo.path("lib")).contains("lib.txt"))
    }

    /// A formatter that squeezes runs of spaces, with `stage_fixed: true`.
    static let stagingFormatter = """
        preset: standard
        builtins: false
        steps:
          - name: squeeze
            phase: review
            command: ["sed", "-i", "s/  */ /g"]
            files: '\\.txt$'
            modifies_files: true
            stage_fixed: true

        """

    @Test(arguments: [false, true])
    func stageFixedPutsTheFixIntoTheCommit(commitAll: Bool) throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", Self.stagingFormatter)
        try repo.write("a.txt", "one\n\n\n\n\n\nlast\n")
        try repo.commitAll("base")
        #expect(try repo.tapps(["install"]).status == 0)
        try repo.write("a.txt", "one  two   three\n\n\n\n\n\nlast\n")
        if commitAll {
            try Self.commit(repo, ["-a"])
        } else {
            try repo.git("add", "a.txt")
            try repo.write("a.txt", "one  two   three\n\n\n\n\n\nlast\nunstaged tail\n")
            try Self.commit(repo, [])
        }
        #expect(try repo.git("show", "HEAD:a.txt") == "one two three\n\n\n\n\n\nlast\n")
        let expected = commitAll ? "one two three\n\n\n\n\n\nlast\n" : "one two three\n\n\n\n\n\nlast\nunstaged tail\n"
        #expect(repo.readText("a.txt") == expected)
        #expect(try repo.git("diff", "--cached", "--name-only").isEmpty)
        try repo.git("fsck", "--no-progress", "--no-dangling") // throws if the index or objects are damaged
        #expect(try repo.git("status", "--porcelain") == (commitAll ? "" : " M a.txt\n"))
    }
}
