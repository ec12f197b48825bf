import Testing
@testable import TappsCore

@Suite struct PythonImportScannerTests {
    func scan(_ source: String) -> PythonImportScan { PythonImportScanner.scan(Array(source.utf8)) }

    @Test func readsEveryFormOfImport() {
        let found = scan("""
            import os, a.b as ab
            from . import x
            from ..pkg.mod import (
                one as uno,  # a comment
                two,
            )
            from pkg import *
            if TYPE_CHECKING:
                from typing_stuff import T
            def f():
                import lazy.inner
            try: import fast
            except ImportError: pass
            x = 1; import after_semicolon
            from \\
                continued import name
            """).imports
        let summary = found.map { "\($0.level):\($0.module):\($0.names.joined(separator: ","))@\($0.line)" }
        #expect(summary == ["0:os:@1", "0:a.b:@1", "1::x@2", "2:pkg.mod:one,two@3", "0:pkg:*@7",
                            "0:typing_stuff:T@9", "0:lazy.inner:@11", "0:after_semicolon:@14", "0:continued:name@15"])
    }

    @Test func ignoresStringsCommentsAndFuture() {
        let found = scan("""
            \"\"\"Docs.

            import not_an_import
            from nowhere import nothing
            \"\"\"
            # import commented
            text = "import quoted"
            raw = r'from x import y'
            from __future__ import annotations
            import real
            """).imports
        #expect(found.map(\.module) == ["real"])
        #expect(found.first?.line == 10)
    }

    @Test func literalAndComputedDynamicImports() {
        let literal = scan("import importlib\nmod = importlib.import_module(\"pkg.plugins.alpha\")\n")
        #expect(literal.imports.map(\.module) == ["importlib", "pkg.plugins.alpha"])
        #expect(!literal.hasDynamicImports)
        let computed = scan("import importlib\ndef load(name):\n    return importlib.import_module(name)\n")
        #expect(computed.hasDynamicImports)
        #expect(scan("import sys\nsys.path.insert(0, 'scripts')\n").hasDynamicImports)
        let plugins = scan("pytest_plugins = [\"tests.fixtures.db\", 'tests.fixtures.web']\n")
        #expect(plugins.imports.map(\.module) == ["tests.fixtures.db", "tests.fixtures.web"])
    }

    @Test func survivesBrokenSource() {
        #expect(scan("x = 'unterminated\nimport ok\n").imports.map(\.module) == ["ok"])
        #expect(scan("\"\"\"never closed\nimport hidden\n").imports.isEmpty)
        #expect(scan("from . import\n").imports.count <= 1)
    }
}
