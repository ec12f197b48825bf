/// Which tests the built-in pytest runs for a change, and why.
public enum TestSelection: Sendable, Equatable {
    /// The whole configured suite (pytest with no file arguments); `reason` says what made it necessary.
    case all(reason: String)
    /// These test modules; `reason` names what they are related to.
    case related(tests: [String], reason: String)
    /// No test can be affected.
    case none(reason: String)
}

/// Chooses the tests for a change from the import graph.
///
/// A test module is related when it imports a changed module directly or transitively (package
/// `__init__.py` files and the `conftest.py` files that apply to it count as imports), or is itself
/// changed. Everything runs when a change can affect any test: a `conftest.py`, pytest's or the
/// packaging's configuration, dependency lists, a non-Python file inside a package or a test
/// directory, or a module nothing imports statically in a project that imports by computed names.
/// When in doubt it runs more, never less.
public struct TestSelector: Sendable {
    public var settings: PytestSettings
    public var index: PythonModuleIndex
    public var graph: PythonImportGraph
    /// The files pytest would collect as test modules.
    public var testModules: Set<String>

    /// Files whose change can affect every test.
    public static let suiteWideFiles: Set<String> = [
        "pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg", "setup.py", "pyproject.toml", "noxfile.py",
        "Pipfile", "Pipfile.lock", "poetry.lock", "pdm.lock", "uv.lock", "requirements.txt",
    ]

    /// Builds the index and graph over `pythonFiles` (every tracked `.py` file plus the changed ones that were
    /// deleted, so that their importers are still found).
    public init(settings: PytestSettings, pythonFiles: [String], scans: [String: PythonImportScan]) {
        self.settings = settings
        let matcher = settings.matcher
        let testModules = Set(pythonFiles.filter(matcher.isTestModule))
        self.testModules = testModules
        index = PythonModuleIndex(files: pythonFiles, isTestModule: testModules.contains, extraRoots: settings.pythonPath)
        graph = PythonImportGraph(index: index, scans: scans, isTestModule: testModules.contains)
    }

    /// A selector over an index and graph already derived with `settings` (e.g. read from a cache).
    public init(settings: PytestSettings, index: PythonModuleIndex, graph: PythonImportGraph, testModules: Set<String>) {
        self.settings = settings
        self.index = index
        self.graph = graph
        self.testModules = testModules
    }

    /// The tests for `changed` (paths relative to the root; deleted ones included). `trackedFiles` is every
    /// tracked path (any type), used to tell package and test directories apart from the rest.
    public func select(changed: [String], trackedFiles: some Sequence<String>) -> TestSelection {
        if let wide = changed.first(where: isSuiteWide) {
            return .all(reason: "\(wide) can affect every test")
        }
        let testDirectories = Self.testDirectories(index.files, isTest: testModules.contains)
        let pythonChanges = changed.filter { $0.hasSuffix(".py") }
        for path in changed where !path.hasSuffix(".py") && affectsPackage(path, testDirectories: testDirectories) {
            return .all(reason: "\(path) is data inside a package or test directory")
        }
        guard !pythonChanges.isEmpty else { return .none(reason: "no staged Python module") }
        let reached = graph.importers(of: Set(pythonChanges))
        let tests = reached.filter(testModules.contains).sorted()
        let sources = pythonChanges.filter { !testModules.contains($0) }
        // Computed imports count where they can load what a test runs: in tests, conftests and packages
        // (not a Sphinx conf.py that puts the source on sys.path for the docs build).
        let dynamic = graph.dynamicImporters.filter { file in
            testModules.contains(file) || file.hasSuffix("conftest.py") || index.files.contains(
                PythonModuleIndex.join(PythonModuleIndex.parent(of: file) ?? "", "__init__.py"))
        }.sorted()
        if let dynamicImporter = dynamic.first {
            let unreached = sources.filter { source in
                !source.hasSuffix("__main__.py") && !graph.isImported(source)
            }
            if let first = unreached.first {
                return .all(reason: "nothing imports \(first) statically, and \(dynamicImporter) imports by computed names or sys.path")
            }
        }
        guard !tests.isEmpty else {
            return .none(reason: "no test imports \(Self.describe(sources.isEmpty ? pythonChanges : sources))")
        }
        let reason = sources.isEmpty ? "staged tests" : "related to \(Self.describe(sources))"
        return .related(tests: tests, reason: reason)
    }

    func isSuiteWide(_ path: String) -> Bool {
        let name = RepoPath(path).fileName
        if name == "conftest.py" { return true }
        if !path.contains("/") && Self.suiteWideFiles.contains(path) { return true }
        if !path.contains("/"), name.hasPrefix("requirements") || name.hasPrefix("constraints"), name.hasSuffix(".txt") { return true }
        return path == settings.configFile
    }

    /// A non-Python file in a package directory (package data) or under a directory holding tests (test data).
    func affectsPackage(_ path: String, testDirectories: Set<String>) -> Bool {
        let name = RepoPath(path).fileName
        if name == "py.typed" || path.hasSuffix(".pyi") { return false }
        if !settings.testPaths.isEmpty, settings.testPaths.contains(where: { path.hasPrefix($0 + "/") }) { return true }
        var directory = PythonModuleIndex.parent(of: path)
        while let current = directory, !current.isEmpty {
            if index.files.contains(current + "/__init__.py") || testDirectories.contains(current) { return true }
            directory = PythonModuleIndex.parent(of: current)
        }
        return false
    }

    static func testDirectories(_ files: Set<String>, isTest: (String) -> Bool) -> Set<String> {
        var directories = Set<String>()
        for file in files where isTest(file) || file.hasSuffix("conftest.py") {
            if let parent = PythonModuleIndex.parent(of: file), !parent.isEmpty { directories.insert(parent) }
        }
        return directories
    }

    /// A short list of file names for a report line ("a.py, b.py and 3 more").
    public static func describe(_ paths: [String]) -> String {
        let names = paths.map { RepoPath($0).fileName }
        if names.count <= 3 { return names.joined(separator: ", ") }
        return names.prefix(2).joined(separator: ", ") + " and \(names.count - 2) more"
    }
}
