/// Decides what kind of file a path is: test, docs, config, generated, security-sensitive.
public struct FileClassifier: Sendable {
    /// Globs that mark test files.
    public var testPatterns: [Glob]
    /// Paths whose non-test files are framework code (a change there forces `full-sdlc`).
    public var frameworkPaths: [PathPrefixOrGlob]

    public init(testPatterns: [Glob] = FileClassifier.defaultTestPatterns, frameworkPaths: [PathPrefixOrGlob] = []) {
        self.testPatterns = testPatterns
        self.frameworkPaths = frameworkPaths
    }

    /// Test-file conventions of Python, Swift, JS/TS, Go, Rust and Java.
    public static let defaultTestPatterns: [Glob] = [
        // Python
        "test_*.py", "*_test.py", "conftest.py", "**/tests/**", "**/test/**",
        // Swift
        "Tests/**", "*Tests.swift", "*Test.swift",
        // JavaScript / TypeScript
        "*.{test,spec}.{js,jsx,ts,tsx,mjs,cjs,mts,cts}", "**/__tests__/**", "**/__mocks__/**",
        // Go
        "*_test.go",
        // Rust (integration tests live in tests/, above) and benches
        "*_test.rs",
        // Java / Kotlin
        "**/src/test/**", "*Test.java", "*Tests.java", "*IT.java", "*Test.kt",
    ].map(Glob.init)

    public func isTest(_ path: RepoPath) -> Bool { testPatterns.contains { $0.matches(path) } }

    public func isFramework(_ path: RepoPath) -> Bool {
        frameworkPaths.contains { $0.matches(path) } && !isTest(path)
    }

    public func isDocumentation(_ path: RepoPath) -> Bool {
        // CMakeLists.txt and requirements.txt are build inputs, not prose.
        if Language.byName[path.fileName] != nil || Self.isDependencyList(path.fileName) { return false }
        let ext = path.fileExtension
        if Self.docExtensions.contains(ext) { return true }
        let upper = path.fileName.uppercased()
        if Self.docNames.contains(upper) || Self.docNamePrefixes.contains(where: { upper.hasPrefix($0) }) { return true }
        let inDocsDir = Self.hasDirectory(path) { component in
            Self.docDirectoryBytes.contains { Self.equalIgnoringASCIICase(component, $0) }
        }
        return inDocsDir && (Language.of(path) == nil || Self.docExtensions.contains(ext) || Self.assetExtensions.contains(ext))
    }

    public func isConfiguration(_ path: RepoPath) -> Bool {
        let name = path.fileName
        if Self.configNames.contains(name) { return true }
        if name.hasPrefix(".env") || Self.isDependencyList(name) { return true }
        return Self.configExtensions.contains(path.fileExtension) && !isGenerated(path)
    }

    public func isGenerated(_ path: RepoPath) -> Bool {
        let name = path.fileName
        if Self.lockFiles.contains(name) { return true }
        if Self.generatedSuffixes.contains(where: { name.hasSuffix($0) }) { return true }
        let nameBytes = Array(name.utf8)[...]
        if Self.generatedInfixes.contains(where: { TextLines.find($0, in: nameBytes) != nil }) { return true }
        return Self.hasDirectory(path) { component in Self.generatedDirectoryBytes.contains { component.elementsEqual($0) } }
    }

    // A big change classifies thousands of paths: directories are compared as bytes, without a `String` per
    // component (the names below are ASCII, and no other bytes equal them).

    /// True when a directory component of `path` (not its file name) satisfies `test`.
    static func hasDirectory(_ path: RepoPath, _ test: (ArraySlice<UInt8>) -> Bool) -> Bool {
        let bytes = path.bytes
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        var start = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "/") {
            if index > start, test(bytes[start..<index]) { return true }
            start = index + 1
        }
        return false
    }

    static func equalIgnoringASCIICase(_ component: ArraySlice<UInt8>, _ lowercase: [UInt8]) -> Bool {
        component.count == lowercase.count && zip(component, lowercase).allSatisfy { pair in
            (pair.0 >= 0x41 && pair.0 <= 0x5A ? pair.0 | 0x20 : pair.0) == pair.1
        }
    }

    static let generatedInfixes: [[UInt8]] = [Array(".generated.".utf8), Array(".gen.".utf8)]
    static let docNamePrefixes: [String] = docNames.map { $0 + "." }
    static let docDirectoryBytes: [[UInt8]] = docDirectories.map { Array($0.utf8) }
    static let generatedDirectoryBytes: [[UInt8]] = generatedDirectories.map { Array($0.utf8) }

    /// The security topics a path's words name, e.g. `["auth"]` for `src/auth/login.py`.
    public func securityTopics(of path: RepoPath) -> Set<String> {
        var topics = Set<String>()
        let words = Words.split(path.string)
        for (index, word) in words.enumerated() {
            if let topic = SecurityVocabulary.topic(of: word) { topics.insert(topic) }
            // Split forms of one word: "api_key", "APIKey", "2fa" (digits split off), "log_in".
            if index + 1 < words.count, let topic = SecurityVocabulary.topic(of: word + words[index + 1]) {
                topics.insert(topic)
            }
        }
        return topics
    }

    /// `requirements.txt`, `requirements-dev.txt`, `constraints.txt`: pip's dependency lists.
    static func isDependencyList(_ name: String) -> Bool {
        (name.hasPrefix("requirements") || name.hasPrefix("constraints")) && name.hasSuffix(".txt")
    }

    static let docExtensions: Set<String> = ["md", "markdown", "rst", "txt", "adoc", "asciidoc", "org", "textile"]
    static let assetExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "drawio"]
    static let docNames: Set<String> = ["README", "CHANGELOG", "CHANGES", "HISTORY", "LICENSE", "LICENCE", "COPYING",
                                     "CONTRIBUTING", "AUTHORS", "NOTICE", "CODE_OF_CONDUCT", "SECURITY", "MAINTAINERS"]
    static let docDirectories: Set<String> = ["docs", "doc", "documentation", "man"]
    static let configExtensions: Set<String> = ["yaml", "yml", "toml", "ini", "cfg", "conf", "json", "properties",
                                                "editorconfig", "plist", "xcconfig", "env"]
    static let configNames: Set<String> = [".gitignore", ".gitattributes", ".editorconfig", ".dockerignore",
                                           ".npmrc", ".nvmrc", ".python-version", ".tool-versions", "Dockerfile",
                                           ".flake8", ".pylintrc", ".prettierrc", ".eslintrc", "setup.cfg", "tox.ini",
                                           "mypy.ini", "pytest.ini", ".swiftformat", ".swiftlint.yml", "CODEOWNERS"]
    static let lockFiles: Set<String> = ["package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "poetry.lock",
                                         "Pipfile.lock", "Package.resolved", "go.sum", "Gemfile.lock", "composer.lock",
                                         "uv.lock", "pdm.lock", "bun.lockb", "flake.lock"]
    static let generatedSuffixes: [String] = [".min.js", ".min.css", ".pb.go", "_pb2.py", "_pb2.pyi", "_pb2_grpc.py",
                                              ".pb.swift", ".grpc.swift", ".g.dart", ".freezed.dart", ".map", ".snap"]
    static let generatedDirectories: Set<String> = ["node_modules", "dist", "__generated__", "generated",
                                                    "__snapshots__", "vendor", "third_party", ".build"]
}

/// A framework path from configuration: a plain directory or file (`tapps_agents/`, `core`)
/// matched as a prefix, or a glob when it holds `*`, `?` or `{`.
public struct PathPrefixOrGlob: Sendable, Hashable {
    public let text: String
    private let glob: Glob?
    private let prefix: [UInt8]

    public init(_ text: String) {
        self.text = text
        if text.contains(where: { "*?{".contains($0) }) {
            glob = Glob(text.contains("/") ? text : "**/" + text)
            prefix = []
        } else {
            glob = nil
            var trimmed = text
            while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            while trimmed.hasPrefix("/") { trimmed.removeFirst() }
            prefix = Array(trimmed.utf8)
        }
    }

    public func matches(_ path: RepoPath) -> Bool {
        if let glob { return glob.matches(path) }
        guard !prefix.isEmpty else { return true }
        let bytes = path.bytes
        guard bytes.starts(with: prefix) else { return false }
        return bytes.count == prefix.count || bytes[prefix.count] == UInt8(ascii: "/")
    }
}
