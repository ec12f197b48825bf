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
