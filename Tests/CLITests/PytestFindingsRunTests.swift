import Foundation
import Testing
import TestSupport

/// What the built-in pytest tells an agent through `git tapps run`, with the real pytest (skipped where missing),
/// on ``PytestFixtureProject``.
@Suite struct PytestFindingsRunTests {
    static func repository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "builtins: [pytest]\n")
        try repo.write(".gitignore", "__pycache__/\n")
        for (path, content) in PytestFixtureProject.files { try repo.write(path, content) }
        try repo.commitAll("base")
        return repo
    }

    static func pytestStep(_ repo: ScratchRepository, _ extra: [String] = []) throws -> [String: Any] {
        let result = try repo.tapps(["run", "--preset", "standard", "--format", "json"] + extra)
        #expect(result.status == 1, "\(result.outputText)")
        let json = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
        return try #require(BuiltinRunTests.steps(json)["pytest"], "\(result.outputText)")
    }

    static func findings(_ step: [String: Any]) -> [[String: Any]] {
        step["findings"] as? [[String: Any]] ?? []
    }

    @Test(.enabled(if: BuiltinRunTests.hasPytest, "pytest is not installed"))
    func aFailingTestNamesItsFileLineAndAssertion() throws {
        let repo = try Self.repository()
        try repo.write("src/pkg/core.py", "def add(a, b):\n    return a + b\n\ndef divide(a, b):\n    return helper(a) + b\n\ndef helper(a):\n    return a + \"y\"\n")
        try repo.git("add", "src/pkg/core.py")
        let step = try Self.pytestStep(repo)
        #expect(step["status"] as? String == "failed")
        let findings = Self.findings(step)
        let add = try #require(findings.first { $0["code"] as? String == "tests/test_core.py::test_add" }, "\(findings)")
        #expect(add["file"] as? String == "tests/test_core.py")
        #expect(add["line"] as? Int == 5)
        #expect(add["message"] as? String == "AssertionError: assert 7 == 6")
        let source = findings.filter { $0["code"] as? String == "tests/test_core.py::test_source" }
        #expect(source.count == 2, "the test, and the staged module its traceback passes through: \(source)")
        #expect(source.first?["line"] as? Int == 11 && source.first?["severity"] as? String == "error")
        #expect(source.last?["file"] as? String == "src/pkg/core.py" && source.last?["line"] as? Int == 8)
        #expect(source.last?["severity"] as? String == "note")
        let noteMessage = source.last?["message"] as? String ?? ""
        #expect(noteMessage.hasPrefix("in helper: TypeError: unsupported operand type(s) for +"), "\(noteMessage)")
        let note = step["note"] as? String ?? ""
        #expect(note.hasPrefix("11 failed, 1 passed, 1 skipped, 1 xfailed, 2 errors in 1 file"), "\(note)")
        let output = step["output"] as? String ?? ""
        #expect(output.contains("FAILED tests/test_core.py::test_add - assert 7 == 6"),
                "JSON output holds (the end of) pytest's own output: \(output)")
        #expect(output.count <= 4000)
        #expect(try repo.git("status", "--porcelain", "--ignored") == "M  src/pkg/core.py\n",
                "no report, cache or bytecode left in the work tree")
    }

    @Test(.enabled(if: BuiltinRunTests.hasPytest, "pytest is not installed"))
    func aCollectionErrorNamesTheMissingModule() throws {
        let repo = try Self.repository()
        try repo.write("tests/test_missing.py", "import nothere\n\ndef test_x():\n    pass\n")
        try repo.git("add", "tests/test_missing.py")
        let step = try Self.pytestStep(repo)
        let findings = Self.findings(step)
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.first?["file"] as? String == "tests/test_missing.py")
        #expect(findings.first?["line"] as? Int == 1)
        #expect(findings.first?["message"] as? String == "collection error: ModuleNotFoundError: No module named 'nothere'")
        let note = step["note"] as? String ?? ""
        #expect(note.hasPrefix("1 error in 1 file"), "\(note)")
    }

    @Test(.enabled(if: BuiltinRunTests.hasPytest, "pytest is not installed"))
    func fullShowsPytestsOwnOutput() throws {
        let repo = try Self.repository()
        try repo.write("tests/test_core.py", "from pkg.core import add\n\ndef test_add():\n    assert add(3, 4) == 6\n")
        try repo.git("add", "tests/test_core.py")
        let short = try repo.tapps(["run", "--preset", "standard"])
        #expect(short.status == 1)
        #expect(short.outputText.contains("4 error: AssertionError: assert 7 == 6 [tests/test_core.py::test_add]"),
                "\(short.outputText)")
        #expect(!short.outputText.contains("short test summary info"))
        let full = try repo.tapps(["run", "--preset", "standard", "--full"])
        #expect(full.status == 1)
        #expect(full.outputText.contains("4 error: AssertionError: assert 7 == 6 [tests/test_core.py::test_add]"))
        #expect(full.outputText.contains("short test summary info"), "\(full.outputText)")
        #expect(full.outputText.contains("tests/test_core.py:4: in test_add"), "pytest's traceback: \(full.outputText)")
    }
}
