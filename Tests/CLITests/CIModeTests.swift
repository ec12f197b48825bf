import Foundation
import Testing
import TestSupport

/// `--all-files` and `--from-ref/--to-ref`: the same steps on a range, for CI.
@Suite struct CIModeTests {
    /// A step that lists the files it was given, one per line, into `given.txt` (ignored).
    static let config = """
        preset: minimal
        builtins: false
        steps:
          - name: list
            phase: test
            command: ["sh", "-c", "printf '%s\\\\n' \\"$@\\" > given.txt", "list"]
            files: '\\.py$'

        """

    static func repository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", config)
        try repo.write(".gitignore", "given.txt\n")
        try repo.write("a.py", "a = 1\n")
        try repo.write("b.py", "b = 1\n")
        try repo.write("notes.md", "notes\n")
        try repo.commitAll("base")
        try repo.git("tag", "base")
        try repo.write("b.py", "b = 2\n")
        try repo.write("c.py", "c = 1\n")
        try repo.git("rm", "-q", "a.py")
        try repo.commitAll("second")
        return repo
    }

    static func given(_ repo: ScratchRepository) -> [String] {
        (repo.readText("given.txt") ?? "").split(separator: "\n").map(String.init).sorted()
    }

    @Test func allFilesRunsOnEveryTrackedMatchingFile() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--all-files", "--format", "json"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(Self.given(repo) == ["b.py", "c.py"])
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any]
        #expect(json?["scope"] as? String == "all-files")
    }

    @Test func aRangeRunsOnTheFilesItChangedButNotTheDeletedOnes() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--from-ref", "base", "--to-ref", "HEAD"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(Self.given(repo) == ["b.py", "c.py"])
        let bad = try repo.tapps(["run", "--from-ref", "nope", "--to-ref", "HEAD"])
        #expect(bad.status == 2 && bad.errorText.contains("nope"), "\(bad.errorText)")
    }

    @Test func preCommitsRangeVariablesSelectTheRange() throws {
        let repo = try Self.repository()
        let run = try repo.tapps(["run", "--format", "json"],
                                 environment: ["PRE_COMMIT_FROM_REF": "base", "PRE_COMMIT_TO_REF": "HEAD"])
        #expect(run.status == 0, "\(run.errorText)")
        #expect(Self.given(repo) == ["b.py", "c.py"])
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any]
        #expect(json?["scope"] as? String == "base..HEAD")
    }

    @Test func stepsGetTheContractEnvironment() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", """
            preset: minimal
            builtins: false
            steps:
              - name: env
                phase: test
                command: ["sh", "-c", "echo \\"$TAPPS_REPO_ROOT|$TAPPS_RUN_ID\\" > env.txt; echo 1234 > \\"$TAPPS_TOKEN_REPORT\\""]
                pass_filenames: false

            """)
        try repo.write(".gitignore", "env.txt\n")
        try repo.commitAll("base")
        let run = try repo.tapps(["run", "--format", "json"])
        #expect(run.status == 0, "\(run.errorText)")
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any]
        let runID = try #require(json?["run_id"] as? String)
        let root = URL(fileURLWithPath: repo.root).resolvingSymlinksInPath().path
        let seen = (repo.readText("env.txt") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(seen == "\(root)|\(runID)" || seen == "\(repo.root)|\(runID)", "\(seen)")
        let steps = try #require(json?["steps"] as? [[String: Any]])
        #expect(steps.first?["tokens"] as? Int == 1234)
        #expect(try repo.git("status", "--porcelain", "--ignored").contains("env.txt"))
        #expect(!FileManager.default.fileExists(atPath: repo.path(".git/tapps/runs/\(runID)")), "scratch directory removed")
    }
}

/// Issue 9, item 6: a range is checked as it is at its end, whatever the work tree holds.
extension CIModeTests {
    /// `bad` commits `app.py` with FAIL in it, HEAD reverts it, and the work tree has an unstaged edit
    /// of `app.py` and an untracked file. `check` fails on any given file holding FAIL and copies
    /// what it saw to `seen.txt`.
    static func revertedRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", """
            preset: minimal
            builtins: false
            steps:
              - name: check
                phase: test
                command: ["sh", "-c", "cat \\"$@\\" > seen.txt; ! grep -l FAIL \\"$@\\"", "check"]
                files: '\\.py$'

            """)
        try repo.write(".gitignore", "seen.txt\n")
        try repo.write("app.py", "ok = 1\n")
        try repo.commitAll("base")
        try repo.git("tag", "base")
        try repo.write("app.py", "ok = 1\nFAIL = 2\n")
        try repo.commitAll("bad")
        try repo.git("tag", "bad")
        try repo.write("app.py", "ok = 1\n")
        try repo.commitAll("revert")
        try repo.write("app.py", "ok = 1\n# the user's unstaged edit\n")
        try repo.write("untracked.py", "FAIL = 'not in the range'\n")
        return repo
    }

    @Test func aRangeIsCheckedAsItIsAtItsEndAndTheWorkTreeComesBack() throws {
        let repo = try Self.revertedRepository()
        try repo.write("seen.txt", "")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run", "--from-ref", "base", "--to-ref", "bad"])
        #expect(run.status == 1, "the content at bad fails: \(run.outputText)\(run.errorText)")
        #expect(repo.readText("seen.txt") == "ok = 1\nFAIL = 2\n", "the step saw \(repo.readText("seen.txt") ?? "")")
        let differences = try WorkTreeSnapshot(of: repo).differences(from: before).filter { $0 != "seen.txt" }
        #expect(differences.isEmpty, "\(differences)")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
        let good = try repo.tapps(["run", "--from-ref", "bad", "--to-ref", "HEAD"])
        #expect(good.status == 0, "\(good.outputText)\(good.errorText)")
    }

    @Test func aRangeRunKilledWhileStepsRunIsRecovered() throws {
        let repo = try Self.revertedRepository()
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run", "--from-ref", "base", "--to-ref", "bad"], environment: ["TAPPS_TEST_CRASH_AT": "after-hide"])
        #expect(run.wasSignalled)
        #expect(repo.readText("app.py") == "ok = 1\nFAIL = 2\n", "the range's end is in place while steps run")
        #expect(try repo.tapps(["recover"]).status == 0)
        let differences = try WorkTreeSnapshot(of: repo).differences(from: before)
        #expect(differences.isEmpty, "\(differences)")
    }

    /// Where the range's file cannot go (a directory stands in its place), the run refuses and
    /// touches nothing.
    @Test func aRangeThatCannotBePlacedIsRefused() throws {
        let repo = try Self.revertedRepository()
        try repo.git("rm", "-q", "-f", "app.py")
        try repo.write("app.py/inner.txt", "now a directory\n")
        try repo.commitAll("directory")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run", "--from-ref", "base", "--to-ref", "bad"])
        #expect(run.status == 2 && run.errorText.contains("app.py") && run.errorText.contains("bad"), "\(run.errorText)")
        #expect(try WorkTreeSnapshot(of: repo).differences(from: before).isEmpty)
        #expect(try repo.git("for-each-ref", "refs/tapps/").isEmpty)
    }
}
