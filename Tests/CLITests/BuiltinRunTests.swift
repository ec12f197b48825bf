import Foundation
import Testing
import TestSupport

/// The zero-config built-ins through `git tapps run`, with the real tools (skipped where missing).
@Suite struct BuiltinRunTests {
    /// The directory of a working `tool` on PATH, or nil.
    static func toolDirectory(_ tool: String) -> String? {
        for directory in (ScratchRepository.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where FileManager.default.isExecutableFile(atPath: directory + "/" + tool) {
            let check = try? ProcessRunner.run(directory + "/" + tool, ["--version"], directory: "/tmp",
                                               environment: ScratchRepository.environment)
            if check?.status == 0 { return directory }
        }
        return nil
    }

    static let hasMypy = toolDirectory("mypy") != nil
    static let hasPytest = toolDirectory("pytest") != nil

    static func steps(_ json: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for step in json["steps"] as? [[String: Any]] ?? [] { result[step["name"] as? String ?? ""] = step }
        return result
    }

    static func run(_ repo: ScratchRepository, _ extra: [String] = []) throws -> (status: Int32, json: [String: Any]) {
        let result = try repo.tapps(["run", "--preset", "standard", "--format", "json"] + extra)
        let json = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
        return (result.status, json)
    }

    @Test(.enabled(if: hasMypy, "mypy is not installed"))
    func mypyReportsOnlyTheStagedFilesErrors() throws {
        let repo = try ScratchRepository()
        try repo.write("calc.py", "def add(a: int, b: int) -> int:\n    return a + b\n")
        try repo.write("other.py", "x: int = 'not an int'\n")
        try repo.write(".gitignore", "__pycache__/\n.mypy_cache/\n")
        try repo.commitAll("base")
        try repo.write("calc.py", "def add(a: int, b: int) -> int:\n    return 'oops'\n")
        try repo.git("add", "calc.py")
        let failing = try Self.run(repo)
        #expect(failing.status == 1)
        let mypy = try #require(Self.steps(failing.json)["mypy"])
        #expect(mypy["status"] as? String == "failed")
        let findings = mypy["findings"] as? [[String: Any]] ?? []
        #expect(!findings.isEmpty && findings.allSatisfy { $0["file"] as? String == "calc.py" }, "\(findings)")
        #expect(findings.first?["line"] as? Int == 2 && findings.first?["code"] as? String == "return-value")

        try repo.write("calc.py", "def add(a: int, b: int) -> int:\n    return a - b\n")
        try repo.git("add", "calc.py")
        let passing = try Self.run(repo)
        #expect(passing.status == 0, "other.py's error is not part of the change: \(passing.json)")
        #expect(FileManager.default.fileExists(atPath: repo.path(".git/tapps/mypy-cache")), "a stable, warm cache")
    }

    /// `--all-files` in a repository with no Python (a Go module): pytest is not started (it took 4.8 s there to
    /// say "no tests collected").
    @Test(.enabled(if: hasPytest, "pytest is not installed"))
    func allFilesInARepositoryWithoutPythonStartsNoPytest() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: [pytest]\n")
        try repo.write("go.mod", "module example.com/m\n\ngo 1.19\n")
        try repo.write("main.go", "package main\n\nfunc main() {}\n")
        try repo.commitAll("base")
        let json = try Self.run(repo, ["--all-files", "--no-cache"]).json
        let pytest = try #require(Self.steps(json)["pytest"], "\(json)")
        #expect(pytest["status"] as? String == "skipped" && pytest["note"] as? String == "no Python files", "\(pytest)")
        #expect((pytest["duration_ms"] as? Int ?? 1) == 0, "\(pytest)")
        try repo.write("tool.py", "print(1)\n")
        try repo.git("add", "tool.py")
        let again = try Self.run(repo, ["--all-files", "--no-cache"]).json
        #expect((Self.steps(again)["pytest"]?["note"] as? String)?.hasPrefix("no Python files") == false, "\(again)")
    }

    /// A conftest's `collect_ignore` (attrs ignores a test below Python 3.14): the related run collects what the
    /// project's plain `pytest` collects, so the ignored test neither fails a harmless commit nor runs when staged.
    @Test(.enabled(if: hasPytest, "pytest is not installed"))
    func relatedTestsHonourTheConftestsCollectIgnore() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: [pytest]\n")
        try repo.write("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\npythonpath = [\".\"]\n")
        try repo.write("pkg/__init__.py", "def add(a, b):\n    return a + b\n")
        try repo.write("tests/conftest.py", "import sys\ncollect_ignore = []\nif sys.version_info < (3, 99):\n    collect_ignore.append(\"test_future.py\")\n")
        try repo.write("tests/test_add.py", "from pkg import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n")
        try repo.write("tests/test_future.py", "from pkg import add\n\n\ndef test_future_only():\n    assert add(\"a\", 1) == \"a1\"\n")
        try repo.write("tests/sub/test_deep.py", "from pkg import add\n\n\ndef test_deep():\n    assert add(2, 2) == 4\n")
        // A directory with no related test is not entered: its conftest is not loaded, as when tests are named.
        try repo.write("tests/slow/conftest.py", "raise RuntimeError(\"needs a database\")\n")
        try repo.write("tests/slow/test_db.py", "def test_db():\n    assert True\n")
        try repo.commitAll("base")

        try repo.write("pkg/__init__.py", "def add(a, b):\n    # harmless\n    return a + b\n")
        try repo.git("add", "-A")
        let harmless = try Self.run(repo)
        let passed = try #require(Self.steps(harmless.json)["pytest"])
        #expect(harmless.status == 0 && passed["status"] as? String == "passed", "the ignored test is not collected: \(passed)")
        #expect((passed["note"] as? String)?.hasPrefix("2 passed") == true, "test_add and test_deep ran: \(passed)")

        try repo.write("pkg/__init__.py", "def add(a, b):\n    return a - b\n")
        try repo.git("add", "-A")
        let breaking = try Self.run(repo)
        let failed = try #require(Self.steps(breaking.json)["pytest"])
        let findings = failed["findings"] as? [[String: Any]] ?? []
        #expect(breaking.status == 1 && findings.contains { $0["file"] as? String == "tests/test_add.py" }, "\(failed)")
        #expect(!findings.contains { ($0["file"] as? String) == "tests/test_future.py" }, "\(findings)")
        try repo.git("reset", "-q", "--hard")

        try repo.write("tests/test_future.py", "from pkg import add\n\n\ndef test_future_only():\n    assert add(\"b\", 1) == \"b1\"\n")
        try repo.git("add", "-A")
        let ignoredStaged = try Self.run(repo)
        let skipped = try #require(Self.steps(ignoredStaged.json)["pytest"])
        #expect(ignoredStaged.status == 0 && skipped["status"] as? String == "skipped", "\(skipped)")
        #expect(skipped["note"] as? String == "no tests collected", "\(skipped)")
    }

    @Test(.enabled(if: hasPytest, "pytest is not installed"))
    func pytestRunsTheTestsRelatedToTheStagedFiles() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: [pytest]\n")
        try repo.write("calc.py", "def add(a, b):\n    return a + b\n")
        try repo.write("tests/test_calc.py", "from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n")
        try repo.write("tests/test_unrelated.py", "def test_never_runs():\n    assert False\n")
        try repo.write("conftest.py", "")
        try repo.commitAll("base")
        try repo.write("calc.py", "def add(a, b):\n    return a * b + 1\n")
        try repo.git("add", "calc.py")
        let failing = try Self.run(repo)
        #expect(failing.status == 1)
        let pytest = try #require(Self.steps(failing.json)["pytest"])
        let findings = pytest["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == 1 && (findings.first?["code"] as? String ?? "").contains("test_add"), "\(findings)")
        try repo.write("calc.py", "def add(a, b):\n    return b + a\n")
        try repo.git("add", "calc.py")
        #expect(try Self.run(repo).status == 0, "test_unrelated.py is not related to calc.py and must not run")
    }

    static let hasPytestCov: Bool = {
        guard let directory = toolDirectory("pytest") else { return false }
        let probe = try? ProcessRunner.run(directory + "/pytest", ["--co", "-q", "-p", "pytest_cov", "--version"],
                                           directory: "/tmp", environment: ScratchRepository.environment)
        return probe?.status == 0
    }()

    /// calc.py: six statements, of which the related test covers four (67%).
    static func coverageRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: [pytest]\n")
        try repo.write("calc.py", "def add(a, b):\n    if a > 100:\n        return 0\n    if b > 100:\n        return 1\n    return a + b\n")
        try repo.write("tests/test_calc.py", "from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n")
        try repo.write("conftest.py", "")
        try repo.write(".gitignore", ".benchmarks/\n")
        try repo.commitAll("base")
        try repo.write("calc.py", "def add(a, b):\n    if a > 100:\n        return 0\n    if b > 100:\n        return 1\n    return b + a\n")
        try repo.git("add", "calc.py")
        return repo
    }

    @Test(.enabled(if: hasPytest && hasPytestCov, "pytest-cov is not installed"))
    func lightweightEnforcesItsMinimumCoverageOnTheStagedFiles() throws {
        let repo = try Self.coverageRepository()
        let light = try repo.tapps(["run", "--preset", "lightweight", "--format", "json"])
        #expect(light.status == 1, "67% < 75%: \(light.outputText)")
        let json = try JSONSerialization.jsonObject(with: Data(light.output)) as? [String: Any] ?? [:]
        let findings = Self.steps(json)["pytest"]?["findings"] as? [[String: Any]] ?? []
        let mentionsMinimum = findings.contains { finding in ((finding["message"] as? String) ?? "").contains("75%") }
        #expect(mentionsMinimum, "\(findings)")
        #expect(try repo.git("status", "--porcelain") == "M  calc.py\n", "no coverage data left in the work tree")
        #expect(try repo.tapps(["run", "--preset", "standard"]).status == 0, "standard asks for no coverage")
    }

    @Test func withoutPytestCovTheTestsStillRunAndTheReportSaysCoverageWasNotChecked() throws {
        let repo = try Self.coverageRepository()
        // A stand-in pytest in the repository's .venv (looked up before PATH) that knows no --cov.
        try repo.write(".venv/bin/pytest", "#!/bin/sh\ncase \"$*\" in *--cov*) echo 'pytest: error: unrecognized arguments: --cov' >&2; exit 4;; esac\necho '1 passed'\n")
        chmod(repo.path(".venv/bin/pytest"), 0o755)
        try repo.write(".gitignore", ".benchmarks/\n.venv/\n")
        let run = try repo.tapps(["run", "--preset", "lightweight", "--format", "json"])
        #expect(run.status == 0, "\(run.outputText)")
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any] ?? [:]
        let pytest = Self.steps(json)["pytest"]
        #expect(pytest?["status"] as? String == "passed")
        let note = (pytest?["note"] as? String) ?? ""
        #expect(note.contains("pytest-cov is not installed"), "\(note)")
    }
}
