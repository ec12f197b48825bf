import Testing
import TappsCore
@testable import TappsRunner

/// Real output of the tools (ruff 0.17, flake8, pylint, gcc 12, clang, shellcheck 0.9, cargo/rustc run here on small
/// files; tsc, eslint's unix formatter and go vet as their documentation and source print them).
@Suite struct LocatedMessagesTests {
    static let files = [RepoPath("src/app.py"), RepoPath("lib/x.c"), RepoPath("run.sh"), RepoPath("src/main.rs"),
                        RepoPath("src/app.ts"), RepoPath("web/app.js"), RepoPath("main.go")]

    static func findings(_ output: String) -> [Finding] {
        LocatedMessages.findings(in: output, files: files, root: "/work/repo")
    }

    @Test(arguments: [
        ("src/app.py:1:8: F401 [*] `os` imported but unused", 1, 8, "error", "F401", "`os` imported but unused (fixable)"),
        ("src/app.py:3:5: F841 Local variable `y` is assigned to but never used", 3, 5, "error", "F841",
         "Local variable `y` is assigned to but never used"),
        ("src/app.py:1:1: CPY001 Missing copyright notice at top of file", 1, 1, "error", "CPY001", "Missing copyright notice at top of file"),
        ("src/app.py:12:80: E501 line too long (88 > 79 characters)", 12, 80, "error", "E501", "line too long (88 > 79 characters)"),
        ("src/app.py:2:7: E201 whitespace after '('", 2, 7, "error", "E201", "whitespace after '('"),
        ("./src/app.py:3:0: W0611: Unused import os (unused-import)", 3, 0, "warning", "W0611", "Unused import os (unused-import)"),
        ("src/app.py:1:0: C0114: Missing module docstring (missing-module-docstring)", 1, 0, "warning", "C0114",
         "Missing module docstring (missing-module-docstring)"),
        ("src/app.py:9:4: E1101: Module 'os' has no 'nope' member (no-member)", 9, 4, "error", "E1101",
         "Module 'os' has no 'nope' member (no-member)"),
        ("src/app.py:3:5: error: Incompatible types in assignment (expression has type \"str\", variable has type \"int\")  [assignment]",
         3, 5, "error", "assignment", "Incompatible types in assignment (expression has type \"str\", variable has type \"int\")"),
        ("lib/x.c:4:9: warning: unused variable ‘y’ [-Wunused-variable]", 4, 9, "warning", "-Wunused-variable", "unused variable ‘y’"),
        ("lib/x.c:6:14: warning: format ‘%d’ expects argument of type ‘int’, but argument 2 has type ‘char *’ [-Wformat=]", 6, 14,
         "warning", "-Wformat=", "format ‘%d’ expects argument of type ‘int’, but argument 2 has type ‘char *’"),
        ("lib/x.c:7:19: error: expected ‘;’ before ‘}’ token", 7, 19, "error", nil, "expected ‘;’ before ‘}’ token"),
        ("lib/x.c:9: error: expected ';'", 9, nil, "error", nil, "expected ';'"),
        ("lib/x.c:1:10: fatal error: nothere.h: No such file or directory", 1, 10, "error", nil, "nothere.h: No such file or directory"),
        ("run.sh:3:8: note: Double quote to prevent globbing and word splitting. [SC2086]", 3, 8, "note", "SC2086",
         "Double quote to prevent globbing and word splitting."),
        ("run.sh:2:10: error: Iterating over ls output is fragile. Use globs. [SC2045]", 2, 10, "error", "SC2045",
         "Iterating over ls output is fragile. Use globs."),
        ("src/main.rs:2:18: error[E0308]: mismatched types: expected `i32`, found `&str`", 2, 18, "error", "E0308",
         "mismatched types: expected `i32`, found `&str`"),
        ("src/main.rs:2:9: warning: unused variable: `y`: help: if this is intentional, prefix it with an underscore: `_y`", 2, 9,
         "warning", nil, "unused variable: `y`: help: if this is intentional, prefix it with an underscore: `_y`"),
        ("src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.", 3, 7, "error", "TS2322",
         "Type 'string' is not assignable to type 'number'."),
        ("src/app.ts(12,1): warning TS6133: 'x' is declared but its value is never read.", 12, 1, "warning", "TS6133",
         "'x' is declared but its value is never read."),
        ("/work/repo/web/app.js:1:10: 'addOne' is defined but never used. [Error/no-unused-vars]", 1, 10, "error", "no-unused-vars",
         "'addOne' is defined but never used."),
        ("/work/repo/web/app.js:3:20: Missing semicolon. [Warning/semi]", 3, 20, "warning", "semi", "Missing semicolon."),
        ("/work/repo/web/app.js:1:1: Parsing error: Unexpected token ) [Error]", 1, 1, "error", nil, "Parsing error: Unexpected token )"),
        ("./main.go:8:2: fmt.Printf format %d has arg s of wrong type string", 8, 2, "error", nil,
         "fmt.Printf format %d has arg s of wrong type string"),
    ] as [(String, Int, Int?, String, String?, String)])
    func parsesCommonFormats(line: String, number: Int, column: Int?, severity: String, code: String?, message: String) {
        let found = Self.findings("noise\n" + line + "\nFound 1 error.\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == number && found.first?.column == column)
        #expect(found.first?.severity == severity)
        #expect(found.first?.code == code)
        #expect(found.first?.message == message)
    }

    @Test func compilerNotesExplainTheDiagnosticBeforeThem() {
        let gcc = """
            x.c: In function ‘main’:
            lib/x.c:7:12: error: too many arguments to function ‘f’
                7 |     return f(1, 2)
                  |            ^
            lib/x.c:2:5: note: declared here
                2 | int f(int a);
                  |     ^
            lib/x.c:7:19: error: expected ‘;’ before ‘}’ token
            """
        let found = Self.findings(gcc)
        #expect(found.map(\.message) == ["too many arguments to function ‘f’ (note: lib/x.c:2: declared here)",
                                         "expected ‘;’ before ‘}’ token"])
        let shellcheck = """
            run.sh:2:10: error: Iterating over ls output is fragile. Use globs. [SC2045]
            run.sh:2:15: note: Use ./*glob* or -- *glob* so names with dashes won't become options. [SC2035]
            run.sh:3:8: note: Double quote to prevent globbing and word splitting. [SC2086]
            """
        #expect(Self.findings(shellcheck).map(\.code) == ["SC2045", "SC2035", "SC2086"],
                "shellcheck's notes are findings of their own")
        let mypy = """
            src/app.py:14:1: error: No overload variant of "f" matches argument type "float"  [call-overload]
            src/app.py:14:1: note: Possible overload variants:
            src/app.py:14:1: note:     def f(x: int) -> int
            src/app.py:14:1: note:     def f(x: str) -> str
            src/app.py:16:13: note: Revealed type is "int"
            """
        let notes = Self.findings(mypy)
        #expect(notes.map(\.message) == [
            #"No overload variant of "f" matches argument type "float" (note: Possible overload variants: def f(x: int) -> int; def f(x: str) -> str)"#,
            #"Revealed type is "int""#,
        ], "notes at the error's line explain it; a note elsewhere without a source excerpt is its own finding")
        #expect(notes.last?.severity == "note")
    }

    @Test func rustcPutsTheLocationUnderTheMessage() {
        let cargo = """
            warning: unused variable: `y`
             --> src/main.rs:2:9
              |
            2 |     let y = 3;
              |         ^ help: if this is intentional, prefix it with an underscore: `_y`
              |
              = note: `#[warn(unused_variables)]` (part of `#[warn(unused)]`) on by default

            error[E0308]: mismatched types
             --> src/main.rs:3:18
              |
            3 |     let x: i32 = "a";
              |            ---   ^^^ expected `i32`, found `&str`
              |            |
              |            expected due to this

            For more information about this error, try `rustc --explain E0308`.
            error: could not compile `rs` (bin "rs") due to 1 previous error
            """
        #expect(Self.findings(cargo) == [
            Finding(file: RepoPath("src/main.rs"), line: 2, column: 9, severity: "warning", message: "unused variable: `y`"),
            Finding(file: RepoPath("src/main.rs"), line: 3, column: 18, severity: "error", code: "E0308", message: "mismatched types"),
        ])
    }

    @Test func linesAboutOtherFilesOrWithoutALineNumberAreNotFindings() {
        let output = """
            other.py:1:1: E999 not a file this step was given
            src/app.py: all good
            http://example.com:8080/ is not a path
            --> src/app.py:1:8
            /elsewhere/web/app.js:1:10: 'x' is defined but never used. [Error/no-unused-vars]
            src/app.ts(x,y): error TS1: not numbers
            """
        #expect(Self.findings(output).isEmpty)
    }

    @Test func pathsMayHoldColons() {
        let found = LocatedMessages.findings(in: "a:b.py:3:1: E302 expected 2 blank lines\n", files: [RepoPath("a:b.py")])
        #expect(found == [Finding(file: RepoPath("a:b.py"), line: 3, column: 1, severity: "error", code: "E302",
                                  message: "expected 2 blank lines")])
    }
}
