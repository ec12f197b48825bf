import Testing
@testable import TappsCore

/// Finding `git commit` in the shell commands agents run.
@Suite struct CommitCommandTests {
    @Test func plainAndOptionForms() {
        #expect(CommitCommand.find(in: "git commit -m 'Fix it'") == [CommitCommand()])
        var all = CommitCommand()
        all.all = true
        #expect(CommitCommand.find(in: "git commit -am 'Fix -n here'") == [all], "-m's value is not an option")
        #expect(CommitCommand.find(in: "git commit --all --message=-n") == [all])
        #expect(CommitCommand.find(in: "git commit -a -m x") == [all])
        var paths = CommitCommand()
        paths.paths = ["src/a.py", "b c.py"]
        #expect(CommitCommand.find(in: "git commit -m x src/a.py \"b c.py\"") == [paths])
        #expect(CommitCommand.find(in: "git commit -m x -- src/a.py 'b c.py'") == [paths])
        var include = paths
        include.include = true
        #expect(CommitCommand.find(in: "git commit -i -m x src/a.py 'b c.py'") == [include])
    }

    @Test func noVerifyInEverySpelling() {
        for line in ["git commit --no-verify -m x", "git commit -n -m x", "git commit -nm x", "git commit -anm x",
                     "git -C repo commit -qn -m x", "FOO=1 git commit --no-verify"] {
            #expect(CommitCommand.find(in: line).first?.noVerify == true, "\(line)")
        }
        for line in ["git commit -m -n", "git commit -m 'use -n'", "git commit --no-verify --verify -m x", "git commit -F notes-n.txt"] {
            #expect(CommitCommand.find(in: line).first?.noVerify == false, "\(line)")
        }
    }

    @Test func chainsDirectoriesEnvironmentAndStaging() {
        let found = CommitCommand.find(in: "cd sub && git add -A . && SKIP=mypy git -C pkg commit -m 'x'; echo done")
        #expect(found.count == 1)
        let commit = found[0]
        #expect(commit.directory == "sub/pkg")
        #expect(commit.environment == ["SKIP": "mypy"])
        #expect(commit.stagingBefore.map(\.arguments) == [["add", "-A", "."]])
        #expect(commit.stagingBefore.map(\.directory) == ["sub"])
        #expect(!commit.isPlainStaged)
        #expect(CommitCommand.find(in: "make test || git commit --dry-run -m x").first?.dryRun == true)
        #expect(CommitCommand.find(in: "git status && git diff") == [])
        #expect(CommitCommand.find(in: "echo 'git commit -m x'") == [], "a quoted word is not a command")
        #expect(CommitCommand.find(in: "grep -r commit .") == [])
        #expect(CommitCommand.find(in: "git log --grep commit") == [])
        #expect(CommitCommand.find(in: "/usr/bin/git commit -m x 2>&1 | tail -5").count == 1)
        #expect(CommitCommand.find(in: "git commit -m x > out.txt").first?.paths == [], "a redirection target is not a path")
    }

    @Test func heredocMessagesAsAgentsWriteThem() {
        let line = """
            git add src/app.py && git commit -m "$(cat <<'EOF'
            Fix the parser (don't drop "quoted" words)

            Co-Authored-By: Agent <agent@example.com>
            EOF
            )"
            """
        let found = CommitCommand.find(in: line)
        #expect(found.count == 1)
        #expect(found.first?.paths == [])
        #expect(found.first?.stagingBefore.map(\.arguments) == [["add", "src/app.py"]])
        let topLevel = "git commit -F - <<EOF\nmessage with git commit -n in it\nEOF\nls"
        #expect(CommitCommand.find(in: topLevel).map(\.noVerify) == [false])
    }
}

@Suite struct ShellCommandLineTests {
    @Test func quotesEscapesAndOperators() {
        #expect(ShellCommandLine.commands("a 'b c' \"d \\\"e\\\"\" f\\ g && h;i|j") == [["a", "b c", "d \"e\"", "f g"], ["h"], ["i"], ["j"]])
        #expect(ShellCommandLine.commands("x # comment && y\nz") == [["x"], ["z"]])
        #expect(ShellCommandLine.commands("echo $(git commit -m x) done") == [["echo", "$(git commit -m x)", "done"]])
        #expect(ShellCommandLine.commands("a 2>&1 >/dev/null b") == [["a", "b"]])
    }
}
