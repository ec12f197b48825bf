/// What the repository's own mypy configuration sets, as far as the built-in step needs to know.
struct MypyConfig: Sendable, Equatable {
    /// The file mypy will read from the repository root, if any.
    var file: String?
    var setsFollowImports = false
    var setsCacheDir = false

    /// Finds the configuration file mypy uses when run from `root` (mypy's own order: `mypy.ini`, `.mypy.ini`,
    /// `pyproject.toml` with `[tool.mypy]`, `setup.cfg` with `[mypy]`) and reads its global section.
    static func detect(root: String, read: (String) -> String?) -> MypyConfig {
        for (name, section) in candidates {
            guard let text = read(root + "/" + name) else { continue }
            let keys = globalKeys(in: text, section: section)
            let required = name == "pyproject.toml" || name == "setup.cfg"
            if required && keys == nil { continue }
            let found = keys ?? []
            return MypyConfig(file: name, setsFollowImports: found.contains("follow_imports"),
                              setsCacheDir: found.contains("cache_dir"))
        }
        return MypyConfig()
    }

    private static let candidates: [(String, String)] = [
        ("mypy.ini", "mypy"), (".mypy.ini", "mypy"), ("pyproject.toml", "tool.mypy"), ("setup.cfg", "mypy"),
    ]

    /// The keys of `[section]` (nil when the section is absent). Per-module sections (`[mypy-pkg.*]`,
    /// `[[tool.mypy.overrides]]`) are not the global section and are ignored.
    static func globalKeys(in text: String, section: String) -> Set<String>? {
        var inSection = false
        var found = false
        var keys = Set<String>()
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: " \t")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                let name = line.drop { $0 == "[" }.prefix { $0 != "]" }.trimmingCharacters(in: " \t")
                inSection = !line.hasPrefix("[[") && name == section
                found = found || inSection
                continue
            }
            guard inSection, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = line[..<separator].trimmingCharacters(in: " \t\"'").replacingDashes()
            keys.insert(key)
        }
        return found ? keys : nil
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

private extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
