import Foundation
import Testing
import TappsCore
@testable import TappsRunner
import TappsGit
import TestSupport

/// Built-in steps against the real tools. Tests needing a tool are disabled (not failed) when it is not installed.
@Suite struct BuiltinToolTests {
    let executor = StepExecutor()

    /// Stages everything written so far and plans the standard preset's built-ins for `staged`, choosing
    /// pytest's tests from the repository's real import graph.
    func plan(_ repo: ScratchRepository, staged: [String]) throws -> [PlannedStep] {
        _ = try repo.git("add", "-A")
        var config = TappsConfig()
        config.builtins = ["mypy", "pytest"]
        let session = RepositorySession(repository: try Repository.open(at: repo.root), root: repo.root, config: config)
        let changes = staged.map { ChangedFile(status: .added, path: RepoPath($0)) }
        return StepPlanner.plan(preset: BuiltInPresets.standard, config: config, files: staged.map(RepoPath.init),
                                allTrackedFiles: { TrackedFiles.list(session) }, skip: [],
                                python: .live(session: session, changes: changes, scope: .staged)).run
    }

    @Test func missingToolsAreSkippedNotFailed() async throws {
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo, extra: ["PATH": "/nonexistent-tapps-dir"])
        let steps = try plan(repo, staged: ["app.py", "test_app.py"])
        #expect(steps.map(\.name) == ["mypy", "pytest"])
        for step in steps {
            let result = await executor.run(step, in: environment)
            #expect(result.status == .skipped)
            #expect(result.note == "\(step.name) not found (looked in .venv/bin, venv/bin and PATH)")
            #expect(!result.status.failsRun)
        }
    }

    @Test func repositoryVirtualenvIsUsed() async throws {
        let repo = try ScratchRepository()
        try repo.write(".venv/bin/mypy", "#!/bin/sh\necho \"$@\" > mypy-args.txt\n")
        chmod(repo.path(".venv/bin/mypy"), 0o755)
        let environment = StepFixture.environment(repo, extra: ["PATH": "/nonexistent-tapps-dir"])
        let step = try #require(try plan(repo, staged: ["-odd.py", "pkg/mod.py"]).first)
        let result = await executor.run(step, in: environment)
        #expect(result.status == .passed)
        let arguments = try #require(repo.readText("mypy-args.txt"))
        #expect(arguments.hasPrefix("--follow-imports=silent --show-column-numbers"))
        #expect(arguments.hasSuffix(" --cache-dir \(repo.root)/.git/tapps/mypy-cache ./-odd.py pkg/mod.py\n"))
    }

    @Test func shimWithoutTheToolCountsAsMissing() async throws {
        let repo = try ScratchRepository()
        try repo.write("venv/bin/pytest", "#!/bin/sh\necho 'pyenv: pytest: command not found' >&2\nexit 127\n")
        chmod(repo.path("venv/bin/pytest"), 0o755)
        try repo.write(".venv/bin/mypy", "#!/nonexistent/python3\n")
        chmod(repo.path(".venv/bin/mypy"), 0o755)
        let environment = StepFixture.environment(repo, extra: ["PATH": "/nonexistent-tapps-dir"])
        let steps = try plan(repo, staged: ["app.py", "test_app.py"])
        let mypy = await executor.run(steps[0], in: environment)
        #expect(mypy.status == .skipped)
        #expect(mypy.note == "mypy could not be started: \(repo.root)/.venv/bin/mypy (is its Python missing?)")
        let pytest = await executor.run(steps[1], in: environment)
        #expect(pytest.status == .skipped)
        #expect(pytest.note == "pytest not found (\(repo.root)/venv/bin/pytest exited with code 127)")
    }

    @Test(.enabled(if: StepPythonTool.mypy != nil, "mypy is not installed"))
    func mypyChecksOnlyTheStagedFiles() async throws {
        let tools = try #require(StepPythonTool.mypy)
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo, extra: StepPythonTool.pathEnvironment(tools))
        try repo.write("b.py", "def f() -> int:\n    return 1\n\n\ny: int = \"oops\"\n")
        try repo.write("a.py", "from b import f\n\nx: int = f()\n")
        StepFixture.setModificationTime(repo.path("a.py"), seconds: 1_700_000_000, nanoseconds: 100)
        let step = try #require(try plan(repo, staged: ["a.py"]).first { $0.builtin == .mypy })

        let clean = await executor.run(step, in: environment)
        #expect(clean.status == .passed, "\(clean.output)")
        #expect(clean.findings.isEmpty)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: repo.root + "/.git/tapps/mypy-cache", isDirectory: &isDirectory))
        #expect(isDirectory.boolValue)

        // Same size, same second: mypy alone would trust its cache and miss the new error.
        try repo.write("a.py", "from b import f\n\nx: str = f()\n")
        StepFixture.setModificationTime(repo.path("a.py"), seconds: 1_700_000_000, nanoseconds: 200)
        let broken = await executor.run(step, in: environment)
        #expect(broken.status == .failed, "\(broken.output)")
        let finding = try #require(broken.findings.first)
        #expect(broken.findings.count == 1)
        #expect(finding.file == RepoPath("a.py"))
        #expect(finding.line == 3)
        #expect(finding.column != nil)
        #expect(finding.severity == "error")
        #expect(finding.code == "assignment")
    }

    @Test(.enabled(if: StepPythonTool.mypy != nil, "mypy is not installed"))
    func mypyHonoursTheRepositorysFollowImports() async throws {
        let tools = try #require(StepPythonTool.mypy)
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo, extra: StepPythonTool.pathEnvironment(tools))
        try repo.write("mypy.ini", "[mypy]\nfollow_imports = normal\n")
        try repo.write("b.py", "y: int = \"oops\"\n")
        try repo.write("a.py", "import b\n\nx: int = b.y\n")
        let step = try #require(try plan(repo, staged: ["a.py"]).first { $0.builtin == .mypy })
        let result = await executor.run(step, in: environment)
        // With the repository's follow_imports=normal mypy reports b.py's error; it is not a staged file.
        #expect(result.status == .passed, "\(result.output)")
        #expect(result.exitCode == 1)
        #expect(result.note == "mypy reported errors only in files that are not staged")
        #expect(result.output.contains("b.py:1"))
        #expect(result.findings.isEmpty)
    }

    @Test(.enabled(if: StepPythonTool.pytest != nil, "pytest is not installed"))
    func pytestRunsTheRelatedTests() async throws {
        let tools = try #require(StepPythonTool.pytest)
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo, extra: StepPythonTool.pathEnvironment(tools))
        try repo.write("calc.py", "def add(a, b):\n    return a + b\n")
        try repo.write("test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n\n\n"
                       + "def test_bad():\n    assert add(1, 1) == 3\n")
        try repo.write("test_calculator.py", "def test_unrelated():\n    assert False\n")
        let step = try #require(try plan(repo, staged: ["calc.py"]).first { $0.builtin == .pytest })
        // test_calc imports calc; test_calculator, despite its name, does not.
        #expect(step.files == [RepoPath("test_calc.py")])
        #expect(step.selectionNote == "related to calc.py")

        let failing = await executor.run(step, in: environment)
        #expect(failing.status == .failed, "\(failing.output)")
        #expect(failing.exitCode == 1)
        #expect(failing.findings.map(\.code) == ["test_calc.py::test_bad"])
        #expect(failing.findings.first?.file == RepoPath("test_calc.py"))
        #expect(failing.findings.first?.message.contains("assert") == true)

        try repo.write("test_calc.py", "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n")
        let passing = await executor.run(step, in: environment)
        #expect(passing.status == .passed, "\(passing.output)")
        #expect(passing.findings.isEmpty)
        // Nothing left behind in the work tree.
        #expect(!FileManager.default.fileExists(atPath: repo.path(".pytest_cache")))
        #expect(!FileManager.default.fileExists(atPath: repo.path("__pycache__")))
    }

    @Test(.enabled(if: StepPythonTool.pytest != nil, "pytest is not installed"))
    func pytestWithNoTestsCollectedIsSkipped() async throws {
        let tools = try #require(StepPythonTool.pytest)
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo, extra: StepPythonTool.pathEnvironment(tools))
        try repo.write("test_empty.py", "import os\n")
        let step = try #require(try plan(repo, staged: ["test_empty.py"]).first { $0.builtin == .pytest })
        let result = await executor.run(step, in: environment)
        #expect(result.status == .skipped, "\(result.output)")
        #expect(result.note == "no tests collected")
    }
}
