import TappsCore

/// Plans the built-in guards and toolchain checks (``BuiltinCheck``) next to the steps ``StepPlanner`` plans.
enum GuardPlanner {
    /// Adds the checks `config.builtins` enables: the always-on guards in every preset, `secrets` and `bandit`
    /// when the preset runs security, `markdown-links` when it runs docs, toolchains when it runs review.
    /// A configured step of the same name replaces the built-in; `SKIP=` names are reported as skipped.
    /// A check with no staged file it looks at is left out entirely, so a commit's report lists only what applies.
    static func extend(_ run: inout [PlannedStep], _ skipped: inout [StepResult], preset: Preset, config: TappsConfig,
                       files: [RepoPath], skip: Set<String>) {
        let phases = Set(preset.hookPhases)
        let configured = Set(config.steps.map(\.name))
        let extensions = files.map(\.fileExtension)
        for check in BuiltinCheck.allCases where config.builtins.contains(check.rawValue) && !configured.contains(check.rawValue) {
            guard BuiltinCheck.alwaysOn.contains(check) || phases.contains(check.phase) else { continue }
            let matching = files.indices.filter { check.applies(to: files[$0], extension: extensions[$0]) }.map { files[$0] }
            guard !matching.isEmpty else { continue }
            if skip.contains(check.rawValue) {
                skipped.append(StepResult(name: check.rawValue, phase: check.phase, status: .skipped, note: "skipped by SKIP"))
                continue
            }
            run.append(PlannedStep(config: check.config, files: matching, check: check))
        }
    }
}
