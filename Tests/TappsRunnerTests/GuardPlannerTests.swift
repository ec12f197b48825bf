import Testing
import TappsCore
@testable import TappsRunner

/// Which built-in guards and toolchain checks each preset plans, with which files.
@Suite struct GuardPlannerTests {
    let staged = ["main.go", "README.md", "config.json", "run.sh", "app.ts"].map(RepoPath.init)

    func plan(_ preset: Preset, builtins: BuiltinSettings = BuiltinSettings(), steps: [StepConfig] = [],
              skip: Set<String> = []) -> (run: [PlannedStep], skipped: [StepResult]) {
        var config = TappsConfig()
        config.builtins = builtins
        config.steps = steps
        return StepPlanner.plan(preset: preset, config: config, files: staged, allTrackedFiles: { [] }, skip: skip)
    }

    @Test func theNativeGuardsRunInEveryPresetAndTheOthersFollowThePhases() {
        let guards = ["conflict-markers", "large-files", "private-keys", "case-conflicts", "syntax"]
        let minimal = plan(BuiltInPresets.minimal).run.map(\.name)
        #expect(minimal == guards, "minimal runs no review, security or docs phase: \(minimal)")
        let standard = plan(BuiltInPresets.standard).run.map(\.name)
        #expect(standard == guards + ["gofmt", "go-vet", "eslint", "tsc", "shellcheck"])
        let comprehensive = plan(BuiltInPresets.comprehensive).run.map(\.name)
        #expect(comprehensive.contains("secrets") && !comprehensive.contains("markdown-links") && !comprehensive.contains("bandit"),
                "bandit has no staged Python file: \(comprehensive)")
        let full = plan(BuiltInPresets.fullSDLC).run
        #expect(full.first { $0.name == "markdown-links" }?.files == [RepoPath("README.md")])
        #expect(full.first { $0.name == "syntax" }?.files == [RepoPath("config.json")])
        #expect(full.first { $0.name == "tsc" }?.files == [RepoPath("app.ts")])
        #expect(full.first { $0.name == "secrets" }?.phase == .security)
    }

    @Test func skipBuiltinsAndAConfiguredStepOfTheSameNameTakePrecedence() {
        let skipped = plan(BuiltInPresets.standard, skip: ["syntax", "gofmt"])
        #expect(!skipped.run.contains { $0.name == "syntax" || $0.name == "gofmt" })
        #expect(skipped.skipped.filter { $0.note == "skipped by SKIP" }.map(\.name).sorted() == ["gofmt", "syntax"])
        var settings = BuiltinSettings()
        settings.set("go-vet", enabled: false)
        #expect(!plan(BuiltInPresets.standard, builtins: settings).run.contains { $0.name == "go-vet" })
        #expect(plan(BuiltInPresets.standard, builtins: []).run.isEmpty)
        let own = plan(BuiltInPresets.standard, steps: [StepConfig(name: "shellcheck", phase: .review, command: ["my-shellcheck"])])
        #expect(own.run.filter { $0.name == "shellcheck" }.map(\.check) == [nil], "the configured step replaces the built-in")
    }
}
