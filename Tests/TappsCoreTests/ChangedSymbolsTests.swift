import Testing
@testable import TappsCore

@Suite struct ChangedSymbolsTests {
    func find(_ old: String?, _ new: String, _ language: String) -> ChangedSymbols {
        ChangedSymbols.find(old: old.map { Array($0.utf8) }, new: Array(new.utf8), language: language)
    }

    @Test func pythonEditedAddedAndRemovedDefinitions() {
        let old = "import os\n\nclass Store:\n    def get(self):\n        return 1\n\n    def put(self):\n        pass\n\n\ndef gone():\n    pass\n"
        let new = "import os\n\nclass Store:\n    def get(self):\n        return 2\n\n    def put(self):\n        pass\n\n\nasync def fetch(url):\n    pass\n"
        let symbols = find(old, new, "Python")
        #expect(symbols.changed == ["get", "fetch"], "the edited method and the new function, not the untouched ones")
        #expect(symbols.removed == ["gone"])
        #expect(find(nil, new, "Python").changed == ["Store", "get", "put", "fetch"], "a new file: every definition")
    }

    @Test func otherLanguagesAndModifiers() {
        #expect(find("", "public static func load(_ x: Int) -> Int { x }\nstruct Point {}\ninit(value: Int) {}\n", "Swift").changed
                == ["load", "Point", "init"])
        #expect(find("", "func (s *Server) Serve() error {\n}\ntype Config struct {}\n", "Go").changed == ["Serve", "Config"])
        #expect(find("", "export async function handler(req) {}\nclass Router {}\n", "TypeScript").changed == ["handler", "Router"])
        #expect(find("", "pub fn parse(input: &str) {}\nimpl Parser {}\n", "Rust").changed == ["parse", "Parser"])
        #expect(find("", "deploy() {\n  echo hi\n}\n", "Shell").changed == ["deploy"])
        #expect(find("", "x = 1\n", "Python").isEmpty && find("", "# Title\n", "Markdown").isEmpty)
    }

    @Test func trailingBlankLinesAndUnchangedFilesChangeNothing() {
        let text = "def a():\n    return 1\n"
        #expect(find(text, text + "\n\n", "Python").isEmpty)
        #expect(find(text, text, "Python").isEmpty)
    }
}
