import TappsCore

/// Chooses which steps a preset runs and which staged files each one sees.
public enum StepPlanner {
    /// Steps for `preset`: config steps whose phase is in `preset.hookPhases`, plus the built-ins (mypy → review,
    /// pytest → test) when enabled in `config.builtins`, not overridden by a config step of the same name, and
    /// their phase is in the preset.
    ///
    /// - Parameters:
    ///   - files: the staged paths that still exist in the work tree (no deletions, no submodules; see
    ///     ``candidateFiles(from:)``), filtered per step by its `files`/`exclude` regexes on the path text.
    ///   - allTrackedFiles: every tracked path; only called when pytest's default selection needs it.
    ///   - skip: step names from `SKIP=a,b`; those steps are reported as skipped.
    ///   - python: the built-in pytest's tests and mypy's scope, from the repository's configuration and import
    ///     graph; each is asked only when its step is planned. Nil (no repository to read): pytest runs the
    ///     staged test modules, mypy every staged Python file.
    /// - Returns: the steps to run (config steps in configuration order, then the built-ins) and the skipped ones.
    ///   A step with no matching files is skipped ("no matching files") unless `always_run` is set or it takes
    ///   no file names.
    public static func plan(preset: Preset, config: TappsConfig, files: [RepoPath], allTrackedFiles: () -> [RepoPath],
                            skip: Set<String>,
                        python: PythonPlanning? = nil) -> (run: [PlannedStep], skipped: [StepResult]) {
        let phases = Set(preset.hookPhases)
        var run: [PlannedStep] = []
        var skipped: [StepResult] = []

        func skipStep(_ step: StepConfig, _ note: String) {
            skipped.append(StepResult(name: step.name, phase: step.phase, status: .skipped, note: note))
        }

        for step in config.steps where phases.contains(step.phase) {
            if skip.contains(step.name) { skipStep(step, "skipped by SKIP"); continue }
            let matching = PathFilter(files: step.files, exclude: step.exclude).apply(to: files)
            if matching.isEmpty && step.passFilenames && !step.alwaysRun {
                skipStep(step, "no matching files")
                continue
            }
            run.append(PlannedStep(config: step, files: step.passFilenames ? matching : []))
        }

        let configured = Set(config.steps.map(\.name))
        for builtin in BuiltinStep.allCases
        where config.builtins.contains(builtin.rawValue) && !configured.contains(builtin.rawValue)
            && phases.contains(builtin.phase) {
            var step = builtin.config
            step.timeout = config.builtins.timeout(for: builtin.rawValue)
            if skip.contains(step.name) { skipStep(step, "skipped by SKIP"); continue }
            switch builtin {
            case .mypy:
                let pythonFiles = files.filter(PythonFiles.isPython)
                if pythonFiles.isEmpty { skipStep(step, "no staged Python files"); continue }
                let scope = python?.mypy(pythonFiles) ?? MypyScope(files: pythonFiles)
                var notes: [String] = []
                if !scope.outside.isEmpty {
                    notes.append("not in mypy's configured files: " + TestSelector.describe(scope.outside.map(\.string)))
                }
                if !scope.stubbed.isEmpty {
                    notes.append("mypy reads the stub (.pyi) instead of " + TestSelector.describe(scope.stubbed.map(\.string)))
                }
                let outside = notes.isEmpty ? nil : notes.joined(separator: "; ")
                if scope.files.isEmpty { skipStep(step, outside ?? "no staged Python files"); continue }
                var planned = PlannedStep(config: step, files: scope.files, builtin: .mypy, selectionNote: outside,
                                          builtinArguments: scope.arguments)
                planned.mypyPreload = config.builtins.mypyPreload
                if scope.wholeScope {
                    planned.config.passFilenames = false
                    planned.selectionNote = "the configured files"
                }
                run.append(planned)
            case .pytest:
                let choice = python?.pytest() ?? PytestChoice(selection: defaultSelection(files: files, tracked: allTrackedFiles))
                let selection = choice.selection
                let coverage = coverageRequirement(preset: preset, files: files, config: config)
                switch selection {
                case .none(let reason):
                    skipStep(step, reason)
                case .related(let tests, let reason):
                    run.append(PlannedStep(config: step, files: tests.map(RepoPath.init), builtin: .pytest,
                                           coverage: coverage, selectionNote: reason,
                                           builtinArguments: coverage == nil ? choice.arguments : []))
                case .all(let reason):
                    var planned = PlannedStep(config: step, files: [], builtin: .pytest, coverage: coverage,
                                              selectionNote: "all tests: \(reason)")
                    planned.config.passFilenames = false
                    run.append(planned)
                }
            }
        }
        for index in run.indices where run[index].builtin == .pytest { run[index].stagedFiles = files }
        GuardPlanner.extend(&run, &skipped, preset: preset, config: config, files: files, skip: skip) // built-in guards and toolchains
        return (run, skipped)
    }

    /// Without a project to read: staged test modules, and the tests a graph of file names alone reaches.
    static func defaultSelection(files: [RepoPath], tracked: () -> [RepoPath]) -> TestSelection {
        let python = files.map(\.string).filter { $0.hasSuffix(".py") }
        guard !python.isEmpty else { return .none(reason: "no staged Python files") }
        let selector = TestSelector(settings: PytestSettings(), pythonFiles: tracked().map(\.string).filter { $0.hasSuffix(".py") },
                                    scans: [:])
        return selector.select(changed: files.map(\.string), trackedFiles: [])
    }

    /// The preset's `min_coverage` for its test phase, applied to the staged Python sources.
    static func coverageRequirement(preset: Preset, files: [RepoPath], config: TappsConfig) -> CoverageRequirement? {
        guard let text = preset.setting("min_coverage", for: .test), let minimum = Int(text), minimum > 0 else { return nil }
        let classifier = config.classifier
        let sources = files.filter { PythonFiles.isPython($0) && !classifier.isTest($0) }
        return sources.isEmpty ? nil : CoverageRequirement(minimum: min(minimum, 100), files: sources)
    }

    /// The staged paths steps may see: everything but deletions and submodules.
    public static func candidateFiles(from changes: [ChangedFile]) -> [RepoPath] {
        changes.filter { $0.status != .deleted && !$0.isSubmodule }.map(\.path)
    }
}

/// A step's `files` / `exclude` regular expressions, searched (not anchored) in the path text.
struct PathFilter {
    private let include: Regex<AnyRegexOutput>?
    private let exclude: Regex<AnyRegexOutput>?
    /// Patterns were validated when the configuration was read; an include pattern that still fails to compile
    /// matches nothing rather than everything.
    private let includeIsInvalid: Bool

    init(files: String?, exclude: String?) {
        let include = files.flatMap { try? Regex($0) }
        self.include = include
        self.includeIsInvalid = files != nil && include == nil
        self.exclude = exclude.flatMap { try? Regex($0) }
    }

    func apply(to paths: [RepoPath]) -> [RepoPath] {
        if includeIsInvalid { return [] }
        return paths.filter { path in
            let text = path.string
            if let include, (try? include.firstMatch(in: text)) == nil { return false }
            if let exclude, (try? exclude.firstMatch(in: text)) != nil { return false }
            return true
        }
    }
}
