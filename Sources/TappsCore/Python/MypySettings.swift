/// The parts of a repository's mypy configuration that decide which files it checks.
public struct MypySettings: Sendable, Equatable {
    /// The file mypy reads (`mypy.ini`, `.mypy.ini`, `pyproject.toml`, `setup.cfg`), nil when there is none.
    public var configFile: String?
    /// `files`: what a plain `mypy` checks (paths, directories or glob patterns); empty when not set.
    public var files: [String] = []
    /// `exclude`: regular expressions searched in the paths mypy discovers.
    public var exclude: [String] = []

    public init(configFile: String? = nil, files: [String] = [], exclude: [String] = []) {
        self.configFile = configFile
        self.files = files
        self.exclude = exclude
    }

    /// Reads the configuration mypy would use at the repository root, in mypy's own order.
    public static func read(_ read: (String) -> String?) -> MypySettings {
        for name in ["mypy.ini", ".mypy.ini", "pyproject.toml", "setup.cfg"] {
            guard let text = read(name) else { continue }
            if name == "pyproject.toml" {
                guard let table = TOMLSubset(text).table("tool.mypy") else { continue }
                return MypySettings(configFile: name,
                                    files: (table["files"]?.strings ?? []).flatMap(Self.commaList),
                                    exclude: table["exclude"]?.strings ?? [])
            }
            guard let section = IniFile(text).section("mypy") else {
                if name == "setup.cfg" { continue }
                return MypySettings(configFile: name)
            }
            return MypySettings(configFile: name, files: section["files"].map(Self.commaList) ?? [],
                                exclude: section["exclude"].map { [$0] } ?? [])
        }
        return MypySettings()
    }

    static func commaList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "\n" }).map { String($0).trimmingSpaces() }
            .filter { !$0.isEmpty }.map(PytestSettings.normalised)
    }

    /// Whether a plain `mypy` run of the project checks `path`: it is under `files` (when set) and no
    /// `exclude` pattern matches it.
    public func checks(_ path: String) -> Bool {
        if !files.isEmpty {
            let covered = files.contains { entry in
                if entry.isEmpty { return true }
                if entry.contains(where: { "*?[".contains($0) }) { return Glob("/" + entry).matches(RepoPath(path)) }
                return path == entry || path.hasPrefix(entry + "/")
            }
            guard covered else { return false }
        }
        return !isExcluded(path)
    }

    /// mypy searches each `exclude` pattern in the path (directories are matched with a trailing `/`).
    public func isExcluded(_ path: String) -> Bool {
        guard !exclude.isEmpty else { return false }
        var candidates = [path]
        var directory = PythonModuleIndex.parent(of: path)
        while let current = directory, !current.isEmpty {
            candidates.append(current + "/")
            directory = PythonModuleIndex.parent(of: current)
        }
        for pattern in exclude {
            guard let regex = try? Regex(pattern) else { continue }
            if candidates.contains(where: { (try? regex.firstMatch(in: $0)) != nil }) { return true }
        }
        return false
    }
}
