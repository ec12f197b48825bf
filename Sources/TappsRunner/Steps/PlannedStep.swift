import TappsCore

/// A check the tool knows how to run without configuration.
public enum BuiltinStep: String, Sendable, Hashable, CaseIterable {
    /// mypy on the staged Python files (review).
    case mypy
    /// pytest on the tests related to the staged files (test).
    case pytest

    /// The phase the built-in belongs to.
    public var phase: Phase {
        switch self {
        case .mypy: .review
        case .pytest: .test
        }
    }

    /// The configuration a built-in runs with; its command is the tool's name (the executor builds the
    /// real argument list).
    public var config: StepConfig {
        StepConfig(name: rawValue, phase: phase, command: [rawValue], origin: "")
    }
}

/// A step chosen to run, with the files it gets.
public struct PlannedStep: Sendable, Hashable {
    public var config: StepConfig
    /// The files appended to the command (for pytest: the test files to run).
    public var files: [RepoPath]
    /// Set for a built-in step; nil for a configured command.
    public var builtin: BuiltinStep?
    /// For the built-in pytest: the coverage the staged source files must reach (the preset's
    /// `min_coverage`, e.g. lightweight's 75%), or nil.
    public var coverage: CoverageRequirement?
    /// What the step covers and why, for the report (pytest: "related to core.py", "all tests: conftest.py …";
    /// mypy: the staged files outside its configured scope).
    public var selectionNote: String?
    /// Arguments a built-in adds for this run (e.g. pytest's `--no-cov` when only some tests run).
    public var builtinArguments: [String]
    /// For the built-in pytest: the staged files. A failing test's traceback through one of them becomes a note
    /// finding at that file and line.
    public var stagedFiles: [RepoPath]

    /// For the built-in mypy: `builtins: {mypy: {preload: …}}` as configured (nil: the run decides; see ``MypyPreload``).
    public var mypyPreload: Bool?

    /// Set for a built-in guard or toolchain check (see ``BuiltinCheck``); nil otherwise.
    public var check: BuiltinCheck?

    public init(config: StepConfig, files: [RepoPath], builtin: BuiltinStep? = nil, coverage: CoverageRequirement? = nil,
                selectionNote: String? = nil, builtinArguments: [String] = [], stagedFiles: [RepoPath] = [],
                check: BuiltinCheck? = nil) {
        self.config = config
        self.files = files
        self.builtin = builtin
        self.coverage = coverage
        self.selectionNote = selectionNote
        self.builtinArguments = builtinArguments
        self.stagedFiles = stagedFiles
        self.check = check
    }

    public var name: String { config.name }
    public var phase: Phase { config.phase }
}

/// A minimum line coverage for a set of files, measured while the related tests run.
public struct CoverageRequirement: Sendable, Hashable {
    /// Percent, 0–100.
    public var minimum: Int
    /// The files whose coverage counts: the staged source files.
    public var files: [RepoPath]

    public init(minimum: Int, files: [RepoPath]) {
        self.minimum = minimum
        self.files = files
    }
}
