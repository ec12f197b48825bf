/// Which preset `run` uses when none is given on the command line.
public enum PresetChoice: Sendable, Hashable {
    /// Let the recommender pick from the description and the staged change.
    case auto
    case named(String)
}

/// A check the hook runs, from `.tapps.yaml` `steps:` (or a built-in one).
public struct StepConfig: Sendable, Hashable {
    public var name: String
    public var phase: Phase
    /// The argv; staged file names are appended when `passFilenames` is true.
    public var command: [String]
    /// A regular expression a staged path must match for the step to see it (nil: all).
    public var files: String?
    /// A regular expression for paths to leave out.
    public var exclude: String?
    public var passFilenames: Bool
    /// Seconds before the step's whole process group is killed.
    public var timeout: Double?
    /// The step may rewrite files (a formatter); it runs alone, before the checkers.
    public var modifiesFiles: Bool
    /// Stage what the step fixed (`git add`), instead of leaving it unstaged.
    public var stageFixed: Bool
    /// Whether a passing result may be reused for identical input.
    public var cache: Bool
    /// Run even when no staged file matches `files`.
    public var alwaysRun: Bool
    /// Where in the configuration file the step was defined ("" for built-ins).
    public var origin: String

    public init(name: String, phase: Phase, command: [String], files: String? = nil, exclude: String? = nil,
                passFilenames: Bool = true, timeout: Double? = nil, modifiesFiles: Bool = false,
                stageFixed: Bool = false, cache: Bool = true, alwaysRun: Bool = false, origin: String = "") {
        self.name = name
        self.phase = phase
        self.command = command
        self.files = files
        self.exclude = exclude
        self.passFilenames = passFilenames
        self.timeout = timeout
        self.modifiesFiles = modifiesFiles
        self.stageFixed = stageFixed
        self.cache = cache
        self.alwaysRun = alwaysRun
        self.origin = origin
    }
}

/// Token budget settings (`budget:`).
public struct BudgetConfig: Sendable, Hashable {
    /// Total tokens a run may spend.
    public var total: Int
    /// Fractions at which to warn (default 0.5, 0.75, 0.9; the last one stops the run).
    public var thresholds: [Double]

    public init(total: Int, thresholds: [Double] = [0.5, 0.75, 0.9]) {
        self.total = total
        self.thresholds = thresholds
    }
}

/// The whole `.tapps.yaml`. Every field has a default, so an empty or missing file is valid.
public struct TappsConfig: Sendable {
    public var preset: PresetChoice = .named("standard")
    /// True when the file sets `preset:` itself (for reporting where the choice came from).
    public var presetIsConfigured = false
    public var frameworkPaths: [String] = []
    /// nil: the built-in defaults.
    public var testPatterns: [String]?
    public var steps: [StepConfig] = []
    public var presets: PresetCatalogue = PresetCatalogue()
    public var budget: BudgetConfig?
    /// Which built-in checks run, and their options; all by default.
    public var builtins = BuiltinSettings()
    /// The file the configuration came from, or nil when there was none.
    public var sourcePath: String?

    public init() {}

    /// The classifier these settings describe.
    public var classifier: FileClassifier {
        var patterns = FileClassifier.defaultTestPatterns
        if let testPatterns {
            patterns = testPatterns.flatMap { $0 == "@defaults" ? FileClassifier.defaultTestPatterns : [Glob($0)] }
        }
        return FileClassifier(testPatterns: patterns, frameworkPaths: frameworkPaths.map(PathPrefixOrGlob.init))
    }
}
