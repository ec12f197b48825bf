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
    ///   - allTrackedFiles: every tracked path; only called when pytest needs to look for related tests.
    ///   - skip: step names from `SKIP=a,b`; those steps are reported as skipped.
    /// - Returns: the steps to run (config steps in configuration order, then the built-ins) and the skipped ones.
    ///   A step with no matching files is skipped ("no matching files") unless `always_run` is set or it takes
    ///   no file names.
    public static func plan(preset: Preset, config: TappsConfig, files: [RepoPath], allTrackedFiles: () -> [RepoPath],
                            skip: Set<String>) -> (run: [PlannedStep], skipped: [StepResult]) {
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
            let step = builtin.config
            if skip.contains(step.name) { skipStep(step, "skipped by SKIP"); continue }
            switch builtin {
            case .mypy:
                let python = files.filter(PythonFiles.isPython)
                if python.isEmpty { skipStep(step, "no staged Python files"); continue }
                run.append(PlannedStep(config: step, files: python, builtin: .mypy))
            case .pytest:
                let tests = RelatedTests.find(staged: files, classifier: config.classifier, tracked: allTrackedFiles)
                if tests.isEmpty { skipStep(step, "no related tests"); continue }
                run.append(PlannedStep(config: step, files: tests, builtin: .pytest,
                                       coverage: coverageRequirement(preset: preset, files: files, config: config)))
            }
        }
        GuardPlanner.extend(&run, &skipped, preset: preset, config: config, files: files, skip: skip) // built-in guards and toolchains
        return (run, skipped)
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
