import Testing
@testable import TappsCore

@Suite struct ConfigLoaderTests {
    @Test func emptyAndMissingValuesGiveDefaults() throws {
        for text in ["", "# only a comment\n", "---\n", "~\n"] {
            let config = try ConfigLoader.parse(text)
            #expect(config.preset == .named("standard"))
            #expect(config.steps.isEmpty)
            #expect(config.presets.names == BuiltInPresets.all.map(\.name))
        }
    }

    @Test func readsEveryTopLevelKey() throws {
        let config = try ConfigLoader.parse("""
            preset: auto
            framework_paths: [tapps_agents/, "core/**/*.py"]
            test_patterns: ["@defaults", "checks/*.py"]
            builtins: [mypy]
            budget:
              total: 50000
            steps:
              - name: ruff
                phase: review
                command: [ruff, check]
                files: '\\.py$'
                exclude: '^vendor/'
                timeout: 30
                cache: false
              - name: fmt
                phase: review
                command: [ruff, format]
                modifies_files: true
                stage_fixed: true
              - name: suite
                phase: test
                command: make test
                pass_filenames: false
            presets:
              quick:
                extends: minimal
                description: Even less.
                phases: [review]
              standard:
                estimate: {minutes: 20}
            """)
        #expect(config.preset == .auto)
        #expect(config.frameworkPaths == ["tapps_agents/", "core/**/*.py"])
        #expect(config.builtins == ["mypy"])
        #expect(config.budget?.total == 50_000)
        #expect(config.steps.map(\.name) == ["ruff", "fmt", "suite"])
        let ruff = config.steps[0]
        #expect(ruff.phase == .review && ruff.command == ["ruff", "check"] && ruff.files == "\\.py$")
        #expect(ruff.exclude == "^vendor/" && ruff.timeout == 30 && ruff.cache == false && ruff.passFilenames)
        #expect(config.steps[1].modifiesFiles && config.steps[1].stageFixed)
        #expect(config.steps[2].command == ["/bin/sh", "-c", "make test \"$@\"", "suite"])
        #expect(config.steps[2].passFilenames == false)
        let quick = try #require(config.presets.preset(named: "quick"))
        #expect(quick.hookPhases == [.review] && quick.steps == BuiltInPresets.minimal.steps && !quick.isBuiltIn)
        #expect(config.presets.preset(named: "standard")?.estimate == Estimate(minutes: 20, tokens: 30_000))
        let classifier = config.classifier
        #expect(classifier.isTest(RepoPath("checks/x.py")) && classifier.isTest(RepoPath("pkg/test_a.py")))
        #expect(classifier.isFramework(RepoPath("tapps_agents/core.py")))
        #expect(!classifier.isFramework(RepoPath("tapps_agents/tests/test_core.py")))
        #expect(classifier.isFramework(RepoPath("core/a/b.py")) && !classifier.isFramework(RepoPath("core/a/b.txt")))
    }

    @Test(arguments: [
        ("steps: [oops\n", 2, "malformed YAML"),
        ("preset: standard\nstepz: []\n", 2, "unknown key 'stepz' in the top level (did you mean 'steps'?)"),
        ("steps:\n  - name: a\n    phase: test\n    command: [x]\n    timeout: soon\n", 5, "timeout must be a number"),
        ("steps:\n  - name: a\n    phase: lint\n    command: [x]\n", 3, "unknown phase 'lint'"),
        ("steps:\n  - name: a\n    phase: test\n", 2, "step 'a' needs a 'command'"),
        ("steps:\n  - name: a\n    phase: test\n    command: [x]\n    files: '('\n", 5, "not a valid regular expression"),
        ("preset: nonesuch\n", 1, "unknown preset 'nonesuch'"),
        ("framework_paths: tapps_agents\n", 1, "framework_paths must be a list"),
        ("steps:\n  - name: a\n    phase: test\n    command: [x]\n    pass_filenames: maybe\n", 5, "must be true or false"),
        ("budget:\n  total: -5\n", 2, "positive"),
        ("steps:\n  - name: a\n    phase: test\n    command: [x]\n  - name: a\n    phase: test\n    command: [y]\n", 5, "defined twice"),
        ("a: 1\na: 2\n", 0, "duplicate key 'a'"),
        ("builtins: [mypy, pytets]\n", 1, "unknown built-in 'pytets' (did you mean 'pytest'?)"),
        ("builtins:\n  large-file: false\n", 2, "unknown built-in 'large-file' (did you mean 'large-files'?)"),
        ("builtins:\n  pytest: {select: some}\n", 2, "select must be related or all"),
        ("builtins:\n  pytest: {chose: all}\n", 2, "unknown key 'chose' in builtins.pytest"),
        ("builtins:\n  large-files: {max_kb: big}\n", 2, "max_kb must be a whole number"),
        ("builtins:\n  mypy: maybe\n", 2, "must be true or false"),
        ("builtins:\n  mypy: {preload: sometimes}\n", 2, "builtins.mypy.preload must be true or false"),
        ("builtins: sometimes\n", 1, "builtins must be"),
    ] as [(String, Int, String)])
    func badInputNamesFileLineAndColumn(text: String, line: Int, fragment: String) {
        do {
            _ = try ConfigLoader.parse(text)
            Issue.record("expected an error for \(text.debugDescription)")
        } catch {
            let message = error.description
            #expect(message.hasPrefix(".tapps.yaml:"), "\(message)")
            if line > 0 { #expect(error.line == line, "\(message)") }
            #expect(message.contains(fragment), "\(message)")
            #expect(!message.contains("\n"), "one line: \(message)")
        }
    }

    @Test func builtinsAcceptBooleanListAndMapping() throws {
        #expect(try ConfigLoader.parse("builtins: false\n").builtins.enabled.isEmpty)
        #expect(try ConfigLoader.parse("builtins: true\n").builtins == BuiltinSettings())
        let listed = try ConfigLoader.parse("builtins: [mypy, pytest]\n").builtins
        #expect(listed.enabled == ["mypy", "pytest"] && !listed.contains("secrets"))
        let mapped = try ConfigLoader.parse("""
            builtins:
              mypy: false
              pytest: {select: all}
              large-files: {max_kb: 5000}
              secrets: {allow: ["AKIA[0-9A-Z]{16}", test-token]}
              untracked-imports: false
            """).builtins
        #expect(!mapped.contains("mypy") && !mapped.contains("untracked-imports"))
        #expect(mapped.contains("pytest") && mapped.contains("conflict-markers") && mapped.contains("large-files"))
        #expect(mapped.pytestSelect == .all && mapped.largeFilesMaxKB == 5000)
        #expect(mapped.timeout(for: "pytest") == BuiltinSettings.defaultTimeout)
        #expect(try ConfigLoader.parse("builtins:\n  pytest: {timeout: 90}\n").builtins.timeout(for: "pytest") == 90)
        #expect(mapped.secretsAllow == ["AKIA[0-9A-Z]{16}", "test-token"])
        #expect(try ConfigLoader.parse("builtins: {}\n").builtins == BuiltinSettings())
        #expect(BuiltinSettings().pytestSelect == .related)
        #expect(BuiltinSettings().mypyPreload == nil, "the run decides: on, except in CI")
        #expect(try ConfigLoader.parse("builtins:\n  mypy: {preload: false}\n").builtins.mypyPreload == false)
        #expect(try ConfigLoader.parse("builtins:\n  mypy: {preload: true}\n").builtins.mypyPreload == true)
    }

    @Test func everyGuardAndToolchainIsANamedBuiltinThatCanBeTurnedOff() throws {
        let names = ["conflict-markers", "large-files", "private-keys", "case-conflicts", "syntax", "secrets", "bandit",
                     "markdown-links", "gofmt", "go-vet", "rustfmt", "cargo-check", "eslint", "tsc", "shellcheck",
                     "swift-format", "ruff"]
        for name in names {
            #expect(BuiltinSettings().contains(name), "\(name) is on by default")
            let off = try ConfigLoader.parse("builtins:\n  \(name): false\n").builtins
            #expect(!off.contains(name) && off.contains(name == "syntax" ? "secrets" : "syntax"), "\(name)")
            let listed = try ConfigLoader.parse("builtins: [\(name)]\n").builtins
            #expect(listed.enabled == [name])
        }
        #expect(Set(names).isSubset(of: Set(BuiltinSettings.knownNames)))
    }

    @Test func guardOptionMistakesArePositioned() {
        for (text, line, column, fragment) in [
            ("builtins:\n  go-vett: false\n", 2, 3, "did you mean 'go-vet'?"),
            ("builtins:\n  gofmt: {strict: true}\n", 2, 11, "unknown key 'strict' in builtins.gofmt"),
            ("builtins:\n  large-files: {max_kb: 0}\n", 2, 25, "positive number of KiB"),
            ("builtins:\n  secrets:\n    allow: ['(']\n", 3, 13, "not a valid regular expression"),
        ] {
            do {
                _ = try ConfigLoader.parse(text)
                Issue.record("expected an error for \(text)")
            } catch {
                #expect(error.line == line && error.column == column && error.message.contains(fragment), "\(error.description)")
            }
        }
    }

    @Test func unknownKeyErrorPointsAtTheKeyColumn() {
        do {
            _ = try ConfigLoader.parse("steps:\n  - name: a\n    phase: test\n    command: [x]\n    colour: red\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 5 && error.column == 5, "\(error)")
        }
    }
}
