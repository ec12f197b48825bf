import Testing
import TappsCore
@testable import TappsRunner
import TappsGit
import TestSupport

/// What the built-in pytest adds to its command line for a selection: `--no-cov` exactly when a run of some
/// tests would meet a whole-suite coverage threshold from `addopts`.
@Suite struct PytestChoiceTests {
    func choice(addopts: String?, staged: String) throws -> PytestChoice {
        let repo = try ScratchRepository()
        try repo.write("pyproject.toml", "[tool.pytest.ini_options]\npythonpath = [\"src\"]\n"
                       + (addopts.map { "addopts = \"\($0)\"\n" } ?? ""))
        try repo.write("src/pkg/__init__.py", "")
        try repo.write("src/pkg/core.py", "value = 1\n")
        try repo.write("src/pkg/other.py", "value = 2\n")
        try repo.write("tests/conftest.py", "")
        try repo.write("tests/test_core.py", "from pkg.core import value\n")
        try repo.write("tests/test_other.py", "from pkg.other import value\n")
        _ = try repo.git("add", "-A")
        let session = RepositorySession(repository: try Repository.open(at: repo.root), root: repo.root, config: TappsConfig())
        let changes = [ChangedFile(status: .modified, path: RepoPath(staged))]
        return PytestPlanning.choice(session: session, changes: changes, scope: .staged,
                                     project: PythonProjectLoader(session: session, changes: changes))
    }

    @Test func aRelatedSelectionTurnsOffTheSuitesCoverageThreshold() throws {
        let related = try choice(addopts: "--cov=pkg --cov-fail-under=90", staged: "src/pkg/core.py")
        #expect(related.selection == .related(tests: ["tests/test_core.py"], reason: "related to core.py"))
        #expect(related.arguments == ["--no-cov"])
    }

    @Test func theWholeSuiteAndAProjectWithoutCoverageKeepTheirOptions() throws {
        let whole = try choice(addopts: "--cov=pkg --cov-fail-under=90", staged: "tests/conftest.py")
        guard case .all = whole.selection else {
            Issue.record("a conftest change runs every test: \(whole.selection)")
            return
        }
        #expect(whole.arguments.isEmpty)
        #expect(try choice(addopts: "-ra", staged: "src/pkg/core.py").arguments.isEmpty)
        #expect(try choice(addopts: nil, staged: "src/pkg/core.py").arguments.isEmpty)
    }
}
