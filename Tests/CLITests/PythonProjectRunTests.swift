import Foundation
import Testing
import TestSupport

/// The built-in mypy and pytest as a project with its own configuration runs them: mypy's `files`/`exclude`
/// scope, pytest's selection by the import graph, `--all-files` equal to the project's own verdicts.
@Suite struct PythonProjectRunTests {
    static let hasBoth = BuiltinRunTests.hasMypy && BuiltinRunTests.hasPytest

    /// A typed src/ layout: strict mypy over `src` only; tests untyped; the package re-exports its modules.
    static func project() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("pyproject.toml", """
            [project]
            name = "shapes"
            version = "1.0"

            [tool.mypy]
            files = ["src"]
            strict = true
            exclude = ['^src/shapes/_generated\\.py$']

            [tool.pytest.ini_options]
            testpaths = ["tests"]
            pythonpath = ["src"]

            """)
        try repo.write(".gitignore", "__pycache__/\n.mypy_cache/\n")
        try repo.write("src/shapes/__init__.py", "from .area import square\nfrom ._round import tidy\n\n__all__ = [\"square\", \"tidy\"]\n")
        try repo.write("src/shapes/area.py", "from ._round import tidy\n\n\ndef square(side: float) -> float:\n    return tidy(side * side)\n")
        try repo.write("src/shapes/_round.py", "def tidy(value: float) -> float:\n    return round(value, 6)\n")
        try repo.write("src/shapes/perimeter.py", "def perimeter(side: float) -> float:\n    return 4 * side\n")
        try repo.write("src/shapes/_generated.py", "def untyped(x):\n    return x\n")
        try repo.write("tests/test_api.py", "from shapes import square\n\n\ndef test_square():\n    assert square(3) == 9\n")
        try repo.write("tests/test_perimeter.py", "from shapes.perimeter import perimeter\n\n\ndef test_p():\n    assert perimeter(2) == 8\n")
        try repo.write("tests/typing/typing_checks.py", "from shapes import square\n\nreveal = square(2.0)\n")
        try repo.commitAll("base")
        return repo
    }

    static func run(_ repo: ScratchRepository, _ extra: [String] = []) throws -> (status: Int32, json: [String: Any]) {
        let result = try repo.tapps(["run", "--preset", "standard", "--format", "json", "--no-cache"] + extra)
        let json = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
        return (result.status, json)
    }

    @Test(.enabled(if: hasBoth, "mypy or pytest is not installed"))
    func aPrivateHelperReachedThroughTheInitRunsEveryTestImportingThePackage() throws {
        let repo = try Self.project()
        try repo.write("src/shapes/_round.py", "def tidy(value: float) -> float:\n    return round(value, 6) + 1\n")
        try repo.git("add", "-A")
        let (status, json) = try Self.run(repo)
        #expect(status == 1, "\(json)")
        let pytest = try #require(BuiltinRunTests.steps(json)["pytest"])
        #expect(pytest["status"] as? String == "failed", "\(pytest)")
        #expect((pytest["note"] as? String)?.contains("related to _round.py") == true, "\(pytest)")
        // Both test modules run: importing shapes.perimeter runs the package __init__, which imports _round.
        #expect(pytest["files"] as? Int == 2, "\(pytest)")
        #expect((pytest["findings"] as? [[String: Any]])?.contains { ($0["file"] as? String) == "tests/test_api.py" } == true)
    }

    @Test(.enabled(if: hasBoth, "mypy or pytest is not installed"))
    func testFilesOutsideMypysFilesAreNotTypeChecked() throws {
        let repo = try Self.project()
        try repo.write("tests/test_api.py", "from shapes import square\n\n\ndef test_square():\n    # harmless edit\n    assert square(3) == 9\n")
        try repo.git("add", "-A")
        let (status, json) = try Self.run(repo)
        #expect(status == 0, "an untyped test outside mypy's files is not a strict-mode error: \(json)")
        let mypy = try #require(BuiltinRunTests.steps(json)["mypy"])
        #expect(mypy["status"] as? String == "skipped")
        #expect((mypy["note"] as? String)?.contains("not in mypy's configured files: test_api.py") == true, "\(mypy)")
        let pytest = try #require(BuiltinRunTests.steps(json)["pytest"])
        #expect(pytest["status"] as? String == "passed", "\(pytest)")
    }

    /// A module with a stub beside it (attrs' `src/attr/__init__.py` and `__init__.pyi`): mypy reads the stub, so
    /// the source is not type-checked, and the two are never named together ("Duplicate module named …").
    @Test(.enabled(if: BuiltinRunTests.hasMypy, "mypy is not installed"))
    func aSourceWithAStubBesideItIsNotTypeCheckedAndNeverNamedWithIt() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: [mypy]\n")
        try repo.write("pyproject.toml", "[tool.mypy]\nstrict = true\n")
        try repo.write(".gitignore", "__pycache__/\n.mypy_cache/\n")
        try repo.write("src/shapes/__init__.py", "from .fast import speed\n\n__all__ = [\"speed\"]\n")
        try repo.write("src/shapes/fast.py", "def speed(x):\n    return x * 2\n")
        try repo.write("src/shapes/fast.pyi", "def speed(x: float) -> float: ...\n")
        try repo.commitAll("base")
        let mypy = try #require(BuiltinRunTests.toolDirectory("mypy")) + "/mypy"
        let own = try ProcessRunner.run(mypy, ["src"], directory: repo.root, environment: ScratchRepository.environment)
        #expect(own.status == 0, "the project's own mypy reads the stub: \(own.outputText)")

        let (allStatus, allJSON) = try Self.run(repo, ["--all-files"])
        let all = try #require(BuiltinRunTests.steps(allJSON)["mypy"])
        #expect(allStatus == 0 && all["status"] as? String == "passed", "equal to the project's own mypy: \(all)")
        #expect((all["note"] as? String)?.contains("mypy reads the stub (.pyi) instead of fast.py") == true, "\(all)")

        try repo.write("src/shapes/fast.py", "def speed(x):\n    return x * 3\n")
        try repo.git("add", "-A")
        let (status, json) = try Self.run(repo)
        let staged = try #require(BuiltinRunTests.steps(json)["mypy"])
        #expect(status == 0 && staged["status"] as? String == "skipped", "\(staged)")
        #expect((staged["note"] as? String)?.contains("mypy reads the stub (.pyi) instead of fast.py") == true, "\(staged)")

        try repo.write("src/shapes/fast.pyi", "def speed(x: float) -> float: ...\ndef slow(x): ...\n")
        try repo.git("add", "-A")
        let (bothStatus, bothJSON) = try Self.run(repo)
        let both = try #require(BuiltinRunTests.steps(bothJSON)["mypy"])
        let findings = both["findings"] as? [[String: Any]] ?? []
        #expect(bothStatus == 1 && findings.allSatisfy { $0["file"] as? String == "src/shapes/fast.pyi" } && !findings.isEmpty,
                "the staged stub is checked, its source is not named beside it: \(both)")
    }

    @Test(.enabled(if: hasBoth, "mypy or pytest is not installed"))
    func excludedFilesAreNotCheckedAndStrictErrorsInScopeAre() throws {
        let repo = try Self.project()
        try repo.write("src/shapes/_generated.py", "def untyped(x):\n    return x + 0\n")
        try repo.write("src/shapes/perimeter.py", "def perimeter(side):\n    return 4 * side\n")
        try repo.git("add", "-A")
        let (status, json) = try Self.run(repo)
        #expect(status == 1)
        let mypy = try #require(BuiltinRunTests.steps(json)["mypy"])
        let findings = mypy["findings"] as? [[String: Any]] ?? []
        #expect(findings.allSatisfy { $0["file"] as? String == "src/shapes/perimeter.py" }, "\(findings)")
        #expect(findings.contains { $0["code"] as? String == "no-untyped-def" }, "\(findings)")
        #expect((mypy["note"] as? String)?.contains("_generated.py") == true, "\(mypy)")
    }

    @Test(.enabled(if: hasBoth, "mypy or pytest is not installed"))
    func allFilesVerdictsEqualTheProjectsOwnTools() throws {
        let repo = try Self.project()
        let tools = [BuiltinRunTests.toolDirectory("mypy"), BuiltinRunTests.toolDirectory("pytest")]
        #expect(tools.allSatisfy { $0 != nil })
        let ownMypy = try ProcessRunner.run(tools[0]! + "/mypy", [], directory: repo.root, environment: ScratchRepository.environment)
        let ownPytest = try ProcessRunner.run(tools[1]! + "/pytest", ["-q", "-p", "no:cacheprovider"], directory: repo.root,
                                              environment: ScratchRepository.environment)
        let (status, json) = try Self.run(repo, ["--all-files"])
        let steps = BuiltinRunTests.steps(json)
        #expect((steps["mypy"]?["status"] as? String == "passed") == (ownMypy.status == 0), "\(json) \(ownMypy.output)")
        #expect((steps["pytest"]?["status"] as? String == "passed") == (ownPytest.status == 0), "\(json)")
        #expect(ownMypy.status == 0 && ownPytest.status == 0 && status == 0)
        #expect((steps["pytest"]?["note"] as? String)?.contains("all tests") == true)

        // Break the typing in scope: both verdicts turn together.
        try repo.write("src/shapes/perimeter.py", "def perimeter(side: float) -> float:\n    return str(4 * side)\n")
        try repo.commitAll("broken")
        let brokenMypy = try ProcessRunner.run(tools[0]! + "/mypy", [], directory: repo.root, environment: ScratchRepository.environment)
        let broken = try Self.run(repo, ["--all-files"])
        #expect(brokenMypy.status == 1)
        #expect(BuiltinRunTests.steps(broken.json)["mypy"]?["status"] as? String == "failed", "\(broken.json)")
    }

    @Test(.enabled(if: hasBoth, "mypy or pytest is not installed"))
    func aCoverageThresholdInAddoptsDoesNotFailARunOfSomeTests() throws {
        let repo = try Self.project()
        let pyproject = try #require(repo.readText("pyproject.toml"))
        try repo.write("pyproject.toml", pyproject.replacingOccurrences(
            of: "pythonpath = [\"src\"]", with: "pythonpath = [\"src\"]\naddopts = \"--cov=shapes --cov-fail-under=100\""))
        try repo.commitAll("coverage")
        try repo.write("src/shapes/perimeter.py", "def perimeter(side: float) -> float:\n    return 4.0 * side\n")
        try repo.git("add", "-A")
        let (status, json) = try Self.run(repo)
        let pytest = try #require(BuiltinRunTests.steps(json)["pytest"])
        #expect(status == 0 && pytest["status"] as? String == "passed", "\(json)")
    }

    @Test func anImportOfAnUntrackedModuleFailsOnItsLine() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "preset: minimal\nbuiltins: [untracked-imports]\n")
        try repo.write(".gitignore", "src/pkg/_version.py\n")
        try repo.write("src/pkg/__init__.py", "")
        try repo.write("src/pkg/core.py", "X = 1\n")
        try repo.commitAll("base")
        try repo.write("src/pkg/core.py", "from . import _version\nfrom ._padding import pad\nimport os\nfrom pkg.fresh import thing\n\nX = 1\n")
        try repo.write("src/pkg/_padding.py", "def pad(): ...\n")
        try repo.write("src/pkg/fresh/__init__.py", "thing = 1\n")
        try repo.write("src/pkg/_version.py", "version = '1'\n")
        try repo.git("add", "src/pkg/core.py")
        let failing = try repo.tapps(["run", "--format", "json"])
        #expect(failing.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(failing.output)) as? [String: Any] ?? [:]
        let step = try #require(BuiltinRunTests.steps(json)["untracked-imports"])
        let findings = step["findings"] as? [[String: Any]] ?? []
        #expect(findings.map { $0["line"] as? Int } == [2, 4], "ignored _version.py and the standard library are fine: \(findings)")
        #expect(findings.first?["message"] as? String
                == "imports src/pkg/_padding.py, which is untracked: the commit will not contain it")
        #expect((findings.last?["message"] as? String)?.contains("src/pkg/fresh/__init__.py") == true)

        try repo.git("add", "src/pkg/_padding.py", "src/pkg/fresh/__init__.py")
        #expect(try repo.tapps(["run"]).status == 0)
        try repo.git("rm", "-q", "--cached", "src/pkg/_padding.py")
        try repo.write(".tapps.yaml", "preset: minimal\nbuiltins: {untracked-imports: false, pytest: false, mypy: false}\n")
        #expect(try repo.tapps(["run"]).status == 0, "turned off")
        try repo.write(".tapps.yaml", "preset: minimal\nbuiltins: [untracked-imports]\n")
        #expect(try repo.tapps(["run"], environment: ["SKIP": "untracked-imports"]).status == 0, "skipped by SKIP")
        #expect(try repo.tapps(["run"]).status == 1)
    }

    @Test func aPhaseWithNoStepSaysSo() throws {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: false\nsteps:\n  - name: ok\n    phase: test\n    command: [\"true\"]\n")
        try repo.write("a.txt", "1\n")
        try repo.commitAll("base")
        try repo.write("a.txt", "2\n")
        try repo.git("add", "a.txt")
        let result = try repo.tapps(["run", "--preset", "full-sdlc", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
        let notes = json["notes"] as? [String] ?? []
        #expect(notes == ["review: nothing configured", "security: nothing configured", "docs: nothing configured"], "\(json)")
        let text = try repo.tapps(["run", "--preset", "minimal"])
        #expect(!String(decoding: text.output, as: UTF8.self).contains("nothing configured"))
    }
}
