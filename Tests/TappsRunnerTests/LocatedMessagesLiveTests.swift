import Foundation
import Testing
import TappsCore
import TestSupport
@testable import TappsRunner

/// The located-message parser on what the installed linters and compilers print today (each case is skipped when
/// its tool is not on PATH).
@Suite struct LocatedMessagesLiveTests {
    struct Case: Sendable, CustomStringConvertible {
        var tool: String
        var arguments: [String]
        var file: String
        var content: String
        /// (line, code, a part of the message) the tool must report.
        var expected: [(Int, String?, String)]
        var description: String { tool }
    }

    static func find(_ tool: String) -> String? {
        for directory in (ScratchRepository.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where FileManager.default.isExecutableFile(atPath: directory + "/" + tool) {
            let check = try? ProcessRunner.run(directory + "/" + tool, ["--version"], directory: "/tmp",
                                               environment: ScratchRepository.environment)
            if check?.status == 0 { return directory + "/" + tool }
        }
        return nil
    }

    static let python = "import os\n\ndef f(x: int) -> int:\n    y = 1\n    return x\n"

    static let cases: [Case] = [
        Case(tool: "ruff", arguments: ["check", "--output-format=concise", "--no-cache", "--select", "F"], file: "src/app.py",
             content: python, expected: [(1, "F401", "`os` imported but unused (fixable)"), (4, "F841", "`y` is assigned to")]),
        Case(tool: "flake8", arguments: ["--select", "F"], file: "src/app.py", content: python,
             expected: [(1, "F401", "'os' imported but unused"), (4, "F841", "local variable 'y'")]),
        Case(tool: "pylint", arguments: ["--disable=all", "--enable=unused-import,unused-variable", "--score=n"],
             file: "src/app.py", content: python,
             expected: [(1, "W0611", "Unused import os (unused-import)"), (4, "W0612", "Unused variable 'y'")]),
        Case(tool: "mypy", arguments: ["--no-error-summary", "--show-error-codes", "--no-pretty", "--cache-dir=/dev/null"],
             file: "src/app.py", content: "def g(a: int) -> int:\n    return a\n\ng(\"x\")\n",
             expected: [(4, "arg-type", "Argument 1 to \"g\" has incompatible type")]),
        Case(tool: "gcc", arguments: ["-Wall", "-c", "-o", "/dev/null"], file: "lib/x.c",
             content: "int f(int a);\nint main(void) {\n    int y;\n    return f(1, 2);\n}\n",
             expected: [(4, nil, "too many arguments to function"), (3, "-Wunused-variable", "unused variable")]),
        Case(tool: "clang", arguments: ["-Wall", "-c", "-o", "/dev/null"], file: "lib/x.c",
             content: "int f(int a);\nint main(void) {\n    int y;\n    return f(1, 2);\n}\n",
             expected: [(4, nil, "too many arguments to function call")]),
        Case(tool: "shellcheck", arguments: ["-f", "gcc"], file: "run.sh",
             content: "#!/bin/sh\nfor f in $(ls *.txt); do\n  echo $f\ndone\n",
             expected: [(2, "SC2045", "Iterating over ls output is fragile"), (3, "SC2086", "Double quote")]),
        Case(tool: "rustc", arguments: ["--edition", "2021", "--crate-type", "lib", "--emit=metadata", "-o", "/dev/null"],
             file: "src/lib.rs", content: "pub fn f() {\n    let _x: i32 = \"a\";\n}\n",
             expected: [(2, "E0308", "mismatched types")]),
    ]

    @Test(arguments: cases)
    func parsesWhatTheToolPrints(_ item: Case) throws {
        guard let tool = Self.find(item.tool) else {
            print("skipped: \(item.tool) is not installed")
            return
        }
        let repo = try ScratchRepository()
        try repo.write(item.file, item.content)
        let run = try ProcessRunner.run(tool, item.arguments + [item.file], directory: repo.root,
                                        environment: ScratchRepository.environment)
        let output = run.outputText + run.errorText
        let findings = LocatedMessages.findings(in: output, files: [RepoPath(item.file)], root: repo.root)
        for (line, code, message) in item.expected {
            #expect(findings.contains { $0.line == line && $0.code == code && $0.message.contains(message) },
                    "\(item.tool): line \(line) \(code ?? "-") \(message) in \(findings)\n\(output)")
        }
    }
}
