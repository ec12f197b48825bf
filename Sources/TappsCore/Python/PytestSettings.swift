/// What the repository's pytest configuration says about which files are tests.
public struct PytestSettings: Sendable, Equatable {
    /// The file the settings came from (`pytest.ini`, `pyproject.toml`, …), or nil for pytest's defaults.
    public var configFile: String?
    /// `testpaths`: where a plain `pytest` looks for tests (empty: everywhere below the root).
    public var testPaths: [String] = []
    /// `python_files`: test module name patterns.
    public var pythonFiles: [String] = ["test_*.py", "*_test.py"]
    /// `norecursedirs`: directory name patterns pytest does not enter.
    public var noRecurseDirectories: [String] = ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"]
    /// `addopts`, split into words.
    public var addOptions: [String] = []
    /// `pythonpath`: extra `sys.path` entries.
    public var pythonPath: [String] = []

    public init() {}

    /// The files that hold pytest configuration, in pytest's order of precedence.
    public static let candidateFiles = ["pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"]

    /// Reads the configuration pytest would use at the repository root (`read` returns a file's text or nil).
    public static func read(_ read: (String) -> String?) -> PytestSettings {
        for name in candidateFiles {
            guard let text = read(name) else { continue }
            var settings = PytestSettings()
            if name == "pyproject.toml" {
                let document = TOMLSubset(text)
                guard let table = document.table("tool.pytest.ini_options") ?? document.table("tool.pytest") else { continue }
                settings.configFile = name
                settings.apply { table[$0]?.strings.flatMap(Self.words) }
                if let addopts = table["addopts"] {
                    if case .array(let items) = addopts {
                        settings.addOptions = items.flatMap(\.strings)
                    } else {
                        settings.addOptions = addopts.strings.flatMap(ShellWords.split)
                    }
                }
                return settings
            }
            let ini = IniFile(text)
            let sectionName = name == "setup.cfg" ? "tool:pytest" : "pytest"
            guard let section = ini.section(sectionName) else {
                if name == "pytest.ini" || name == ".pytest.ini" { settings.configFile = name; return settings }
                continue
            }
            settings.configFile = name
            settings.apply { section[$0].map(Self.words) }
            settings.addOptions = section["addopts"].map(ShellWords.split) ?? []
            return settings
        }
        return PytestSettings()
    }

    private mutating func apply(_ list: (String) -> [String]?) {
        if let value = list("testpaths") { testPaths = value.map(Self.normalised).filter { !$0.isEmpty } }
        if let value = list("python_files") { pythonFiles = value }
        if let value = list("norecursedirs") { noRecurseDirectories = value }
        if let value = list("pythonpath") { pythonPath = value.map(Self.normalised) }
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
    }

    static func normalised(_ path: String) -> String {
        var text = path
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.hasSuffix("/") { text.removeLast() }
        return text == "." ? "" : text
    }

    /// Paths given to `--ignore` / `--ignore-glob` in `addopts`.
    public var ignoredPaths: [Glob] {
        var globs: [Glob] = []
        var index = 0
        while index < addOptions.count {
            let word = addOptions[index]
            for option in ["--ignore", "--ignore-glob"] {
                if word == option, index + 1 < addOptions.count {
                    globs.append(Self.ignoreGlob(addOptions[index + 1], isGlob: option == "--ignore-glob"))
                    index += 1
                } else if word.hasPrefix(option + "=") {
                    globs.append(Self.ignoreGlob(String(word.dropFirst(option.count + 1)), isGlob: option == "--ignore-glob"))
                }
            }
            index += 1
        }
        return globs
    }

    private static func ignoreGlob(_ path: String, isGlob: Bool) -> Glob {
        let text = normalised(path)
        return Glob(isGlob ? "/" + text : "/" + text + (text.hasSuffix(".py") ? "" : "/"))
    }

    /// Everything here that decides which files are test modules and where imports resolve, as one string:
    /// an import graph derived under other settings is not reused.
    public var graphKey: String {
        [[configFile ?? ""], testPaths, pythonFiles, noRecurseDirectories, addOptions, pythonPath]
            .map { $0.joined(separator: "\u{1}") }.joined(separator: "\u{2}")
    }

    /// Whether `addopts` turns on pytest-cov (its thresholds then apply to any run, even of a few tests).
    public var enablesCoverage: Bool {
        addOptions.contains { $0 == "--cov" || $0.hasPrefix("--cov=") || $0.hasPrefix("--cov-fail-under") }
    }

    /// Whether `addopts` collects doctests from every module.
    public var collectsDoctestModules: Bool { addOptions.contains("--doctest-modules") }

    /// Whether a plain `pytest` at the root would collect `path` as a test module: its name matches
    /// `python_files`, it is under `testpaths` (when set), not in a `norecursedirs` directory and not ignored.
    public func isTestModule(_ path: String) -> Bool { matcher.isTestModule(path) }

    /// Under `testpaths` (when set), in no `norecursedirs` directory and not ignored by `addopts`.
    public func isCollectable(_ path: String) -> Bool { matcher.isCollectable(path) }

    /// The settings' patterns compiled once, for deciding about many paths.
    public var matcher: TestModuleMatcher { TestModuleMatcher(self) }
}

/// ``PytestSettings``' test-module rules with their patterns compiled.
public struct TestModuleMatcher: Sendable {
    let testPaths: [String]
    let pythonFiles: [Glob]
    let noRecurse: [Glob]
    let ignored: [Glob]

    init(_ settings: PytestSettings) {
        testPaths = settings.testPaths
        pythonFiles = settings.pythonFiles.map(Glob.init)
        noRecurse = settings.noRecurseDirectories.map(Glob.init)
        ignored = settings.ignoredPaths
    }

    public func isTestModule(_ path: String) -> Bool {
        guard path.utf8.last == UInt8(ascii: "y"), path.hasSuffix(".py") else { return false }
        let repoPath = RepoPath(path)
        let name = repoPath.fileName
        guard name != "conftest.py", name != "__init__.py" else { return false }
        guard pythonFiles.contains(where: { $0.matches(repoPath) }) else { return false }
        return isCollectable(path)
    }

    public func isCollectable(_ path: String) -> Bool {
        var base = 0
        if !testPaths.isEmpty {
            guard let root = testPaths.first(where: { path == $0 || path.hasPrefix($0 + "/") }) else { return false }
            base = root.isEmpty ? 0 : root.utf8.split(separator: UInt8(ascii: "/")).count
        }
        let repoPath = RepoPath(path)
        for directory in repoPath.directories.dropFirst(base) {
            let name = RepoPath(directory)
            if noRecurse.contains(where: { $0.matches(name) }) { return false }
        }
        return !ignored.contains { $0.matches(repoPath) }
    }
}

/// Splits a command line the way `shlex.split` does for the common cases (quotes and backslashes).
enum ShellWords {
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped { current.append(character); escaped = false; continue }
            if character == "\\" && quote != "'" { escaped = true; inWord = true; continue }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "\"" || character == "'" { quote = character; inWord = true; continue }
            if character == " " || character == "\n" || character == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(character)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
