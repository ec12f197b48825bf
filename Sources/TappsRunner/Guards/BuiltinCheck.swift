import TappsCore

/// The built-in checks beside mypy and pytest: native guards that read the staged blobs in process, and
/// toolchain checks that run a language's own tool when the project uses it and the tool is installed.
/// Each has the name `builtins:` and `SKIP=` use.
public enum BuiltinCheck: String, Sendable, Hashable, CaseIterable {
    case conflictMarkers = "conflict-markers"
    case largeFiles = "large-files"
    case privateKeys = "private-keys"
    case caseConflicts = "case-conflicts"
    case syntax
    case secrets
    case markdownLinks = "markdown-links"
    case bandit
    case gofmt
    case goVet = "go-vet"
    case rustfmt
    case cargoCheck = "cargo-check"
    case eslint
    case tsc
    case shellcheck
    case swiftFormat = "swift-format"
    case ruff

    /// The guards every preset runs, whatever its phases.
    public static let alwaysOn: [BuiltinCheck] = [.conflictMarkers, .largeFiles, .privateKeys, .caseConflicts, .syntax]

    /// Runs in process on the staged blobs (no tool, no work-tree isolation needed).
    public var isNative: Bool {
        switch self {
        case .conflictMarkers, .largeFiles, .privateKeys, .caseConflicts, .syntax, .secrets, .markdownLinks: true
        default: false
        }
    }

    /// The phase the check reports under: guards in review (though every preset runs them), `secrets` and
    /// `bandit` in security, `markdown-links` in docs, the toolchains in review.
    public var phase: Phase {
        switch self {
        case .secrets, .bandit: .security
        case .markdownLinks: .docs
        default: .review
        }
    }

    /// The step configuration the check is planned with; a toolchain's command is resolved when the run starts.
    public var config: StepConfig {
        StepConfig(name: rawValue, phase: phase, command: [rawValue], origin: "")
    }

    /// Whether a staged file is one this check looks at.
    public func applies(to path: RepoPath) -> Bool { applies(to: path, extension: path.fileExtension) }

    /// ``applies(to:)`` with the path's ``RepoPath/fileExtension`` already worked out (the planner asks every
    /// check about every staged file).
    func applies(to path: RepoPath, extension ext: String) -> Bool {
        switch self {
        case .conflictMarkers, .largeFiles, .privateKeys, .caseConflicts, .secrets: return true
        case .syntax: return ["json", "yaml", "yml", "toml"].contains(ext) && SyntaxCheck.kind(of: path) != nil
        case .markdownLinks: return MarkdownLinks.extensions.contains(ext)
        case .bandit, .ruff: return ext == "py" || ext == "pyi"
        case .gofmt, .goVet: return ext == "go"
        case .rustfmt, .cargoCheck: return ext == "rs"
        case .eslint: return ["js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts"].contains(ext)
        case .tsc: return ["ts", "tsx", "mts", "cts"].contains(ext)
        case .shellcheck: return ["sh", "bash"].contains(ext)
        case .swiftFormat: return ext == "swift"
        }
    }
}
