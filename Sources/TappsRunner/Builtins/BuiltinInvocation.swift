import TappsCore

/// The command line a built-in step runs with.
struct BuiltinInvocation: Sendable {
    var program: String
    var arguments: [String]
    var environment: [String: String] = [:]
    /// For mypy with the tool's own cache: records what was checked once the tool has run.
    var cacheGuard: MypyCacheGuard?
    /// A report file the tool writes (pytest's JUnit XML): read after each invocation, then removed.
    var reportFile: String?
    /// The file arguments to pass instead of the step's files (pytest's test directories, when a conftest's
    /// `collect_ignore` must apply: ``PytestCollectIgnore``).
    var fileArguments: [[UInt8]]?
}

extension BuiltinStep {
    /// The tool's command line, or nil when the tool is not installed.
    func invocation(in environment: StepEnvironment, files: [RepoPath],
                    coverage: CoverageRequirement? = nil, preload: Bool? = nil) -> BuiltinInvocation? {
        guard let tool = ToolLocator.find(rawValue, root: environment.root, environment: environment.baseEnvironment) else {
            return nil
        }
        switch self {
        case .mypy:
            let config = MypyConfig.detect(root: environment.root) { path in
                FileBytes.read(path).map { String(decoding: $0, as: UTF8.self) }
            }
            var invocation = MypyStep.invocation(tool: tool, environment: environment, config: config)
            if let cache = MypyStep.ownCacheDirectory(environment: environment, config: config) {
                invocation.cacheGuard = MypyCacheGuard.prepare(cacheDirectory: cache, root: environment.root, files: files)
            }
            if MypyPreload.isEnabled(configured: preload, environment: environment.baseEnvironment),
               let warm = MypyPreload.wrap(invocation, root: environment.root,
                                              environment: environment.baseEnvironment) {
                return warm
            }
            return invocation
        case .pytest:
            var invocation = PytestStep.invocation(tool: tool, reportFile: environment.tokenReportDirectory + "/pytest.junit.xml")
            if let coverage, let settings = PytestCoverage.arguments(coverage, scratch: environment.tokenReportDirectory) {
                invocation.arguments += settings
            }
            if !files.isEmpty, PytestCollectIgnore.applies(root: environment.root, tests: files),
               let walk = PytestCollectIgnore.prepare(root: environment.root, tests: files,
                                                      scratch: environment.tokenReportDirectory,
                                                      environment: environment.baseEnvironment) {
                invocation.arguments += walk.arguments
                invocation.environment.merge(walk.environment) { $1 }
                invocation.fileArguments = walk.files
            }
            return invocation
        }
    }

    /// Judges the tool's exit codes, output and reports (one per invocation that wrote one) for `step`, run from
    /// `root`.
    func verdict(exitCodes: [Int32], output: String, reports: [String] = [], step: PlannedStep, root: String) -> StepVerdict {
        switch self {
        case .mypy:
            return MypyStep.verdict(exitCodes: exitCodes, output: output, staged: step.files)
        case .pytest:
            let run = PytestStep.Run(exitCodes: exitCodes, output: output, reports: reports, tests: step.files,
                                     staged: step.stagedFiles, root: root)
            return PytestCoverage.annotate(PytestStep.verdict(run), output: output)
        }
    }

    /// A file name as an argument: one starting with '-' gets "./" so the tool does not read it as an option.
    static func argument(for path: RepoPath) -> [UInt8] {
        path.bytes.first == UInt8(ascii: "-") ? Array("./".utf8) + path.bytes : path.bytes
    }
}
