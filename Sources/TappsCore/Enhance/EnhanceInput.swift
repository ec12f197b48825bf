/// Everything enhancement knows: the description, the staged change, the recommendation, the
/// preset it names and the repository's settings. Built by the command; the stages only read it.
public struct EnhanceInput: Sendable {
    public var description: String
    public var context: FileContext
    public var recommendation: Recommendation
    public var preset: Preset
    /// The configured test patterns, or nil for the built-in defaults.
    public var testPatterns: [String]?
    public var frameworkPaths: [String]
    /// Tracked test files related to each staged source file (see ``RelatedTestNames``).
    public var relatedTests: [RepoPath: [RepoPath]]
    /// The definitions the change adds, edits or removes in each staged source file (see ``ChangedSymbols``).
    public var symbols: [RepoPath: ChangedSymbols] = [:]

    public init(description: String, context: FileContext, recommendation: Recommendation, preset: Preset,
                testPatterns: [String]? = nil, frameworkPaths: [String] = [], relatedTests: [RepoPath: [RepoPath]] = [:]) {
        self.description = description
        self.context = context
        self.recommendation = recommendation
        self.preset = preset
        self.testPatterns = testPatterns
        self.frameworkPaths = frameworkPaths
        self.relatedTests = relatedTests
    }

    /// The staged files the change really edits and that still exist: code, not tests, docs,
    /// config, generated files, binaries, submodules or deletions.
    var editedSources: [FileContext.File] {
        context.sourceFiles.filter { !$0.change.isBinary && !$0.change.isSubmodule && $0.change.status != .deleted }
    }
}
