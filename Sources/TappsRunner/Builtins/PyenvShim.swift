import TappsSystem

/// pyenv's shims are bash scripts that run `pyenv exec <tool>`: about 0.13 s of bash per run, and no Python console
/// script the warm start can hand to its server. This finds the script the shim would run, in the plain cases only:
/// a version named exactly by `PYENV_VERSION`, a `.python-version` at or above the repository root, or pyenv's global
/// `version` file. Anything else (the `system` version, a version prefix pyenv would resolve, `PYENV_DIR`) gives nil,
/// and the shim runs as it is.
enum PyenvShim {
    /// The script `shim` would run from `root`, or nil when `shim` is not a pyenv shim or the choice is not plain.
    static func target(of shim: String, root: String, environment: [String: String]) -> String? {
        guard environment["PYENV_DIR"] == nil, let text = FileBytes.read(shim).map({ String(decoding: $0, as: UTF8.self) }),
              text.hasPrefix("#!/usr/bin/env bash\n"), let pyenvRoot = exportedRoot(in: text),
              text.contains("exec \"\(pyenvRoot)/libexec/pyenv\" exec \"$program\" \"$@\"") else { return nil }
        let tool = shim.split(separator: "/").last.map(String.init) ?? ""
        for version in versions(root: root, pyenvRoot: pyenvRoot, environment: environment) {
            guard version != "system", !version.contains("/"), version != "..", version != "." else { return nil }
            let directory = pyenvRoot + "/versions/" + version
            guard FileSystem.exists(directory) else { return nil }
            let candidate = directory + "/bin/" + tool
            if FileSystem.isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// `export PYENV_ROOT="…"` as the shim writes it.
    static func exportedRoot(in text: String) -> String? {
        let prefix = "export PYENV_ROOT=\""
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) && line.hasSuffix("\"") {
            let value = line.dropFirst(prefix.count).dropLast()
            return value.hasPrefix("/") && !value.contains("\"") && !value.contains("$") ? String(value) : nil
        }
        return nil
    }

    /// The versions pyenv would try, in order: `PYENV_VERSION` (colon-separated), else the nearest
    /// `.python-version` from `root` up, else `$PYENV_ROOT/version`, else `system`.
    static func versions(root: String, pyenvRoot: String, environment: [String: String]) -> [String] {
        if let chosen = environment["PYENV_VERSION"], !chosen.isEmpty {
            return chosen.split(separator: ":").map(String.init)
        }
        var directory = root
        while true {
            if let file = FileBytes.read(directory + "/.python-version") { return names(in: file) }
            guard let slash = directory.lastIndex(of: "/"), directory != "/" else { break }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        if let file = FileBytes.read(pyenvRoot + "/version") { return names(in: file) }
        return ["system"]
    }

    /// The version names of a version file: words, with `#` comments and blank lines left out.
    static func names(in file: [UInt8]) -> [String] {
        let names = String(decoding: file, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }
            .flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        return names.isEmpty ? ["system"] : names
    }
}
