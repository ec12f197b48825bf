import Testing
@testable import TappsRunner
import TappsCore

@Suite struct BuiltinParsingTests {
    let mypySample = """
        src/app.py:3:5: error: Incompatible types in assignment (expression has type "str", variable has type "int")  [assignment]
        src/app.py:10: note: See https://mypy.rtfd.io/en/stable/_refs.html#code-misc for more info
        src/other.py:1:1: error: Name "x" is not defined  [name-defined]
        odd:name.py:2:3: warning: Unused "type: ignore" comment  [unused-ignore]
        ./-dash.py:4:1: error: Missing return statement  [empty-body]
        src/app.py: error: Duplicate module named "app" (also at "lib/app.py")
        mypy: error: Cannot find implementation or library stub for module named "nope"
        Found 3 errors in 2 files (checked 2 source files)
        """

    @Test func parsesMypyLines() {
        let lines = MypyOutput.parse(mypySample)
        #expect(lines.count == 7)
        #expect(lines[0] == MypyOutput.Line(path: "src/app.py", line: 3, column: 5, severity: "error",
                                           message: #"Incompatible types in assignment (expression has type "str", variable has type "int")"#,
                                           code: "assignment"))
        #expect(lines[1] == MypyOutput.Line(path: "src/app.py", line: 10, column: nil, severity: "note",
                                           message: "See https://mypy.rtfd.io/en/stable/_refs.html#code-misc for more info",
                                           code: nil))
        #expect(lines[3].path == "odd:name.py")
        #expect(lines[3].line == 2 && lines[3].column == 3 && lines[3].code == "unused-ignore")
        #expect(lines[5] == MypyOutput.Line(path: "src/app.py", line: nil, column: nil, severity: "error",
                                           message: #"Duplicate module named "app" (also at "lib/app.py")"#, code: nil))
        #expect(lines[6].path == "mypy")
    }

    @Test func keepsOnlyFindingsInStagedFiles() {
        let staged = [RepoPath("src/app.py"), RepoPath("-dash.py")]
        let findings = MypyOutput.findings(in: mypySample, staged: staged)
        #expect(findings.map { $0.file } == [RepoPath("src/app.py"), RepoPath("src/app.py"), RepoPath("-dash.py"),
                                             RepoPath("src/app.py")])
        #expect(findings[0].line == 3 && findings[0].column == 5 && findings[0].code == "assignment")
        #expect(findings[1].severity == "note")
    }

    @Test func mypyVerdicts() {
        let staged = [RepoPath("src/app.py")]
        let errorInStaged = "src/app.py:1:1: error: bad  [misc]\n"
        let errorElsewhere = "src/other.py:1:1: error: bad  [misc]\n"
        #expect(MypyStep.verdict(exitCodes: [0], output: "", staged: staged).status == .passed)
        let failed = MypyStep.verdict(exitCodes: [1], output: errorInStaged, staged: staged)
        #expect(failed.status == .failed && failed.findings.count == 1 && failed.exitCode == 1)
        let elsewhere = MypyStep.verdict(exitCodes: [1], output: errorElsewhere, staged: staged)
        #expect(elsewhere.status == .passed && elsewhere.findings.isEmpty)
        #expect(elsewhere.note == "mypy reported errors only in files that are not staged")
        let crashed = MypyStep.verdict(exitCodes: [2], output: "Traceback (most recent call last):\n  boom\n", staged: staged)
        #expect(crashed.status == .error && crashed.note == "mypy crashed (exit code 2); see its output")
        let blocked = MypyStep.verdict(exitCodes: [2], output: errorElsewhere, staged: staged)
        #expect(blocked.status == .error && blocked.note == "mypy stopped on an error in a file that is not staged")
        let syntax = MypyStep.verdict(exitCodes: [2], output: "src/app.py:1:5: error: invalid syntax  [syntax]\n",
                                      staged: staged)
        #expect(syntax.status == .failed)
        let notes = MypyStep.verdict(exitCodes: [0], output: "src/app.py:1: note: Revealed type is \"int\"\n", staged: staged)
        #expect(notes.status == .passed && notes.findings.count == 1)
        #expect(MypyStep.verdict(exitCodes: [0, 1], output: errorInStaged, staged: staged).status == .failed)
        #expect(MypyStep.verdict(exitCodes: [-1], output: "", staged: staged).status == .error)
    }

    @Test func mypyInvocationDefaultsAndRepositoryConfig() {
        let environment = StepEnvironment(root: "/repo", runID: "r", gitCommonDirectory: "/repo/.git/",
                                          baseEnvironment: [:], tokenReportDirectory: "/tmp/x")
        let plain = MypyStep.invocation(tool: "/bin/mypy", environment: environment, config: MypyConfig())
        #expect(plain.arguments == ["--follow-imports=silent", "--show-column-numbers", "--show-error-codes",
                                    "--no-error-summary", "--no-color-output", "--no-pretty",
                                    "--cache-dir", "/repo/.git/tapps/mypy-cache"])
        let configured = MypyStep.invocation(tool: "/bin/mypy", environment: environment,
                                             config: MypyConfig(file: "mypy.ini", setsFollowImports: true, setsCacheDir: true))
        #expect(!configured.arguments.contains { $0.hasPrefix("--follow-imports") || $0 == "--cache-dir" })
        var withVariable = environment
        withVariable.baseEnvironment["MYPY_CACHE_DIR"] = "/elsewhere"
        #expect(!MypyStep.invocation(tool: "m", environment: withVariable, config: MypyConfig()).arguments.contains("--cache-dir"))
        #expect(!plain.arguments.contains("--no-incremental"))
    }

    @Test func detectsMypyConfigurationLikeMypyDoes() {
        func detect(_ files: [String: String]) -> MypyConfig {
            MypyConfig.detect(root: "/r") { files[String($0.dropFirst(3))] }
        }
        #expect(detect([:]) == MypyConfig())
        #expect(detect(["pyproject.toml": "[tool.black]\nline-length = 100\n"]) == MypyConfig())
        #expect(detect(["pyproject.toml": "[tool.mypy]  # ours\nfollow_imports = \"normal\"\n"])
                == MypyConfig(file: "pyproject.toml", setsFollowImports: true))
        #expect(detect(["pyproject.toml": "[tool.mypy]\nstrict = true\n[[tool.mypy.overrides]]\nfollow_imports = \"skip\"\n"])
                == MypyConfig(file: "pyproject.toml"))
        #expect(detect(["setup.cfg": "[flake8]\nmax-line-length = 100\n"]) == MypyConfig())
        #expect(detect(["setup.cfg": "[mypy]\ncache_dir = .cache/mypy\n"])
                == MypyConfig(file: "setup.cfg", setsCacheDir: true))
        #expect(detect(["mypy.ini": "[mypy]\nwarn_unused_ignores = True\n[mypy-vendor.*]\nfollow_imports = skip\n"])
                == MypyConfig(file: "mypy.ini"))
        // mypy.ini wins over pyproject.toml even when it sets less.
        #expect(detect(["mypy.ini": "[mypy]\n", "pyproject.toml": "[tool.mypy]\nfollow_imports = \"skip\"\n"])
                == MypyConfig(file: "mypy.ini"))
        #expect(detect([".mypy.ini": "[mypy]\nfollow-imports: error\n"])
                == MypyConfig(file: ".mypy.ini", setsFollowImports: true))
    }

    @Test func parsesPytestSummary() {
        let output = """
            ..F.E                                                                    [100%]
            =========================== short test summary info ============================
            FAILED tests/test_calc.py::test_add - AssertionError: assert 3 == 4
            FAILED tests/test_calc.py::test_param[a - b] - ValueError: no
            FAILED tests/test_calc.py::TestThing::test_quiet
            ERROR tests/test_db.py - ModuleNotFoundError: No module named 'db'
            2 failed, 2 passed, 1 error in 0.12s
            """
        let findings = PytestFindings.findings(for: PytestOutput.cases(in: output),
                                               paths: PytestPaths(root: "/r", known: []), staged: [])
        #expect(findings.count == 4)
        #expect(findings[0] == Finding(file: RepoPath("tests/test_calc.py"), severity: "error",
                                       code: "tests/test_calc.py::test_add", message: "AssertionError: assert 3 == 4"))
        #expect(findings[1].code == "tests/test_calc.py::test_param[a - b]")
        #expect(findings[1].message == "ValueError: no")
        #expect(findings[2].message == "test failed")
        #expect(findings[3] == Finding(file: RepoPath("tests/test_db.py"), severity: "error", code: "tests/test_db.py",
                                       message: "collection error: ModuleNotFoundError: No module named 'db'"))
    }

    /// Real mypy 1.x output: notes that explain an error follow it at the same file and line.
    static let mypyWithNotes = """
        app.py:14:1: error: No overload variant of "f" matches argument type "float"  [call-overload]
        app.py:14:1: note: Possible overload variants:
        app.py:14:1: note:     def f(x: int) -> int
        app.py:14:1: note:     def f(x: str) -> str
        app.py:15:3: error: Argument 1 to "g" has incompatible type "str"; expected "int"  [arg-type]
        app.py:16:13: note: Revealed type is "int"
        app.py:19:1: error: Cannot find implementation or library stub for module named "requests_missing_zz"  [import-not-found]
        app.py:19:1: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports
        app.py:23:17: error: Argument 1 of "m" is incompatible with supertype "A"; supertype defines the argument type as "int"  [override]
        app.py:23:17: note: This violates the Liskov substitution principle
        app.py:23:17: note: See https://mypy.readthedocs.io/en/stable/common_issues.html#incompatible-overrides
        """

    @Test func mypyNotesAreAttachedToTheirError() {
        let findings = MypyOutput.findings(in: Self.mypyWithNotes, staged: [RepoPath("app.py")])
        #expect(findings.map(\.line) == [14, 15, 16, 19, 23])
        #expect(findings[0].message == #"No overload variant of "f" matches argument type "float" (note: Possible overload variants: def f(x: int) -> int; def f(x: str) -> str)"#)
        #expect(findings[0].code == "call-overload" && findings[0].severity == "error")
        #expect(findings[1].message == #"Argument 1 to "g" has incompatible type "str"; expected "int""#)
        #expect(findings[2] == Finding(file: RepoPath("app.py"), line: 16, column: 13, severity: "note",
                                       message: #"Revealed type is "int""#), "a note of its own stays a note")
        #expect(findings[3].message.hasSuffix("(note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports)"))
        #expect(findings[4].message.hasSuffix("(note: This violates the Liskov substitution principle; See https://mypy.readthedocs.io/en/stable/common_issues.html#incompatible-overrides)"))
    }

    @Test func dashFilesAreNotReadAsOptions() {
        #expect(BuiltinStep.argument(for: RepoPath("-x.py")) == Array("./-x.py".utf8))
        #expect(BuiltinStep.argument(for: RepoPath("a/-x.py")) == Array("a/-x.py".utf8))
    }
}
