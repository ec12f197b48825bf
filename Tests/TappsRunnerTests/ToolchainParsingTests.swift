import Testing
@testable import TappsRunner
import TappsCore

/// The toolchain checks' output parsers and the note for staged code nothing checked, on real tool output.
@Suite struct ToolchainParsingTests {
    static let root = "/work/repo"

    static func verdict(_ check: BuiltinCheck, _ output: String, exit: Int32, files: [String]) -> StepVerdict {
        let base = exit == 0 ? StepVerdict(status: .passed, exitCode: 0) : StepVerdict(status: .failed, exitCode: exit)
        return ToolchainVerdicts.refine(base, check: check, output: output, files: files.map(RepoPath.init), root: root)
    }

    @Test func gofmtListedFilesFailEvenWithExitZero() {
        let result = Self.verdict(.gofmt, "main.go\n", exit: 0, files: ["main.go", "lib/ok.go"])
        #expect(result.status == .failed && result.findings.map(\.file) == [RepoPath("main.go")])
        #expect(Self.verdict(.gofmt, "", exit: 0, files: ["main.go"]).status == .passed)
        let syntax = Self.verdict(.gofmt, "main.go:3:1: expected declaration, found x\n", exit: 2, files: ["main.go"])
        #expect(syntax.findings.first?.line == 3 && syntax.findings.first?.column == 1)
    }

    @Test func goVetPathsAreMadeRepositoryRelative() {
        let output = "tapps-dir: services/api\n# example.com/api/store\nvet: store/db.go:12:9: undefined: conn\n./main.go:4:2: unreachable code\n"
        let result = Self.verdict(.goVet, output, exit: 1, files: ["services/api/store/db.go"])
        #expect(result.findings.map { "\($0.file?.string ?? ""):\($0.line ?? 0):\($0.column ?? 0)" }
                == ["services/api/store/db.go:12:9", "services/api/main.go:4:2"])
    }

    @Test func rustfmtDiffsOfBothVersionsAreFound() {
        let output = "Diff in /work/repo/src/main.rs at line 1:\n-fn main(){}\nDiff in /work/repo/src/lib.rs:7:\n"
        let result = Self.verdict(.rustfmt, output, exit: 1, files: ["src/main.rs", "src/lib.rs"])
        #expect(result.findings.map { "\($0.file?.string ?? ""):\($0.line ?? 0)" } == ["src/main.rs:1", "src/lib.rs:7"])
    }

    @Test func tscFailsOnlyForStagedFiles() {
        let output = "src/a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.\nsrc/other.ts(1,1): error TS1005: ';' expected.\n"
        let staged = Self.verdict(.tsc, output, exit: 2, files: ["src/a.ts"])
        #expect(staged.status == .failed && staged.findings.count == 1)
        #expect(staged.findings.first?.code == "TS2322" && staged.findings.first?.column == 5)
        let elsewhere = Self.verdict(.tsc, output, exit: 2, files: ["src/b.ts"])
        #expect(elsewhere.status == .passed && elsewhere.note == "2 errors in files outside the change")
    }

    @Test func eslintJSONBecomesFindings() {
        let output = """
            [{"filePath":"/work/repo/web/app.js","messages":[{"ruleId":"no-undef","severity":2,"message":"'x' is not defined.","line":2,"column":7},{"ruleId":"semi","severity":1,"message":"Missing semicolon.","line":3,"column":9}],"errorCount":1}]
            """
        let result = Self.verdict(.eslint, output, exit: 1, files: ["web/app.js"])
        #expect(result.findings.map { "\($0.file?.string ?? ""):\($0.line ?? 0):\($0.column ?? 0) \($0.severity) \($0.code ?? "")" }
                == ["web/app.js:2:7 error no-undef", "web/app.js:3:9 warning semi"])
        #expect(Self.verdict(.eslint, output.replacing("\"severity\":2", with: "\"severity\":1"), exit: 0, files: ["web/app.js"]).status == .passed,
                "warnings alone do not block")
    }

    @Test func theNoteNamesEachUncheckedLanguageOnceWithAnInstallHint() {
        let go = [RepoPath("a.go"), RepoPath("b/b.go")], docs = [RepoPath("README.md")]
        let steps = [
            PlannedStep(config: BuiltinCheck.conflictMarkers.config, files: go + docs, check: .conflictMarkers),
            PlannedStep(config: BuiltinCheck.gofmt.config, files: go, check: .gofmt),
            PlannedStep(config: BuiltinCheck.goVet.config, files: go, check: .goVet),
        ]
        let skipped = [
            StepResult(name: "conflict-markers", phase: .review, status: .passed),
            StepResult(name: "gofmt", phase: .review, status: .skipped, note: "go not found (gofmt is not on PATH)"),
            StepResult(name: "go-vet", phase: .review, status: .skipped, note: "go not found"),
        ]
        #expect(UncheckedLanguages.notes(steps: steps, results: skipped) == ["nothing checks the staged Go files (2): install go, or add a step"])
        var ran = skipped
        ran[2].status = .passed
        #expect(UncheckedLanguages.notes(steps: steps, results: ran).isEmpty, "go vet checked them")
    }

    @Test func banditColumnsCountFromOne() {
        // bandit 1.9's `{col}` is Python's 0-based col_offset: `    return subprocess.call(` starts at column 12.
        let output = "pkg/sh.py:5:11: B602 [HIGH] subprocess call with shell=True identified, security issue.\n"
        let result = Self.verdict(.bandit, output, exit: 1, files: ["pkg/sh.py"])
        #expect(result.findings.map { "\($0.file?.string ?? ""):\($0.line ?? 0):\($0.column ?? 0) \($0.code ?? "")" } == ["pkg/sh.py:5:12 B602"])
        #expect(result.status == .failed)
    }

    @Test func swiftFormatRulesBecomeCodes() {
        let output = "Sources/a.swift:3:1: error: [Indentation] indent by 2 spaces\nSources/a.swift:9:4: warning: [AlwaysUseLowerCamelCase] rename 'X'\n"
        let result = Self.verdict(.swiftFormat, output, exit: 1, files: ["Sources/a.swift"])
        #expect(result.findings.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.severity) \($0.code ?? "") \($0.message)" }
                == ["3:1 error Indentation indent by 2 spaces", "9:4 warning AlwaysUseLowerCamelCase rename 'X'"])
    }
}
