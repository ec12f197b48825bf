import Testing
@testable import TappsCore

/// The import-graph resolver and test selection on fixture trees (file names → sources).
@Suite struct TestSelectionTests {
    func selector(_ tree: [String: String], settings: PytestSettings = PytestSettings()) -> TestSelector {
        let scans = tree.filter { $0.key.hasSuffix(".py") }.mapValues { PythonImportScanner.scan(Array($0.utf8)) }
        return TestSelector(settings: settings, pythonFiles: Array(tree.keys), scans: scans)
    }

    func tests(_ selection: TestSelection) -> [String]? {
        if case .related(let tests, _) = selection { return tests }
        return nil
    }

    /// A src/ layout whose package re-exports through `__init__`, relative imports, a private helper and a
    /// test folder with no test module named after the source.
    static let srcLayout: [String: String] = [
        "pyproject.toml": "",
        "src/pkg/__init__.py": "from .core import run\nfrom ._compat import shim\n",
        "src/pkg/core.py": "from . import _textwrap\nfrom .util.strings import pad\n",
        "src/pkg/_textwrap.py": "",
        "src/pkg/_compat.py": "import sys\n",
        "src/pkg/util/__init__.py": "",
        "src/pkg/util/strings.py": "",
        "src/pkg/cli.py": "from pkg.core import run\n",
        "src/pkg/unused.py": "",
        "tests/test_api.py": "from pkg import run\n",
        "tests/test_utils/test_strings.py": "from pkg.util.strings import pad\n",
        "tests/test_cli.py": "import pkg.cli\n",
        "tests/helpers.py": "",
        "tests/test_helpers_user.py": "import helpers\n",
        "docs/conf.py": "import pkg\n",
    ]

    @Test func srcLayoutReExportsAndRelativeImports() {
        let selector = selector(Self.srcLayout)
        // _textwrap is reached through core, which the package __init__ imports: every test importing pkg runs.
        #expect(tests(selector.select(changed: ["src/pkg/_textwrap.py"], trackedFiles: [])) ==
                ["tests/test_api.py", "tests/test_cli.py", "tests/test_utils/test_strings.py"])
        #expect(tests(selector.select(changed: ["src/pkg/cli.py"], trackedFiles: [])) == ["tests/test_cli.py"])
        #expect(tests(selector.select(changed: ["tests/helpers.py"], trackedFiles: [])) == ["tests/test_helpers_user.py"])
        if case .none(let reason) = selector.select(changed: ["src/pkg/unused.py"], trackedFiles: []) {
            #expect(reason.contains("unused.py"))
        } else {
            Issue.record("a module nothing imports selects no test")
        }
    }

    @Test func stagedTestsRunThemselves() {
        #expect(tests(selector(Self.srcLayout).select(changed: ["tests/test_cli.py"], trackedFiles: [])) == ["tests/test_cli.py"])
    }

    @Test func conftestsPytestConfigAndPackageDataRunEverything() {
        var tree = Self.srcLayout
        tree["tests/conftest.py"] = "from pkg._compat import shim\n"
        tree["src/pkg/data/template.txt"] = ""
        let selector = selector(tree)
        for changed in ["tests/conftest.py", "pyproject.toml", "tox.ini", "setup.cfg", "requirements-dev.txt",
                        "src/pkg/data/template.txt"] {
            guard case .all = selector.select(changed: [changed], trackedFiles: []) else {
                Issue.record("\(changed) should run every test")
                continue
            }
        }
        // A module a conftest imports reaches every test the conftest applies to.
        let viaConftest = tests(selector.select(changed: ["src/pkg/_compat.py"], trackedFiles: []))
        #expect(viaConftest?.contains("tests/test_helpers_user.py") == true)
        if case .all = selector.select(changed: ["README.md"], trackedFiles: []) { Issue.record("README runs nothing") }
    }

    @Test func flatLayoutNamespacePackagesAndCycles() {
        let selector = selector([
            "app/__init__.py": "",
            "app/models.py": "from app import views\n",
            "app/views.py": "from app.models import Model\n",
            "plugins/ns/tool.py": "",
            "test_flat.py": "from app.views import render\n",
            "tests/test_ns.py": "from ns.tool import go\n",
        ])
        #expect(tests(selector.select(changed: ["app/models.py"], trackedFiles: [])) == ["test_flat.py"])
        #expect(tests(selector.select(changed: ["app/views.py"], trackedFiles: [])) == ["test_flat.py"])
        // `plugins/` is on sys.path only through pytest's `pythonpath`; `ns` there is a namespace package.
        if case .related = selector.select(changed: ["plugins/ns/tool.py"], trackedFiles: []) {
            Issue.record("plugins/ is not an import root without pythonpath")
        }
        var settings = PytestSettings()
        settings.pythonPath = ["plugins"]
        let configured = self.selector(["plugins/ns/tool.py": "", "tests/test_ns.py": "from ns.tool import go\n"],
                                       settings: settings)
        #expect(tests(configured.select(changed: ["plugins/ns/tool.py"], trackedFiles: [])) == ["tests/test_ns.py"])
    }

    @Test func namespacePackageUnderSrc() {
        let selector = selector([
            "src/company/tools/__init__.py": "from .impl import go\n",
            "src/company/tools/impl.py": "",
            "tests/test_tools.py": "from company.tools import go\n",
        ])
        #expect(tests(selector.select(changed: ["src/company/tools/impl.py"], trackedFiles: [])) == ["tests/test_tools.py"])
    }

    @Test func deletedModulesStillReachTheirImporters() {
        var tree = Self.srcLayout
        tree["src/pkg/gone.py"] = ""
        tree["tests/test_gone.py"] = "from pkg.gone import thing\n"
        #expect(tests(selector(tree).select(changed: ["src/pkg/gone.py"], trackedFiles: [])) == ["tests/test_gone.py"])
    }

    @Test func honoursPythonFilesAndTestpaths() {
        var settings = PytestSettings()
        settings.testPaths = ["tests"]
        settings.pythonFiles = ["check_*.py"]
        let selector = selector([
            "lib/__init__.py": "",
            "lib/a.py": "",
            "tests/check_a.py": "import lib.a\n",
            "tests/test_a.py": "import lib.a\n",
            "tests/typing/typing_a.py": "import lib.a\n",
            "examples/check_example.py": "import lib.a\n",
        ], settings: settings)
        #expect(tests(selector.select(changed: ["lib/a.py"], trackedFiles: [])) == ["tests/check_a.py"])
    }

    @Test func computedImportsMakeUnimportedModulesRunEverything() {
        let selector = selector([
            "pkg/__init__.py": "",
            "pkg/registry.py": "import importlib\ndef load(n):\n    return importlib.import_module(n)\n",
            "pkg/plugins/__init__.py": "",
            "pkg/plugins/alpha.py": "",
            "tests/test_registry.py": "from pkg.registry import load\n",
        ])
        guard case .all(let reason) = selector.select(changed: ["pkg/plugins/alpha.py"], trackedFiles: []) else {
            Issue.record("a plugin loaded by name must run everything")
            return
        }
        #expect(reason.contains("alpha.py"))
    }

    @Test func aSphinxConfPuttingSourcesOnSysPathChangesNothing() {
        let selector = selector([
            "docs/conf.py": "import os, sys\nsys.path.insert(0, os.path.abspath('..'))\n",
            "pkg/__init__.py": "",
            "pkg/tool.py": "",
            "tests/test_other.py": "import pkg\n",
        ])
        guard case .none = selector.select(changed: ["pkg/tool.py"], trackedFiles: []) else {
            Issue.record("docs/conf.py's sys.path does not load modules for tests")
            return
        }
        let hacked = self.selector([
            "tests/conftest.py": "import sys\nsys.path.append('scripts')\n",
            "scripts/tool.py": "",
            "tests/test_tool.py": "import tool\n",
        ])
        guard case .all = hacked.select(changed: ["scripts/tool.py"], trackedFiles: []) else {
            Issue.record("a conftest that extends sys.path may load any staged module")
            return
        }
    }
}

@Suite struct PytestSettingsTests {
    @Test func readsIniPyprojectToxAndSetupCfg() {
        let ini = PytestSettings.read { $0 == "pytest.ini" ? "[pytest]\ntestpaths = tests\n    integration\naddopts = -ra --cov=pkg\n" : nil }
        #expect(ini.configFile == "pytest.ini" && ini.testPaths == ["tests", "integration"] && ini.enablesCoverage)
        let toml = PytestSettings.read {
            $0 == "pyproject.toml" ? "[project]\nname='x'\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\npython_files = ['check_*.py']\naddopts = \"--doctest-modules --ignore=tests/slow\"\n" : nil
        }
        #expect(toml.testPaths == ["tests"] && toml.pythonFiles == ["check_*.py"] && toml.collectsDoctestModules)
        #expect(!toml.isTestModule("tests/slow/check_x.py") && toml.isTestModule("tests/check_x.py"))
        let pyprojectWithoutPytest = PytestSettings.read {
            switch $0 {
            case "pyproject.toml": "[tool.black]\nline-length = 99\n"
            case "setup.cfg": "[tool:pytest]\npython_files = *_spec.py\n"
            default: nil
            }
        }
        #expect(pyprojectWithoutPytest.configFile == "setup.cfg" && pyprojectWithoutPytest.pythonFiles == ["*_spec.py"])
        #expect(PytestSettings.read { _ in nil } == PytestSettings())
    }

    @Test func defaultPatternsAndNorecursedirs() {
        let settings = PytestSettings()
        #expect(settings.isTestModule("tests/test_a.py") && settings.isTestModule("a_test.py"))
        #expect(!settings.isTestModule("tests/conftest.py") && !settings.isTestModule("tests/helpers.py"))
        #expect(!settings.isTestModule("build/test_a.py") && !settings.isTestModule(".venv/lib/test_a.py"))
        #expect(!settings.isTestModule("tests/typing/typing_a.py"))
    }
}

@Suite struct TOMLSubsetTests {
    @Test func tablesArraysStringsAndDottedKeys() {
        let document = TOMLSubset("""
            # comment
            [tool.mypy]
            files = ["src", 'tests/typing']  # trailing
            strict = true
            exclude = [
              '^build/',
              "docs/.*\\\\.py$",
            ]
            [[tool.mypy.overrides]]
            module = "tests.*"
            disallow_untyped_defs = false
            [[tool.mypy.overrides]]
            module = ["a.*", "b"]
            ignore_errors = true
            [tool]
            pytest.ini_options.addopts = '''
            -ra
            --strict-markers'''
            """)
        let mypy = document.table("tool.mypy")
        #expect(mypy?["files"]?.strings == ["src", "tests/typing"])
        #expect(mypy?["strict"]?.bool == true)
        #expect(mypy?["exclude"]?.strings == ["^build/", "docs/.*\\.py$"])
        let overrides = document.arrayTables("tool.mypy.overrides")
        #expect(overrides.count == 2 && overrides[1]["module"]?.strings == ["a.*", "b"])
        #expect(document.table("tool.pytest.ini_options")?["addopts"]?.strings == ["-ra\n--strict-markers"])
    }
}
