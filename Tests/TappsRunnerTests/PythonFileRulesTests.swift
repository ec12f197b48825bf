import Testing
import TappsCore
@testable import TappsRunner

/// The path rules behind the built-in mypy's stubs and pytest's directory walk, without processes.
@Suite struct PythonFileRulesTests {
    /// Without an index (a `--from-ref`/`--to-ref` range), only stubs among the changed files count.
    @Test func aSourceIsStubbedByAStubAmongTheFilesWhenThereIsNoIndex() {
        let files = ["pkg/a.py", "pkg/a.pyi", "pkg/b.py", "pkg/c.pyi", "pkg/apy"].map(RepoPath.init)
        #expect(MypyPlanning.stubbedSources(files, index: nil) == [RepoPath("pkg/a.py")])
    }

    @Test func theWalkNamesEachTestDirectoryOnceAndNoneInsideAnother() {
        let tests = ["tests/test_a.py", "tests/sub/test_b.py", "tests/sub/deep/test_c.py", "other/test_d.py"]
        #expect(PytestCollectIgnore.directories(of: tests.map(RepoPath.init)) == ["other", "tests"])
        #expect(PytestCollectIgnore.directories(of: ["test_top.py", "tests/test_a.py"].map(RepoPath.init)) == ["."])
        #expect(PytestCollectIgnore.directories(of: ["tests2/test_a.py", "tests/test_b.py"].map(RepoPath.init)) == ["tests", "tests2"],
                "a sibling whose name starts like another is not inside it")
    }
}
