/// Which built-in checks run, and their options (`builtins:` in `.tapps.yaml`).
///
/// Three spellings are accepted: `false`/`true` (none / all), a list of the enabled names
/// (`[mypy, pytest]`: exactly those), or a mapping of name → `false`, `true` or an options mapping
/// (`{pytest: {select: all}, large-files: {max_kb: 5000}}`: the defaults with those changes).
public struct BuiltinSettings: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Every built-in name the configuration accepts, with the options each one takes.
    public static let options: [String: Set<String>] = [
        "mypy": ["timeout", "preload"],
        "pytest": ["select", "timeout"],
        "untracked-imports": [],
        "conflict-markers": [],
        "large-files": ["max_kb"],
        "private-keys": [],
        "case-conflicts": [],
        "syntax": [],
        "secrets": ["allow"],
        "bandit": [],
        "markdown-links": [],
        "gofmt": [],
        "go-vet": [],
        "rustfmt": [],
        "cargo-check": [],
        "eslint": [],
        "tsc": [],
        "shellcheck": [],
        "swift-format": [],
        "ruff": [],
    ]

    /// The names of all built-ins, sorted.
    public static var knownNames: [String] { options.keys.sorted() }

    /// The built-ins that are on.
    public private(set) var enabled: Set<String>
    /// How the built-in pytest picks the tests to run.
    public var pytestSelect: PytestSelection = .related
    /// Seconds before the built-in mypy or pytest is stopped (`builtins: {pytest: {timeout: N}}`): a change that
    /// makes a test loop forever must not hang `git commit`.
    public var timeouts: [String: Double] = [:]
    /// What a built-in tool gets without a `timeout` option.
    public static let defaultTimeout: Double = 600

    /// The time limit of built-in `name`.
    public func timeout(for name: String) -> Double { timeouts[name] ?? Self.defaultTimeout }
    /// `mypy`: whether the built-in mypy runs through its warm start (`builtins: {mypy: {preload: false}}`); nil
    /// leaves the choice to the run: on, except in CI.
    public var mypyPreload: Bool?
    /// `large-files`: the largest added or grown file allowed, in KiB.
    public var largeFilesMaxKB: Int = 500
    /// `secrets`: literal strings or regular expressions whose matches are never reported.
    public var secretsAllow: [String] = []

    /// Every built-in on, with default options.
    public init() { enabled = Set(Self.options.keys) }

    /// Exactly the named built-ins on (the list spelling).
    public init(enabled: Set<String>) { self.enabled = enabled }

    public init(arrayLiteral elements: String...) { self.init(enabled: Set(elements)) }

    /// Whether the built-in `name` runs.
    public func contains(_ name: String) -> Bool { enabled.contains(name) }

    /// Turns one built-in on or off.
    public mutating func set(_ name: String, enabled on: Bool) {
        if on { enabled.insert(name) } else { enabled.remove(name) }
    }
}

/// `builtins: {pytest: {select: …}}`: which tests the built-in pytest runs.
public enum PytestSelection: String, Sendable, Hashable, CaseIterable {
    /// The test modules that import a staged module (directly or transitively), plus staged tests;
    /// everything when a staged file can affect any test.
    case related
    /// The whole configured test suite.
    case all
}
