import Foundation
import Testing
import TestSupport

/// Zero-config built-in mypy and pytest, through the installed hook, on real projects that git-tapps'
/// authors did not write (click, packaging and markdown-it-py from their PyPI sdists; `scripts/real-projects`).
/// Skipped with one message when the sdists cannot be had (offline) or `TAPPS_REAL_PROJECTS=0`.
/// `scripts/bench mutation` runs every mutation and times them; these tests run a fixed sample.
@Suite(.serialized, .enabled(if: RealProjects.available, "real projects unavailable (offline, or TAPPS_REAL_PROJECTS=0): see scripts/real-projects fetch"))
struct RealProjectTests {
    /// Mutations per project in `swift test` (`TAPPS_REAL_MUTATIONS=all` runs every one).
    static let sampleSize = 4

    @Test(arguments: RealProjects.names)
    func everyMutationThatBreaksTheProjectsSuiteIsRefusedByTheHook(project: String) throws {
        let repo = try RealProjects.repository(project)
        let base = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let mutations = RealProjects.sample(try RealProjects.mutations(project), count: Self.sampleSize)
        #expect(!mutations.isEmpty)
        var missed: [String] = []
        for mutation in mutations {
            try RealProjects.runScript(["apply", project, repo.root, String(mutation.index)])
            try repo.git("add", "--", mutation.file)
            let commit = try RealProjects.commit(repo, message: "mutation \(mutation.index)")
            let head = try repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            if commit.status == 0 || head != base {
                let steps = (commit.outputText + commit.errorText).split(separator: "\n")
                    .filter { $0.contains("pytest") || $0.contains("mypy") }.joined(separator: " | ")
                missed.append("\(mutation) [\(mutation.kind)]: \(steps)")
            } else {
                // Refused for the right reason: a check failed, not a crash or a configuration error.
                #expect(commit.status == 1, "\(mutation): exit \(commit.status)\n\(commit.errorText)")
                #expect(!RealProjects.failedStepLines(commit).isEmpty, "\(mutation): no failed step\n\(commit.errorText)")
            }
            try repo.git("reset", "-q", "--hard", base)
        }
        #expect(missed.isEmpty, "the hook let \(missed.count) of \(mutations.count) breaking commits through:\n\(missed.joined(separator: "\n"))")
    }

    /// A one-line, behaviour-free edit per project: (file, text to find, text to put instead).
    static let harmlessEdits: [String: [(file: String, match: String, replace: String)]] = [
        "click": [
            // Comments placed where the projects' own linters accept them (not inside an import block, where
            // ruff's isort rule would rightly object).
            ("tests/test_basic.py", "def test_basic_functionality(runner):\n", "def test_basic_functionality(runner):  # a harmless comment\n"),
            ("src/click/core.py", "        \"\"\"Finds the outermost context.\"\"\"", "        \"\"\"Finds the outermost context (the root).\"\"\""),
        ],
        "packaging": [
            ("tests/test_version.py", "# for complete details.\n", "# for complete details (a harmless edit).\n"),
            ("src/packaging/_structures.py", "# for complete details.\n", "# for complete details (a harmless edit).\n"),
        ],
        "h11": [
            ("h11/tests/test_util.py", "def test_ProtocolError() -> None:\n", "def test_ProtocolError() -> None:  # a harmless comment\n"),
            ("h11/_abnf.py", "# We use native strings for all the re patterns, to take advantage of string\n",
             "# We use native strings (a harmless edit) for all the re patterns, to take advantage of string\n"),
        ],
        "markdown-it-py": [
            // A test module in a folder without __init__.py, and a module of the flat-layout package.
            ("tests/test_api/test_token.py", "def test_token():\n", "def test_token():  # a harmless comment\n"),
            ("markdown_it/rules_block/hr.py", "At least 3 of these characters on a line * - _\n",
             "At least 3 of these characters on a line: * - _\n"),
        ],
    ]

    @Test(arguments: RealProjects.names)
    func harmlessEditsToATestFileAndToASourceFileCommit(project: String) throws {
        let repo = try RealProjects.repository(project)
        for edit in Self.harmlessEdits[project] ?? [] {
            let text = try #require(repo.readText(edit.file), "\(edit.file) is in the sdist")
            #expect(text.components(separatedBy: edit.match).count == 2, "\(edit.match) occurs once in \(edit.file)")
            try repo.write(edit.file, text.replacingOccurrences(of: edit.match, with: edit.replace))
            try repo.git("add", "--", edit.file)
            let before = try InstallSupport.commitCount(repo)
            let commit = try RealProjects.commit(repo, message: "harmless edit of \(edit.file)")
            #expect(commit.status == 0, "a harmless edit of \(edit.file) was refused:\n\(commit.outputText)\(commit.errorText)")
            #expect(try InstallSupport.commitCount(repo) == before + 1)
        }
    }

    @Test(arguments: RealProjects.names)
    func allFilesVerdictsEqualTheProjectsOwnMypyAndPytest(project: String) throws {
        let repo = try RealProjects.repository(project)
        let own = try RealProjects.ownVerdict(repo, project: project)
        let run = try repo.tapps(["run", "--all-files", "--no-cache", "--format", "json"],
                                 environment: RealProjects.environment)
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any] ?? [:]
        let steps = BuiltinRunTests.steps(json)
        // The verdict is pass or not: a tool that stops on an error (exit 2, e.g. a configured file missing
        // from the sdist) is `error` in git-tapps and `failed` in the harness.
        let passes = { (status: Any?) in status as? String == "passed" }
        #expect(passes(steps["mypy"]?["status"]) == passes(own.mypy),
                "mypy: git-tapps \(steps["mypy"]?["status"] ?? "no step"), the project's own mypy \(own.mypy)\n\(steps["mypy"] ?? [:])")
        // Not only the verdict: the errors are the project's own, no more and no fewer.
        let findings = steps["mypy"]?["findings"] as? [[String: Any]] ?? []
        let reported = Set(findings.filter { $0["severity"] as? String == "error" }.compactMap { finding -> String? in
            guard let file = finding["file"] as? String, let line = finding["line"] as? Int else { return nil }
            return "\(file):\(line)"
        })
        #expect(reported == own.mypyErrors, "mypy errors: git-tapps \(reported.sorted()), the project's own \(own.mypyErrors.sorted())")
        #expect(passes(steps["pytest"]?["status"]) == passes(own.pytest),
                "pytest: git-tapps \(steps["pytest"]?["status"] ?? "no step"), the project's own pytest \(own.pytest)\n\(steps["pytest"] ?? [:])")
        #expect(try repo.git("status", "--porcelain") == "", "the run left the work tree as it was")
    }
}
