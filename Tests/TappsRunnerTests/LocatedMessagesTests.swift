import Testing
import TappsCore
@testable import TappsRunner

@Suite struct LocatedMessagesTests {
    static let files = [RepoPath("src/app.py"), RepoPath("lib/x.c"), RepoPath("run.sh")]

    @Test(arguments: [
        ("src/app.py:1:8: F401 [*] `os` imported but unused", 1, 8, "error", "F401", "[*] `os` imported but unused"),
        ("src/app.py:12:80: E501 line too long (88 > 79 characters)", 12, 80, "error", "E501", "line too long (88 > 79 characters)"),
        ("./src/app.py:3:0: W0611: Unused import os (unused-import)", 3, 0, "error", nil, "W0611: Unused import os (unused-import)"),
        ("lib/x.c:7:5: warning: unused variable 'y' [-Wunused-variable]", 7, 5, "warning", nil, "unused variable 'y' [-Wunused-variable]"),
        ("lib/x.c:9: error: expected ';'", 9, nil, "error", nil, "expected ';'"),
        ("run.sh:4:6: note: Double quote to prevent globbing and word splitting. [SC2086]", 4, 6, "note", nil,
         "Double quote to prevent globbing and word splitting. [SC2086]"),
    ] as [(String, Int, Int?, String, String?, String)])
    func parsesCommonFormats(line: String, number: Int, column: Int?, severity: String, code: String?, message: String) {
        let found = LocatedMessages.findings(in: "noise\n" + line + "\nFound 1 error.\n", files: Self.files)
        #expect(found.count == 1)
        #expect(found.first?.file == RepoPath(line.hasPrefix("./") ? "src/app.py" : String(line.prefix { $0 != ":" })))
        #expect(found.first?.line == number && found.first?.column == column)
        #expect(found.first?.severity == severity && found.first?.code == code)
        #expect(found.first?.message == message)
    }

    @Test func linesAboutOtherFilesOrWithoutALineNumberAreNotFindings() {
        let output = """
            other.py:1:1: E999 not a file this step was given
            src/app.py: all good
            http://example.com:8080/ is not a path
            --> src/app.py:1:8
            """
        #expect(LocatedMessages.findings(in: output, files: Self.files).isEmpty)
    }
}
