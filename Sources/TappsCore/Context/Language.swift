/// Programming and markup languages recognised from a file's name.
public enum Language {
    /// The language of `path`, or nil when it is not one we recognise.
    public static func of(_ path: RepoPath) -> String? {
        // The notes ask this of every staged file: a name is matched on its bytes (the names here are ASCII, and
        // no other text equals one of them), so only the extension becomes a string.
        let bytes = path.bytes
        var start = bytes.count
        while start > 0, bytes[start - 1] != UInt8(ascii: "/") { start -= 1 }
        if start < bytes.count, bytes.last != UInt8(ascii: "/") {
            let name = bytes[start...]
            for (exact, language) in byNameBytes where name.elementsEqual(exact) { return language }
            if name.allSatisfy({ $0 < 0x80 }) { return byExtension[path.fileExtension] }
        }
        let name = path.fileName
        if let exact = byName[name] { return exact }
        return byExtension[path.fileExtension]
    }

    private static let byNameBytes: [([UInt8], String)] = byName.map { (Array($0.key.utf8), $0.value) }

    static let byName: [String: String] = [
        "Package.swift": "Swift", "Makefile": "Makefile", "Dockerfile": "Dockerfile",
        "CMakeLists.txt": "CMake", "Gemfile": "Ruby", "Rakefile": "Ruby", "BUILD": "Starlark",
    ]

    static let byExtension: [String: String] = [
        "py": "Python", "pyi": "Python", "swift": "Swift", "js": "JavaScript", "mjs": "JavaScript",
        "cjs": "JavaScript", "jsx": "JavaScript", "ts": "TypeScript", "tsx": "TypeScript", "mts": "TypeScript",
        "go": "Go", "rs": "Rust", "java": "Java", "kt": "Kotlin", "kts": "Kotlin", "scala": "Scala",
        "c": "C", "h": "C", "cc": "C++", "cpp": "C++", "cxx": "C++", "hpp": "C++", "hh": "C++",
        "m": "Objective-C", "mm": "Objective-C", "cs": "C#", "rb": "Ruby", "php": "PHP", "pl": "Perl",
        "sh": "Shell", "bash": "Shell", "zsh": "Shell", "ps1": "PowerShell", "lua": "Lua", "r": "R",
        "sql": "SQL", "html": "HTML", "htm": "HTML", "css": "CSS", "scss": "CSS", "vue": "Vue",
        "svelte": "Svelte", "dart": "Dart", "ex": "Elixir", "exs": "Elixir", "erl": "Erlang", "hs": "Haskell",
        "ml": "OCaml", "clj": "Clojure", "zig": "Zig", "nim": "Nim", "proto": "Protocol Buffers",
        "md": "Markdown", "markdown": "Markdown", "rst": "reStructuredText", "adoc": "AsciiDoc",
        "yaml": "YAML", "yml": "YAML", "toml": "TOML", "json": "JSON", "xml": "XML", "ini": "INI",
        "tf": "HCL", "hcl": "HCL", "gradle": "Gradle", "ipynb": "Jupyter",
    ]
}
