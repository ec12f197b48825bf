import Testing
@testable import TappsCore

@Suite struct CacheScopeTests {
    func step(_ command: [String], cache: Bool = true, scope: CacheScope? = nil, passFilenames: Bool = true,
              modifies: Bool = false) -> StepConfig {
        var config = StepConfig(name: "s", phase: .review, command: command, passFilenames: passFilenames,
                                modifiesFiles: modifies, cache: cache)
        config.cacheScope = scope
        return config
    }

    @Test func fileLocalLintersDefaultToPerFile() {
        for program in ["ruff", "/usr/local/bin/gofmt", "shellcheck"] {
            #expect(CacheScope.effective(for: step([program, "-l"])) == .perFile, "\(program)")
        }
        #expect(CacheScope.effective(for: step(["mypy"])) == .tree)
        #expect(CacheScope.effective(for: step(["pytest"])) == .tree)
        #expect(CacheScope.effective(for: step(["ruff"]), isBuiltin: true) == .tree, "a built-in is per file only when declared so")
        #expect(CacheScope.effective(for: step(["guard"]), fileLocalBuiltin: true, isBuiltin: true) == .perFile)
    }

    @Test func whatTheStepSaysWins() {
        #expect(CacheScope.effective(for: step(["ruff"], scope: .tree)) == .tree, "cache: true keeps the whole tree")
        #expect(CacheScope.effective(for: step(["mylint"], scope: .perFile)) == .perFile)
        #expect(CacheScope.effective(for: step(["ruff"], cache: false)) == nil)
        #expect(CacheScope.effective(for: step(["ruff"], modifies: true)) == nil, "a fixer is never cached")
        #expect(CacheScope.effective(for: step(["mylint"], scope: .perFile, passFilenames: false)) == .tree,
                "a step given no file names can only be cached whole")
    }

    @Test func theConfigurationReadsPerFile() throws {
        let yaml = "steps:\n  - {name: a, phase: review, command: [x], cache: per-file}\n  - {name: b, phase: review, command: [x], cache: true}\n  - {name: c, phase: review, command: [x]}\n  - {name: d, phase: review, command: [x], cache: false}\n"
        let config = try ConfigLoader.parse(yaml, file: ".tapps.yaml")
        #expect(config.steps.map(\.cacheScope) == [.perFile, .tree, nil, nil])
        #expect(config.steps.map(\.cache) == [true, true, true, false])
    }
}
