import Testing
import TappsCore
import TappsRunner

@Suite struct StepPlannerTests {
    let standard = BuiltInPresets.standard
    let staged = ["src/app.py", "src/app.pyi", "README.md", "src/util.swift", "vendor/lib.py"].map(RepoPath.init)

    func config(_ steps: [StepConfig], builtins: BuiltinSettings = []) -> TappsConfig {
        var config = TappsConfig()
        config.steps = steps
        config.builtins = builtins
        return config
    }

    @Test func keepsOnlyThePresetsPhasesAndFiltersFiles() {
        let steps = [
            StepConfig(name: "lint", phase: .review, command: ["lint"], files: #"\.py$"#, exclude: "^vendor/"),
            StepConfig(name: "docs-check", phase: .docs, command: ["docs"]),
            StepConfig(name: "audit", phase: .security, command: ["audit"]),
            StepConfig(name: "unit", phase: .test, command: ["unit"]),
        ]
        let plan = StepPlanner.plan(preset: standard, config: config(steps), files: staged, allTrackedFiles: { [] },
                                    skip: [])
        #expect(plan.run.map(\.name) == ["lint", "unit"])
        #expect(plan.run[0].files == [RepoPath("src/app.py")])
        #expect(plan.run[1].files == staged)
        #expect(plan.run.allSatisfy { $0.builtin == nil })
        #expect(plan.skipped.isEmpty)
    }

    @Test func regexIsSearchedNotAnchored() {
        let steps = [StepConfig(name: "swift", phase: .review, command: ["x"], files: "swift")]
        let plan = StepPlanner.plan(preset: standard, config: config(steps), files: staged, allTrackedFiles: { [] },
                                    skip: [])
        #expect(plan.run.first?.files == [RepoPath("src/util.swift")])
    }

    @Test func noMatchingFilesSkipsUnlessAlwaysRunOrNoFileNames() {
        let steps = [
            StepConfig(name: "go", phase: .review, command: ["go"], files: #"\.go$"#),
            StepConfig(name: "go-always", phase: .review, command: ["go"], files: #"\.go$"#, alwaysRun: true),
            StepConfig(name: "whole-repo", phase: .test, command: ["make", "test"], files: #"\.go$"#, passFilenames: false),
        ]
        let plan = StepPlanner.plan(preset: standard, config: config(steps), files: staged, allTrackedFiles: { [] },
                                    skip: [])
        #expect(plan.run.map(\.name) == ["go-always", "whole-repo"])
        #expect(plan.run.allSatisfy { $0.files.isEmpty })
        #expect(plan.skipped == [StepResult(name: "go", phase: .review, status: .skipped, note: "no matching files")])
    }

    @Test func passFilenamesFalseGetsNoFiles() {
        let steps = [StepConfig(name: "all", phase: .test, command: ["make"], passFilenames: false)]
        let plan = StepPlanner.plan(preset: standard, config: config(steps), files: staged, allTrackedFiles: { [] },
                                    skip: [])
        #expect(plan.run.first?.files == [])
    }

    @Test func skipMarksStepsAndBuiltinsSkipped() {
        let steps = [StepConfig(name: "lint", phase: .review, command: ["lint"]),
                     StepConfig(name: "unit", phase: .test, command: ["unit"])]
        let plan = StepPlanner.plan(preset: standard, config: config(steps, builtins: ["mypy"]), files: staged,
                                    allTrackedFiles: { [] }, skip: ["lint", "mypy", "not-a-step"])
        #expect(plan.run.map(\.name) == ["unit"])
        #expect(plan.skipped.map(\.name) == ["lint", "mypy"])
        #expect(plan.skipped.allSatisfy { $0.status == .skipped && $0.note == "skipped by SKIP" })
    }

    @Test func mypyBuiltinGetsTheStagedPythonFiles() {
        let plan = StepPlanner.plan(preset: standard, config: config([], builtins: ["mypy", "pytest"]), files: staged,
                                    allTrackedFiles: { [] }, skip: [])
        let mypy = plan.run.first { $0.builtin == .mypy }
        #expect(mypy?.files == ["src/app.py", "src/app.pyi", "vendor/lib.py"].map(RepoPath.init))
        #expect(mypy?.phase == .review)
        #expect(plan.skipped == [StepResult(name: "pytest", phase: .test, status: .skipped, note: "no test imports app.py, lib.py")])
    }

    @Test func builtinsRespectPresetConfigAndOverrides() {
        // minimal runs only the test phase: no mypy at all, not even skipped.
        let minimal = StepPlanner.plan(preset: BuiltInPresets.minimal, config: config([], builtins: ["mypy", "pytest"]),
                                       files: staged, allTrackedFiles: { [] }, skip: [])
        #expect(!minimal.run.contains { $0.name == "mypy" })
        #expect(!minimal.skipped.contains { $0.name == "mypy" })

        // Disabled in config.
        let disabled = StepPlanner.plan(preset: standard, config: config([], builtins: []), files: staged,
                                        allTrackedFiles: { [] }, skip: [])
        #expect(disabled.run.isEmpty && disabled.skipped.isEmpty)

        // A configured step named mypy replaces the built-in.
        let own = StepConfig(name: "mypy", phase: .review, command: ["mypy", "--strict"])
        let overridden = StepPlanner.plan(preset: standard, config: config([own], builtins: ["mypy"]), files: staged,
                                          allTrackedFiles: { [] }, skip: [])
        #expect(overridden.run.count == 1)
        #expect(overridden.run.first?.builtin == nil)
        #expect(overridden.run.first?.config.command == ["mypy", "--strict"])
    }

    @Test func noPythonFilesSkipsMypy() {
        let plan = StepPlanner.plan(preset: standard, config: config([], builtins: ["mypy"]),
                                    files: [RepoPath("a.swift")], allTrackedFiles: { [] }, skip: [])
        #expect(plan.run.isEmpty)
        #expect(plan.skipped.first?.note == "no staged Python files")
    }

    @Test func pytestRunsWhatTheSelectionChooses() {
        let files = [RepoPath("src/users.py")]
        func planned(_ selection: TestSelection) -> (PlannedStep?, StepResult?) {
            let plan = StepPlanner.plan(preset: standard, config: config([], builtins: ["pytest"]), files: files,
                                        allTrackedFiles: { [] }, skip: [],
                                        python: PythonPlanning(pytest: { PytestChoice(selection: selection) },
                                                               mypy: { MypyScope(files: $0) }))
            return (plan.run.first { $0.builtin == .pytest }, plan.skipped.first { $0.name == "pytest" })
        }
        let related = planned(.related(tests: ["tests/test_users.py"], reason: "related to users.py")).0
        #expect(related?.files == [RepoPath("tests/test_users.py")] && related?.selectionNote == "related to users.py")
        #expect(related?.config.passFilenames == true && related?.phase == .test)
        let all = planned(.all(reason: "conftest.py can affect every test")).0
        #expect(all?.files == [] && all?.config.passFilenames == false)
        #expect(all?.selectionNote == "all tests: conftest.py can affect every test")
        let none = planned(.none(reason: "no test imports users.py"))
        #expect(none.0 == nil && none.1?.note == "no test imports users.py" && none.1?.status == .skipped)
    }

    @Test func withoutAProjectStagedTestsStillRun() {
        var asked = 0
        let plan = StepPlanner.plan(preset: standard, config: config([], builtins: ["pytest"]),
                                    files: [RepoPath("README.md"), RepoPath("tests/test_a.py")],
                                    allTrackedFiles: { asked += 1; return [RepoPath("tests/test_a.py")] }, skip: [])
        #expect(asked == 1)
        #expect(plan.run.first?.files == [RepoPath("tests/test_a.py")])
        let docs = StepPlanner.plan(preset: standard, config: config([], builtins: ["pytest"]), files: [RepoPath("README.md")],
                                    allTrackedFiles: { asked += 1; return [] }, skip: [])
        #expect(asked == 1, "no Python staged: the tracked files are not listed")
        #expect(docs.skipped.first?.note == "no staged Python files")
    }

    @Test func candidateFilesLeaveOutDeletionsAndSubmodules() {
        let changes = [
            ChangedFile(status: .added, path: RepoPath("a.py")),
            ChangedFile(status: .deleted, path: RepoPath("gone.py")),
            ChangedFile(status: .modified, path: RepoPath("lib"), isSubmodule: true),
            ChangedFile(status: .renamed, path: RepoPath("new.py"), oldPath: RepoPath("old.py")),
        ]
        #expect(StepPlanner.candidateFiles(from: changes) == [RepoPath("a.py"), RepoPath("new.py")])
    }
}
