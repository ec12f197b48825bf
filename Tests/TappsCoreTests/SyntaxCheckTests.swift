import Testing
@testable import TappsCore

/// The `syntax` guard's parsers: valid documents pass (including the dialects real projects use), and the
/// first error comes with its line and column.
@Suite struct SyntaxCheckTests {
    static func check(_ path: String, _ text: String) -> Finding? {
        SyntaxCheck.check(Array(text.utf8), file: RepoPath(path))
    }

    static func position(_ finding: Finding?) -> String? {
        finding.map { "\($0.line ?? 0):\($0.column ?? 0)" }
    }

    @Test(arguments: [
        "{}", "[]", "\u{FEFF}{\"a\": 1}", "{\"a\": [1, -2.5e-3, true, false, null, \"\\u00e9\\n\"], \"b\": {}}", "  42  ", "\"x\"",
    ])
    func validJSONPasses(_ text: String) {
        #expect(Self.check("a.json", text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "1:9"), ("{\n  \"a\": 1\n  \"b\": 2\n}", "3:3"), ("{'a': 1}", "1:2"), ("[01]", "1:3"),
        ("{\"a\": \"x\ny\"}", "1:9"), ("[1] [2]", "1:5"), ("{\"a\": tru}", "1:7"), ("", "1:1"), ("// c\n{}", "1:1"),
    ])
    func invalidJSONIsLocated(_ text: String, _ expected: String) {
        let finding = Self.check("a.json", text)
        #expect(Self.position(finding) == expected, "\(text): \(finding?.message ?? "nil")")
        #expect(finding?.code == "syntax")
    }

    @Test func jsonWithCommentsIsAcceptedWhereToolsAcceptIt() {
        let text = "{\n  // comment\n  /* block */ \"compilerOptions\": {\"strict\": true,},\n}\n"
        #expect(Self.check("tsconfig.json", text) == nil)
        #expect(Self.check(".vscode/settings.json", text) == nil)
        #expect(Self.check("package.json", text) != nil)
    }

    @Test func yamlIsParsedDocumentByDocument() {
        #expect(Self.check("a.yaml", "a: 1\n---\nb: [1, 2]\n---\nc: !Ref x\n") == nil)
        #expect(Self.check("chart/templates/deploy.yaml", "a: {{ .Values.x }}\n") == nil, "templates are not YAML yet")
        let finding = Self.check("a.yml", "a: 1\n---\nb: [1, 2\n")
        #expect(finding?.line == 4 && finding?.message.hasPrefix("invalid YAML") == true, "\(String(describing: finding))")
        #expect(Self.check("a.yaml", "a: 1\na: 2\n")?.message.contains("duplicate") == true)
    }

    @Test(arguments: [
        "",
        "# comment only\n",
        "title = \"TOML\" # c\n[owner]\nname = 'Tom'\ndob = 1979-05-27T07:32:00-08:00\n",
        "[database]\nports = [ 8000, 8001, 8002 ]\ndata = [ [\"delta\", \"phi\"], [3.14] ]\ntemp_targets = { cpu = 79.5, case = 72.0 }\n",
        "[servers]\n[servers.alpha]\nip = \"10.0.0.1\"\n[servers.beta]\nip = \"10.0.0.2\"\n",
        "a.b.c = 1\na.b.d = 2\n\"quoted key\" = true\n'lit' = 0xff_ff\n",
        "int = +99\nneg = -17\nhex = 0xDEAD_BEEF\noct = 0o755\nbin = 0b1101\nflt = 6.626e-34\ninf = -inf\nnan = nan\nbig = 1_000\n",
        "ld = 1979-05-27\nlt = 07:32:00.999\nldt = 1979-05-27 07:32:00\n",
        "s = \"\"\"\nRoses \\\n  are red\"\"\"\nl = '''\nC:\\path\n'''\nq = \"\"\"a \"\"quoted\"\" b\"\"\"\"\"\n",
        "[[products]]\nname = \"Hammer\"\n[[products]]\nname = \"Nail\"\n[[products.variants]]\ncolor = \"grey\"\n",
        "[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n",
        "[x.y.z]\n[x]\na = 1\n",
        "e = \"tab\\tnew\\nunicode\\u00e9\\U0001F600\"\n",
    ])
    func validTOMLPasses(_ text: String) {
        let finding = Self.check("a.toml", text)
        #expect(finding == nil, "\(text): \(finding?.message ?? "")")
    }

    @Test(arguments: [
        ("a = 1\na = 2\n", "2:1", "defined twice"),
        ("[a]\nx = 1\n[a]\n", "3:1", "defined twice"),
        ("a = \"unterminated\n", "1:5", "unterminated"),
        ("a = bare\n", "1:5", "invalid value"),
        ("a = 1 b = 2\n", "1:7", "end of the line"),
        ("[a\nx = 1\n", "1:3", "']'"),
        ("a = [1, 2\nb = 3\n", "2:1", "','"),
        ("a = 01\n", "1:5", "invalid value"),
        ("a = 1979-13-27\n", "1:5", "invalid value"),
        ("a = \"\\q\"\n", "1:6", "bad escape"),
        ("a = {x = 1}\n[a]\n", "2:1", "defined twice"),
        ("a = 1\n[a]\n", "2:1", "defined twice"),
        ("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", "3:1", "defined twice"),
        ("[[a]]\n[a]\n", "2:1", "defined twice"),
        ("a = {x = 1}\na.y = 2\n", "2:1", "cannot be extended"),
        ("= 1\n", "1:1", "expected a key"),
    ])
    func invalidTOMLIsLocated(_ text: String, _ expected: String, _ message: String) {
        let finding = Self.check("a.toml", text)
        #expect(Self.position(finding) == expected && finding?.message.contains(message) == true,
                "\(text): \(Self.position(finding) ?? "nil") \(finding?.message ?? "")")
    }

    @Test func otherFilesAreNotChecked() {
        #expect(Self.check("a.txt", "{") == nil)
        #expect(SyntaxCheck.kind(of: RepoPath("a.md")) == nil)
    }
}
