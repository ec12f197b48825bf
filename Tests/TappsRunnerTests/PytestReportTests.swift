import Testing
@testable import TappsRunner
import TappsCore

/// What the built-in pytest reports for real pytest 9 output (``PytestSamples``), from its JUnit XML and from its
/// terminal output alone.
@Suite struct PytestReportTests {
    static let paths = PytestPaths(root: "/tmp/fx", known: [RepoPath("tests/test_core.py")])
    static let core = RepoPath("tests/test_core.py")

    static func findings(_ cases: [PytestCase], staged: Set<RepoPath> = []) -> [Finding] {
        PytestFindings.findings(for: cases, paths: paths, staged: staged)
    }

    static func xmlCases(_ xml: String) throws -> [PytestCase] {
        try #require(PytestJUnit.cases(in: xml))
    }

    /// The failing test's finding: (line, message) by node id.
    static func byNode(_ findings: [Finding]) -> [String: [(Int?, String)]] {
        var result: [String: [(Int?, String)]] = [:]
        for finding in findings where finding.severity == "error" {
            result[finding.code ?? "", default: []].append((finding.line, finding.message))
        }
        return result
    }

    @Test func readsEveryOutcomeFromTheJUnitReport() throws {
        let cases = try Self.xmlCases(PytestSamples.coreXML)
        let outcomes = Dictionary(cases.map { ($0.nodeID + "/" + $0.stage.rawValue, $0.outcome) }, uniquingKeysWith: { a, _ in a })
        #expect(outcomes["tests/test_core.py::test_ok/call"] == .passed)
        #expect(outcomes["tests/test_core.py::test_add/call"] == .failed)
        #expect(outcomes["tests/test_core.py::test_skipped/call"] == .skipped)
        #expect(outcomes["tests/test_core.py::test_xfail/call"] == .xfailed)
        #expect(outcomes["tests/test_core.py::test_fixture/setup"] == .error)
        #expect(outcomes["tests/test_core.py::TestK::test_m/call"] == .failed)
        #expect(outcomes["tests/test_core.py::test_param[a - b]/call"] == .failed)
        #expect(outcomes["tests/test_core.py::test_param[c[d]]/call"] == .failed)
        #expect(outcomes[#"tests/test_core.py::test_param[\xfc \xf1]/call"#] == .failed)
        // A test that fails and whose fixture then fails at teardown: both are reported.
        #expect(outcomes["tests/test_core.py::test_teardown/call"] == .failed)
        #expect(outcomes["tests/test_core.py::test_teardown/teardown"] == .error)
        #expect(PytestCounts(cases) == PytestCounts(failed: 11, passed: 1, skipped: 1, xfailed: 1, errors: 2))
        #expect(PytestCounts(cases).text == "11 failed, 1 passed, 1 skipped, 1 xfailed, 2 errors")
    }

    @Test func eachFailingTestNamesItsStatementAndItsException() throws {
        let found = Self.byNode(Self.findings(try Self.xmlCases(PytestSamples.coreXML)))
        let node = "tests/test_core.py::"
        #expect(found[node + "test_add"]?.first?.0 == 5)
        #expect(found[node + "test_add"]?.first?.1 == "AssertionError: assert 7 == 6")
        #expect(found[node + "test_source"]?.first?.0 == 11)
        #expect(found[node + "test_source"]?.first?.1
                == "TypeError: unsupported operand type(s) for +: 'int' and 'str' (raised at src/pkg/core.py:8)")
        #expect(found[node + "test_param[a - b]"]?.first?.1 == "AssertionError: assert 'a - b' == 'zz'")
        #expect(found[node + "test_param[c[d]]"]?.first?.0 == 18)
        #expect(found[node + #"test_param[\xfc \xf1]"#]?.first?.1 == "AssertionError: assert 'ü ñ' == 'zz'")
        #expect(found[node + "test_unicode"]?.first?.1 == "AssertionError: assert 'héllo ☃' == 'hello'")
        #expect(found[node + "TestK::test_m"]?.first?.0 == 37)
        #expect(found[node + "TestK::test_m"]?.first?.1 == "KeyError: 'b'")
        #expect(found[node + "test_chained"]?.first?.0 == 46, "the last traceback is the one that failed the test")
        #expect(found[node + "test_chained"]?.first?.1 == "RuntimeError: lookup failed")
        #expect(found[node + "test_raises"]?.first?.1 == "Failed: DID NOT RAISE <class 'ValueError'>")
        #expect(found[node + "test_skipped"] == nil && found[node + "test_xfail"] == nil && found[node + "test_ok"] == nil)
    }

    @Test func fixtureErrorsAreReportedLikeFailures() throws {
        let findings = Self.findings(try Self.xmlCases(PytestSamples.coreXML))
        let setup = try #require(findings.first { $0.code == "tests/test_core.py::test_fixture" })
        #expect(setup.file == Self.core && setup.line == 13, "the test's def line: no traceback entry is in the test file")
        #expect(setup.message == "in setup: RuntimeError: fixture exploded (raised at tests/conftest.py:7)")
        let teardown = findings.filter { $0.code == "tests/test_core.py::test_teardown" }.map(\.message)
        #expect(teardown == ["AssertionError: assert 1 == 2",
                             "in teardown: ValueError: teardown broke (raised at tests/conftest.py:12)"])
    }

    @Test func aTracebackThroughAStagedFileAddsANoteThere() throws {
        let staged: Set<RepoPath> = [RepoPath("src/pkg/core.py")]
        let findings = Self.findings(try Self.xmlCases(PytestSamples.coreXML), staged: staged)
            .filter { $0.code == "tests/test_core.py::test_source" }
        let message = "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
        #expect(findings == [
            Finding(file: Self.core, line: 11, severity: "error", code: "tests/test_core.py::test_source", message: message),
            Finding(file: RepoPath("src/pkg/core.py"), line: 8, severity: "note", code: "tests/test_core.py::test_source",
                    message: "in helper: " + message),
        ])
    }

    @Test func theTerminalOutputAloneGivesTheSameFindings() throws {
        let fromXML = Self.findings(try Self.xmlCases(PytestSamples.coreXML))
        let fromTerminal = Self.findings(PytestOutput.cases(in: PytestSamples.coreTerminal))
        #expect(fromTerminal.count == fromXML.count)
        for finding in fromXML {
            var expected = finding
            // Only the JUnit report knows a test's def line (where a fixture error is reported).
            if finding.message.hasPrefix("in setup") || finding.message.hasPrefix("in teardown") { expected.line = nil }
            #expect(fromTerminal.contains(expected), "\(expected)")
        }
        #expect(PytestOutput.counts(in: PytestSamples.coreTerminal)
                == PytestCounts(failed: 11, passed: 1, skipped: 1, xfailed: 1, errors: 2))
    }

    @Test(arguments: [("XML", true), ("terminal", false)])
    func collectionErrorsNameTheirCauseAndFile(source: String, fromXML: Bool) throws {
        let cases = fromXML ? try Self.xmlCases(PytestSamples.collectionXML) : PytestOutput.cases(in: PytestSamples.collectionTerminal)
        let findings = Self.findings(cases)
        #expect(findings == [
            Finding(file: RepoPath("tests/test_missing.py"), line: 1, severity: "error", code: "tests/test_missing.py",
                    message: "collection error: ModuleNotFoundError: No module named 'nothere'"),
            Finding(file: RepoPath("tests/test_syntax.py"), line: 1, severity: "error", code: "tests/test_syntax.py",
                    message: "collection error: SyntaxError: invalid syntax"),
        ], "\(source)")
    }

    @Test(arguments: [("XML", true), ("terminal", false)])
    func aDirectoryThatFailsToCollectIsReportedWhereItRaised(source: String, fromXML: Bool) throws {
        let cases = fromXML ? try Self.xmlCases(PytestSamples.directoryCollectionXML)
            : PytestOutput.cases(in: PytestSamples.directoryCollectionTerminal)
        let paths = PytestPaths(root: "/tmp/fx3", known: [])
        let conftest = RepoPath("tests/sub/conftest.py")
        let expected = Finding(file: conftest, line: 1, severity: "error", code: "tests/sub",
                               message: "collection error: ModuleNotFoundError: No module named 'nothere'")
        #expect(PytestFindings.findings(for: cases, paths: paths, staged: []) == [expected], "\(source)")
        #expect(PytestFindings.findings(for: cases, paths: paths, staged: [conftest]) == [expected],
                "no note repeats the place the error is reported at")
    }

    /// pytest 9 on a test class that inherits its test from a class in another file (`tests/helpers.py`).
    static let inheritedXML = #"""
        <?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0" failures="1" skipped="0" tests="1" time="0.269" timestamp="2026-12-01T10:52:13.806273+00:00" hostname="vm"><testcase classname="tests.test_child.TestChild" name="test_shared" file="tests/helpers.py" line="1" time="0.001"><failure message="AssertionError">tests/helpers.py:3: in test_shared
            assert 1 == 2
                   ^^^^^^
        E   AssertionError</failure></testcase></testsuite></testsuites>
        """#

    /// Three tests whose tracebacks end at the same line of a staged module, with the same error.
    static func casesThroughOneStagedLine() -> [PytestCase] {
        (1...3).map { index in
            PytestCase(nodeID: "tests/test_core.py::test_\(index)", file: "tests/test_core.py", line: 3 * index,
                       outcome: .failed, summary: "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                       details: """
                           tests/test_core.py:\(3 * index + 1): in test_\(index)
                               divide(1, 2)
                           src/pkg/core.py:8: in helper
                               return a + "x"
                           E   TypeError: unsupported operand type(s) for +: 'int' and 'str'
                           """)
        }
    }

    @Test func aStagedLineManyFailingTestsPassThroughIsOneNoteThatCountsThem() {
        let core = RepoPath("src/pkg/core.py")
        let findings = Self.findings(Self.casesThroughOneStagedLine(), staged: [core])
        let errors = findings.filter { $0.severity == "error" }
        #expect(errors.map(\.code) == ["tests/test_core.py::test_1", "tests/test_core.py::test_2", "tests/test_core.py::test_3"],
                "every failing test keeps its own error: \(findings)")
        #expect(errors.map(\.line) == [4, 7, 10])
        let notes = findings.filter { $0.severity == "note" }
        #expect(notes == [Finding(file: core, line: 8, severity: "note", code: "tests/test_core.py::test_1",
                                  message: "in helper: TypeError: unsupported operand type(s) for +: 'int' and 'str' (and 2 more failing tests)")],
                "\(findings)")
        #expect(findings.firstIndex(of: notes[0]) == 1, "the note follows the first test it belongs to")
        let one = Self.findings(Array(Self.casesThroughOneStagedLine().prefix(1)), staged: [core])
        #expect(one.last?.message == "in helper: TypeError: unsupported operand type(s) for +: 'int' and 'str'",
                "one test: no count")
    }

    @Test func anInheritedTestKeepsItsNodeIDAndIsReportedWhereItFails() throws {
        let cases = try Self.xmlCases(Self.inheritedXML)
        #expect(cases.map(\.nodeID) == ["tests/test_child.py::TestChild::test_shared"])
        let paths = PytestPaths(root: "/tmp/fx4", known: [RepoPath("tests/test_child.py")])
        #expect(PytestFindings.findings(for: cases, paths: paths, staged: []) == [
            Finding(file: RepoPath("tests/helpers.py"), line: 3, severity: "error",
                    code: "tests/test_child.py::TestChild::test_shared", message: "AssertionError"),
        ])
    }

    @Test func aConftestThatCannotBeImportedIsAFinding() {
        let run = PytestStep.Run(exitCodes: [4], output: PytestSamples.conftestTerminal,
                                 tests: [RepoPath("tests/test_a.py")], root: "/tmp/fx2")
        let verdict = PytestStep.verdict(run)
        #expect(verdict.status == .error && verdict.note == "pytest could not load a conftest.py")
        #expect(verdict.findings == [Finding(file: RepoPath("tests/conftest.py"), line: 1, severity: "error",
                                             code: "tests/conftest.py",
                                             message: "collection error: ModuleNotFoundError: No module named 'nothere'")])
    }

    @Test func theNoteSaysWhatRan() {
        let run = PytestStep.Run(exitCodes: [1], output: PytestSamples.coreTerminal, reports: [PytestSamples.coreXML],
                                 tests: [Self.core], staged: [RepoPath("src/pkg/core.py")],
                                 root: "/tmp/fx")
        let verdict = PytestStep.verdict(run)
        #expect(verdict.status == .failed && verdict.exitCode == 1)
        #expect(verdict.note == "11 failed, 1 passed, 1 skipped, 1 xfailed, 2 errors in 1 file")
        var collection = PytestStep.Run(exitCodes: [2], output: PytestSamples.collectionTerminal,
                                        reports: [PytestSamples.collectionXML],
                                        tests: [RepoPath("tests/test_missing.py"), RepoPath("tests/test_syntax.py")],
                                        root: "/tmp/fx")
        #expect(PytestStep.verdict(collection).note == "2 errors in 2 files; errors while collecting tests")
        collection.reports = []
        #expect(PytestStep.verdict(collection).note == "2 errors in 2 files; errors while collecting tests",
                "the same from pytest's last line")
        let passed = PytestStep.Run(exitCodes: [0], output: "...  [100%]\n3 passed in 0.02s\n",
                                    tests: [Self.core], root: "/r")
        #expect(PytestStep.verdict(passed) == StepVerdict(status: .passed, exitCode: 0, note: "3 passed in 1 file"))
    }

    @Test func severalInvocationsAddUpAndAMissingReportFallsBackToTheTerminal() throws {
        let chunked = PytestStep.Run(exitCodes: [1, 2], output: PytestSamples.coreTerminal + "\n" + PytestSamples.collectionTerminal,
                                     reports: [PytestSamples.coreXML, PytestSamples.collectionXML],
                                     tests: [Self.core, RepoPath("tests/test_missing.py"), RepoPath("tests/test_syntax.py")],
                                     root: "/tmp/fx")
        let both = PytestStep.verdict(chunked)
        #expect(both.note == "11 failed, 1 passed, 1 skipped, 1 xfailed, 4 errors in 3 files")
        var oneMissing = chunked
        oneMissing.reports = [PytestSamples.coreXML]
        let fallback = PytestStep.verdict(oneMissing)
        #expect(fallback.note == both.note)
        #expect(Set(fallback.findings.map(\.code)) == Set(both.findings.map(\.code)))
        var unreadable = chunked
        unreadable.reports = ["<html>not junit</html>", "garbage"]
        #expect(PytestStep.verdict(unreadable).findings.count == fallback.findings.count)
    }

    @Test func verdictsFromExitCodes() {
        func verdict(_ codes: [Int32], _ output: String = "") -> StepVerdict {
            PytestStep.verdict(PytestStep.Run(exitCodes: codes, output: output, root: "/r"))
        }
        #expect(verdict([0]).status == .passed)
        #expect(verdict([5]) == StepVerdict(status: .skipped, exitCode: 5, note: "no tests collected"))
        #expect(verdict([0, 5]).status == .passed)
        let failed = verdict([0, 1], "FAILED t.py::x - boom\n")
        #expect(failed.status == .failed && failed.exitCode == 1)
        #expect(failed.findings == [Finding(file: RepoPath("t.py"), severity: "error", code: "t.py::x", message: "boom")])
        #expect(verdict([2]).status == .failed)
        let crashed = verdict([1], "Traceback (most recent call last):\n  File \"/venv/bin/pytest\", line 8, in <module>\nModuleNotFoundError: No module named 'packaging'\n")
        #expect(crashed.status == .failed && crashed.findings.isEmpty)
        #expect(crashed.note == "pytest stopped before running any test; see its output")
        #expect(verdict([4]).status == .error && verdict([4]).note == "pytest could not run (usage error)")
        #expect(verdict([3]).status == .error)
        #expect(verdict([1, 4]).status == .error)
    }

    @Test func theInvocationAsksForAReportShortTracebacksAndAWideTerminal() {
        let invocation = PytestStep.invocation(tool: "/bin/pytest", reportFile: "/scratch/pytest.junit.xml")
        #expect(invocation.arguments == ["-q", "-rfE", "--tb=short", "--no-header", "-p", "no:cacheprovider",
                                         "--junit-xml=/scratch/pytest.junit.xml", "-o", "junit_family=xunit1"])
        #expect(invocation.environment["COLUMNS"] == PytestStep.columns)
        #expect(invocation.environment["PYTHONDONTWRITEBYTECODE"] == "1")
        #expect(invocation.reportFile == "/scratch/pytest.junit.xml")
    }

    @Test func pathsAreMappedToTheRepository() {
        let paths = PytestPaths(root: "/repo/", known: [RepoPath("python/tests/test_a.py")])
        #expect(paths.resolve("/repo/src/a.py") == RepoPath("src/a.py"))
        #expect(paths.resolve("./src/a.py") == RepoPath("src/a.py"))
        #expect(paths.resolve("tests/test_a.py") == RepoPath("python/tests/test_a.py"), "relative to a rootdir below the root")
        #expect(paths.resolve("/usr/lib/python3.11/ast.py") == nil)
        #expect(paths.resolve("<frozen importlib._bootstrap>") == nil)
        #expect(paths.resolve("../outside.py") == nil)
    }

    @Test func readsTracebackEntries() {
        let traceback = PytestTraceback("""
            odd: dir/test a.py:12: in test_x
                call()
            src/m.py:3: in call
                raise Boom("x: y")
            E   pkg.errors.Boom: x: y
            E   second line
            """)
        #expect(traceback.frames == [.init(path: "odd: dir/test a.py", line: 12, function: "test_x"),
                                     .init(path: "src/m.py", line: 3, function: "call")])
        #expect(traceback.exceptionType == "pkg.errors.Boom" && traceback.message == "pkg.errors.Boom: x: y")
        let bare = PytestTraceback("t.py:2: in test_y\n    assert f()\nE   assert False\nE    +  where False = f()\n")
        #expect(bare.message == "AssertionError: assert False")
        #expect(PytestTraceback("E   StopIteration\n").message == "StopIteration")
        #expect(PytestTraceback("").message == nil && PytestTraceback("").frames.isEmpty)
    }

    @Test(arguments: [
        ("11 failed, 1 passed, 1 skipped, 1 xfailed, 2 errors in 5.71s", PytestCounts(failed: 11, passed: 1, skipped: 1, xfailed: 1, errors: 2)),
        ("===== 3 passed, 2 warnings in 0.10s =====", PytestCounts(passed: 3)),
        ("1 passed, 1 xpassed, 4 deselected in 1.00s (0:00:01)", PytestCounts(passed: 2)),
        ("2 errors in 13.55s", PytestCounts(errors: 2)),
    ] as [(String, PytestCounts)])
    func readsTheLastLine(line: String, counts: PytestCounts) {
        #expect(PytestCounts.parseSummaryLine(Substring(line)) == counts)
    }

    @Test func otherLinesAreNotCounts() {
        for line in ["no tests ran in 0.01s", "FAILED t.py::x - 2 failed in 3 places", "ran in 3s", ""] {
            #expect(PytestCounts.parseSummaryLine(Substring(line)) == nil, "\(line)")
        }
    }
}
