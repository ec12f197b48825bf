/// How a step ended.
public enum StepStatus: String, Sendable, Hashable {
    case passed
    case failed
    /// Not run: tool missing, no matching files, skipped by SKIP=…, or no related tests.
    case skipped
    /// Exited 0 but changed staged files (counts as a failure of the run: exit 1).
    case modified
    case timedOut = "timed_out"
    /// Could not be started (command not found, permission denied…).
    case error
    /// Stopped by SIGINT/SIGTERM.
    case interrupted

    /// True when this result makes `run` exit 1.
    public var failsRun: Bool {
        switch self {
        case .failed, .modified, .timedOut, .error: true
        case .passed, .skipped, .interrupted: false
        }
    }
}

/// One problem a checker reported, parsed from its output.
public struct Finding: Sendable, Hashable {
    public var file: RepoPath?
    public var line: Int?
    public var column: Int?
    /// "error", "warning" or "note".
    public var severity: String
    /// The tool's code for the problem (mypy's `[arg-type]`, a pytest node id …), if any.
    public var code: String?
    public var message: String

    public init(file: RepoPath?, line: Int? = nil, column: Int? = nil, severity: String = "error",
                code: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.code = code
        self.message = message
    }
}

/// The outcome of one step.
public struct StepResult: Sendable, Hashable {
    public var name: String
    public var phase: Phase
    public var status: StepStatus
    /// Wall-clock seconds.
    public var duration: Double
    public var exitCode: Int32?
    public var findings: [Finding]
    /// Everything the step printed (stdout and stderr interleaved as far as possible), capped.
    public var output: String
    /// Why it was skipped, or what went wrong starting it.
    public var note: String?
    /// Staged files the step changed.
    public var modifiedFiles: [RepoPath]
    /// Tokens the step reported in `$TAPPS_TOKEN_REPORT`, if it wrote one.
    public var tokensReported: Int?
    /// Estimated tokens of what git-tapps printed for this step in the reader's format, counted by the budget
    /// when the step finished (nil: not counted, e.g. a skipped step).
    public var tokensEstimated: Int?
    /// How many staged files the step was given.
    public var fileCount: Int
    /// The result was reused from the step-result cache (an earlier pass on identical input); the step did not run.
    public var cached: Bool

    public init(name: String, phase: Phase, status: StepStatus, duration: Double = 0, exitCode: Int32? = nil,
                findings: [Finding] = [], output: String = "", note: String? = nil, modifiedFiles: [RepoPath] = [],
                tokensReported: Int? = nil, fileCount: Int = 0, cached: Bool = false) {
        self.name = name
        self.phase = phase
        self.status = status
        self.duration = duration
        self.exitCode = exitCode
        self.findings = findings
        self.output = output
        self.note = note
        self.modifiedFiles = modifiedFiles
        self.tokensReported = tokensReported
        self.fileCount = fileCount
        self.cached = cached
    }
}
