import Foundation
import Testing
import TestSupport

/// The toolchain built-ins (rustfmt, cargo-check, eslint, tsc, swift-format, ruff, bandit) through real
/// `git commit`s with the real tools: a staged file the tool rejects fails the commit with the finding at
/// file:line:column, the nearest harmless file passes, a missing tool is `skipped (<tool> not found)`, and a
/// project that does not use the tool (no configuration where one is required) does not get the step at all.
@Suite struct ToolchainCommitTests {
    /// One toolchain's material.
    struct Case: Sendable, CustomStringConvertible {
        var check: String
        /// The executable that must work for the real-tool test.
        var tool: String
        /// Committed before the change: the project configuration the check needs (and `.tapps.yaml`).
        var project: [String: String]
        /// Files of `project` without which the check is not planned (empty: it needs no configuration).
        var requiredConfig: [String] = []
        var rejected: [String: String]
        /// What the report must name for the rejected file: `path:line:column` and the tool's code.
        var location: String
        var code: String
        var harmless: [String: String]
        /// The note with the tool missing from PATH.
        var missingNote: String
        /// The tool is looked for in `node_modules/.bin` (a link to the installed one is made there).
        var nodeLocal = false

        var description: String { check }
    }

    /// mypy and pytest stay out of the Python cases, so that only the tool under test judges the commit.
    static let noPythonBuiltins = "builtins:\n  mypy: false\n  pytest: false\n"

    static let cases: [Case] = [
        Case(check: "rustfmt", tool: "rustfmt", project: [:],
             rejected: ["src/main.rs": "fn main( ) {\nlet x=1;\n    println!(\"{}\", x);\n}\n"],
             location: "src/main.rs:1", code: "rustfmt",
             harmless: ["src/main.rs": "fn main() {\n    let x = 1;\n    println!(\"{}\", x);\n}\n"],
             missingNote: "rustfmt not found"),
        Case(check: "cargo-check", tool: "cargo",
             project: ["Cargo.toml": "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
                       "src/lib.rs": "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n"],
             requiredConfig: ["Cargo.toml"],
             rejected: ["src/lib.rs": "pub fn add(a: i32, b: i32) -> i32 {\n    a + c\n}\n"],
             location: "src/lib.rs:2:9", code: "E0425",
             harmless: ["src/lib.rs": "pub fn add(a: i32, b: i32) -> i32 {\n    b + a\n}\n"],
             missingNote: "cargo not found"),
        Case(check: "eslint", tool: "eslint",
             project: [".eslintrc.json": "{\"root\": true, \"parserOptions\": {\"ecmaVersion\": 2020}, \"env\": {\"browser\": true},"
                        + " \"rules\": {\"no-undef\": \"error\", \"semi\": \"warn\"}}\n",
                       ".gitignore": "node_modules/\n"],
             requiredConfig: [".eslintrc.json"],
             rejected: ["web/app.js": "const a = 1;\nconsole.log(a + x);\n"],
             location: "web/app.js:2:17", code: "no-undef",
             harmless: ["web/app.js": "const a = 1;\nconsole.log(a)\n"],
             missingNote: "eslint not found (run npm install)", nodeLocal: true),
        Case(check: "tsc", tool: "tsc",
             project: ["tsconfig.json": "{\"compilerOptions\": {\"strict\": true, \"noEmit\": true}}\n"],
             requiredConfig: ["tsconfig.json"],
             rejected: ["src/count.ts": "const n: number = \"x\";\nexport default n;\n"],
             location: "src/count.ts:1:7", code: "TS2322",
             harmless: ["src/count.ts": "const n: number = 1;\nexport default n;\n"],
             missingNote: "tsc not found (run npm install)"),
        Case(check: "swift-format", tool: "swift-format",
             project: [".swift-format": "{\"version\": 1, \"indentation\": {\"spaces\": 4}, \"lineLength\": 100}\n"],
             requiredConfig: [".swift-format"],
             rejected: ["Sources/App/main.swift": "let x = 1\n\nfunc f() {\n  print(x)\n}\n"],
             location: "Sources/App/main.swift:4:1", code: "Indentation",
             harmless: ["Sources/App/main.swift": "let x = 1\n\nfunc f() {\n    print(x)\n}\n"],
             missingNote: "swift-format not found"),
        Case(check: "ruff", tool: "ruff",
             project: ["pyproject.toml": "[project]\nname = \"demo\"\nversion = \"0.1\"\n\n[tool.ruff]\nline-length = 100\n",
                       ".tapps.yaml": noPythonBuiltins],
             requiredConfig: ["pyproject.toml"],
             rejected: ["pkg/calc.py": "def total(values):\n    return sum(values) + offset\n"],
             location: "pkg/calc.py:2:26", code: "F821",
             harmless: ["pkg/calc.py": "def total(values, offset=0):\n    return sum(values) + offset\n"],
             missingNote: "ruff not found"),
        Case(check: "bandit", tool: "bandit",
             project: [".tapps.yaml": "preset: comprehensive\n" + noPythonBuiltins],
             rejected: ["pkg/shell.py": "import subprocess\n\n\ndef run(command):\n    return subprocess.call(command, shell=True)\n"],
             location: "pkg/shell.py:5:12", code: "B602",
             harmless: ["pkg/shell.py": "import subprocess\n\n\ndef run(command):\n    return subprocess.call([\"echo\", command])\n"],
             missingNote: "bandit not found"),
    ]

    /// Debian's eslint needs its modules' directory when node is not Debian's own.
    static let nodePath = FileManager.default.fileExists(atPath: "/usr/share/nodejs") ? ["NODE_PATH": "/usr/share/nodejs"] : [:]

    /// The installed tool's path, when it runs (`--version`).
    static func installed(_ tool: String) -> String? {
        for directory in (ScratchRepository.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where FileManager.default.isExecutableFile(atPath: directory + "/" + tool) {
            let check = try? ProcessRunner.run(directory + "/" + tool, ["--version"], directory: "/tmp",
                                               environment: ScratchRepository.environment.merging(nodePath) { $1 })
            if check?.status == 0 { return directory + "/" + tool }
        }
        return nil
    }

    static let available: Set<String> = Set(cases.map(\.tool).filter { installed($0) != nil })

    static func repository(_ toolchain: Case, without: [String] = []) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("README.md", "# Project\n")
        for (path, content) in toolchain.project where !without.contains(path) { try repo.write(path, content) }
        try repo.commitAll("project")
        let install = try repo.tapps(["install"])
        #expect(install.status == 0, "\(install.errorText)")
        return repo
    }

    static func steps(_ run: ProcessResult) throws -> [String: [String: Any]] {
        BuiltinRunTests.steps(try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any] ?? [:])
    }

    // MARK: - The real tools

    static func toolchain(_ check: String) throws -> Case { try #require(cases.first { $0.check == check }) }
    static func has(_ tool: String) -> Bool { available.contains(tool) }

    @Test(.enabled(if: has("rustfmt"), "rustfmt is not installed (scripts/test installs rustfmt)"))
    func rustfmt() throws { try Self.realTool(try Self.toolchain("rustfmt")) }

    @Test(.enabled(if: has("cargo"), "cargo is not installed (scripts/test installs cargo)"))
    func cargoCheck() throws { try Self.realTool(try Self.toolchain("cargo-check")) }

    @Test(.enabled(if: has("eslint"), "eslint is not installed (scripts/test installs eslint)"))
    func eslint() throws { try Self.realTool(try Self.toolchain("eslint")) }

    @Test(.enabled(if: has("tsc"), "tsc is not installed (scripts/test installs node-typescript)"))
    func tsc() throws { try Self.realTool(try Self.toolchain("tsc")) }

    @Test(.enabled(if: has("swift-format"), "swift-format is not on PATH (it ships with the Swift toolchain)"))
    func swiftFormat() throws { try Self.realTool(try Self.toolchain("swift-format")) }

    @Test(.enabled(if: has("ruff"), "ruff is not installed (scripts/test installs it with pip)"))
    func ruff() throws { try Self.realTool(try Self.toolchain("ruff")) }

    @Test(.enabled(if: has("bandit"), "bandit is not installed (scripts/test installs it with pip)"))
    func bandit() throws { try Self.realTool(try Self.toolchain("bandit")) }

    /// The rejected file fails the commit with its finding at file:line:column; the harmless one passes.
    static func realTool(_ toolchain: Case) throws {
        let tool = try #require(installed(toolchain.tool))
        let repo = try repository(toolchain)
        if toolchain.nodeLocal {
            try FileManager.default.createDirectory(atPath: repo.path("node_modules/.bin"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: repo.path("node_modules/.bin/" + toolchain.tool), withDestinationPath: tool)
        }
        let environment = nodePath
        let rejected = try GuardCommitTests.commit(repo, toolchain.rejected, environment: environment)
        #expect(!rejected.committed, "\(toolchain.check) rejects: \(rejected.output)")
        // The text report groups findings under their file: `pkg/calc.py` then `  2:26 error: …`.
        let (path, place) = (toolchain.location.prefix { $0 != ":" }, toolchain.location.drop { $0 != ":" }.dropFirst())
        #expect(rejected.output.contains(toolchain.check) && rejected.output.contains(path + "\n")
                && rejected.output.contains(" \(place) error"), "\(rejected.output)")

        // The same change through `run --format json`: the finding is structured, with the tool's code.
        for (path, content) in toolchain.rejected { try repo.write(path, content) }
        try repo.git(["add", "--"] + toolchain.rejected.keys.sorted())
        let run = try repo.tapps(["run", "--format", "json"], environment: RunCommandTests.hookEnvironment.merging(environment) { $1 })
        let step = try #require(try steps(run)[toolchain.check], "\(run.outputText)")
        #expect(step["status"] as? String == "failed", "\(step)")
        let findings = step["findings"] as? [[String: Any]] ?? []
        let places = findings.map { finding in
            [finding["file"] as? String, (finding["line"] as? Int).map(String.init), (finding["column"] as? Int).map(String.init)]
                .compactMap { $0 }.joined(separator: ":")
        }
        #expect(places.contains(toolchain.location), "\(findings)")
        #expect(findings.contains { $0["code"] as? String == toolchain.code }, "\(findings)")
        try repo.git("reset", "-q")

        let harmless = try GuardCommitTests.commit(repo, toolchain.harmless, environment: environment)
        #expect(harmless.committed, "\(toolchain.check) passes the harmless file: \(harmless.output)")
        #expect(!harmless.output.contains("not marked modifies_files"), "the tool's own files are not a step change: \(harmless.output)")
        #expect(try repo.git("status", "--porcelain", "--untracked-files=no").isEmpty, "nothing tracked left changed")
    }

    // MARK: - Without the tool, and without the project configuration

    @Test(arguments: cases)
    func aMissingToolIsSkippedAndDoesNotBlockTheCommit(_ toolchain: Case) throws {
        let repo = try Self.repository(toolchain)
        let (keep, path) = try GuardCommitTests.barePath()
        _ = keep
        let commit = try GuardCommitTests.commit(repo, toolchain.rejected, environment: ["PATH": path])
        #expect(commit.committed, "\(commit.output)")
        #expect(commit.output.contains(toolchain.missingNote), "\(commit.output)")

        try repo.write(toolchain.rejected.keys.sorted()[0], "\n")
        try repo.git("add", "-A")
        let run = try repo.tapps(["run", "--format", "json"], environment: ["PATH": path])
        let step = try #require(try Self.steps(run)[toolchain.check], "\(run.outputText)")
        #expect(step["status"] as? String == "skipped" && step["note"] as? String == toolchain.missingNote, "\(step)")
    }

    @Test(arguments: cases.filter { !$0.requiredConfig.isEmpty })
    func aProjectThatDoesNotUseTheToolDoesNotGetTheStep(_ toolchain: Case) throws {
        let repo = try Self.repository(toolchain, without: toolchain.requiredConfig)
        let commit = try GuardCommitTests.commit(repo, toolchain.rejected, environment: Self.nodePath)
        #expect(commit.committed, "\(commit.output)")
        #expect(!commit.output.contains(toolchain.check + " "), "\(commit.output)")

        try repo.write(toolchain.rejected.keys.sorted()[0], "\n")
        try repo.git("add", "-A")
        let run = try repo.tapps(["run", "--format", "json"], environment: RunCommandTests.hookEnvironment.merging(Self.nodePath) { $1 })
        let steps = try Self.steps(run)
        #expect(steps[toolchain.check] == nil, "\(steps.keys.sorted())")
        #expect(steps["conflict-markers"] != nil, "the guards still run: \(steps.keys.sorted())")
    }
}
