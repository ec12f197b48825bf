import Foundation
import Testing
import TestSupport

/// The step-result cache end to end: real repositories, the built binary, a counter file each step appends to.
@Suite struct CacheCommandTests {
    /// A counter file outside the repository (so writing it changes nothing the run watches).
    final class Counter {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-count-\(UUID().uuidString)").path
        var count: Int { ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count }
        /// `sh -c` text that appends one line (holding the file arguments) and exits with `status`.
        func script(exit status: Int = 0) -> String { "echo \"run $*\" >> '\(path)'; exit \(status)" }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func step(_ name: String, _ command: [String], passFilenames: Bool, extra: String = "") -> String {
        let argv = "[" + command.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ") + "]"
        return "  - name: \(name)\n    phase: test\n    command: \(argv)\n    pass_filenames: \(passFilenames)\n\(extra)"
    }

    /// A step given the staged Python files.
    static func pythonStep(_ counter: Counter, name: String = "check", exit status: Int = 0, extra: String = "") -> String {
        step(name, ["sh", "-c", counter.script(exit: status), "sh"], passFilenames: true, extra: "    files: '\\.py$'\n" + extra)
    }

    /// A step that takes no file names.
    static func wholeStep(_ counter: Counter, extra: String = "") -> String {
        step("whole", ["sh", "-c", counter.script(), "sh"], passFilenames: false, extra: extra)
    }

    static func repository(_ steps: String...) throws -> ScratchRepository {
        let repo = try RunCommandTests.repository(config: "preset: minimal\nbuiltins: false\nsteps:\n" + steps.joined(),
                                                  install: false)
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        return repo
    }

    /// Runs `git tapps run --format json` and returns the exit status and the named step's JSON.
    static func run(_ repo: ScratchRepository, step: String, _ extra: [String] = []) throws -> (status: Int32, step: [String: Any]) {
        let result = try repo.tapps(["run", "--format", "json"] + extra)
        let object = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any]
        let steps = object?["steps"] as? [[String: Any]] ?? []
        let found = steps.first { $0["name"] as? String == step }
        #expect(found != nil, "no step \(step) in \(result.outputText) \(result.errorText)")
        return (result.status, found ?? [:])
    }

    static func stats(_ repo: ScratchRepository) throws -> [String: Any] {
        let result = try repo.tapps(["cache", "stats", "--format", "json"])
        #expect(result.status == 0, "\(result.errorText)")
        return try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
    }

    @Test func aPassingStepRunsOnceThenIsReportedCached() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter))
        let first = try Self.run(repo, step: "check")
        #expect(first.status == 0 && first.step["cached"] as? Bool == false && first.step["status"] as? String == "passed")
        let second = try Self.run(repo, step: "check")
        #expect(second.status == 0)
        #expect(second.step["status"] as? String == "passed")
        #expect(second.step["cached"] as? Bool == true)
        #expect((second.step["note"] as? String ?? "").hasPrefix("cached: passed on "), "\(second.step)")
        #expect(counter.count == 1)
        let text = try repo.tapps(["run"])
        #expect(text.status == 0 && text.outputText.contains("cached: passed on"), "\(text.outputText)")
        #expect(counter.count == 1)
    }

    @Test func anyStagedChangeRerunsTheStepButUnstagedEditsDoNot() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter))
        _ = try Self.run(repo, step: "check")
        #expect(counter.count == 1)

        try repo.write("src/app.py", "x = 3\n")
        try repo.git("add", "src/app.py")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 2)

        // Unstaged edits: the step sees the staged content, which did not change.
        try repo.write("src/app.py", "x = 4  # not staged\n")
        try repo.write("notes.txt", "untracked\n")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == true)
        #expect(counter.count == 2)
        // A staged file the step is not given (files: \.py$) still counts: the step may read it.
        try repo.write("README.md", "# changed\n")
        try repo.git("add", "README.md")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 3)

        // Staging back the earlier content makes the earlier pass valid again.
        try repo.write("README.md", "# demo\n")
        try repo.git("add", "README.md")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == true)
        #expect(counter.count == 3)
    }

    @Test func aStepTakingNoFileNamesRerunsWhenAnyStagedFileChanges() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.wholeStep(counter))
        _ = try Self.run(repo, step: "whole")
        #expect(try Self.run(repo, step: "whole").step["cached"] as? Bool == true)
        #expect(counter.count == 1)
        try repo.write("README.md", "# changed\n")
        #expect(try Self.run(repo, step: "whole").step["cached"] as? Bool == true, "an unstaged edit keeps the key")
        try repo.git("add", "README.md")
        #expect(try Self.run(repo, step: "whole").step["cached"] as? Bool == false)
        #expect(counter.count == 2)
        try repo.write("docs/new.md", "new\n")
        try repo.git("add", "docs/new.md")
        #expect(try Self.run(repo, step: "whole").step["cached"] as? Bool == false)
        #expect(counter.count == 3)
    }

    @Test func failingResultsAreNeverCached() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter, name: "broken", exit: 1))
        for _ in 0..<3 {
            let run = try Self.run(repo, step: "broken")
            #expect(run.status == 1 && run.step["status"] as? String == "failed" && run.step["cached"] as? Bool == false)
        }
        #expect(counter.count == 3)
        #expect(try Self.stats(repo)["entries"] as? Int == 0)
    }

    @Test func noCacheNeitherReadsNorWrites() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter))
        #expect(try Self.run(repo, step: "check", ["--no-cache"]).step["cached"] as? Bool == false)
        #expect(try Self.stats(repo)["entries"] as? Int == 0)
        _ = try Self.run(repo, step: "check")
        #expect(counter.count == 2)
        let again = try Self.run(repo, step: "check", ["--no-cache"])
        #expect(again.status == 0 && again.step["cached"] as? Bool == false)
        #expect(counter.count == 3)
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == true)
        #expect(counter.count == 3)
    }

    @Test func aStepWithCacheFalseAlwaysRuns() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter, extra: "    cache: false\n"))
        _ = try Self.run(repo, step: "check")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 2)
        #expect(try Self.stats(repo)["entries"] as? Int == 0)
    }

    @Test func aStepThatModifiesFilesIsNeverCached() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter, name: "fmt", extra: "    modifies_files: true\n"))
        _ = try Self.run(repo, step: "fmt")
        #expect(try Self.run(repo, step: "fmt").step["cached"] as? Bool == false)
        #expect(counter.count == 2)
    }

    @Test func changingTheStepsCommandRerunsIt() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter))
        _ = try Self.run(repo, step: "check")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == true)
        // Same input files, another argv (the config is read from the work tree, unstaged here).
        try repo.write(".tapps.yaml", "preset: minimal\nbuiltins: false\nsteps:\n"
            + Self.step("check", ["sh", "-c", counter.script(), "sh", "--strict"], passFilenames: true, extra: "    files: '\\.py$'\n"))
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 2)
        // Another setting (the timeout) counts too.
        try repo.write(".tapps.yaml", "preset: minimal\nbuiltins: false\nsteps:\n" + Self.pythonStep(counter, extra: "    timeout: 60\n"))
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 3)
    }

    @Test func touchingOrEditingTheProgramRerunsTheStep() throws {
        let counter = Counter()
        let tools = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tools) }
        let program = tools.appendingPathComponent("check").path
        try "#!/bin/sh\n\(counter.script())\n".write(toFile: program, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        let repo = try Self.repository(Self.step("check", [program], passFilenames: true, extra: "    files: '\\.py$'\n"))
        _ = try Self.run(repo, step: "check")
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == true)
        #expect(counter.count == 1)

        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: program)
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false, "touched")
        #expect(counter.count == 2)

        let date = try FileManager.default.attributesOfItem(atPath: program)[.modificationDate] as? Date
        try "#!/bin/sh\n\(counter.script())\n# v2\n".write(toFile: program, atomically: false, encoding: .utf8)
        if let date { try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: program) }
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false, "edited (mtime put back)")
        #expect(counter.count == 3)
    }

    @Test func corruptEntriesAreIgnoredReplacedAndNeverBreakARun() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter))
        _ = try Self.run(repo, step: "check")
        let directory = repo.path(".git/tapps/cache")
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.count == 69 }
        #expect(entries.count == 1)
        for entry in entries { try "{not json".write(toFile: directory + "/" + entry, atomically: true, encoding: .utf8) }
        try "garbage".write(toFile: directory + "/counters.json", atomically: true, encoding: .utf8)
        let run = try Self.run(repo, step: "check")
        #expect(run.status == 0 && run.step["cached"] as? Bool == false)
        #expect(counter.count == 2)
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == true)
        #expect(counter.count == 2)

        // An entry saying "failed" (hand-edited or from a bug) is never trusted.
        for entry in entries {
            let path = directory + "/" + entry
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"passed\"", with: "\"failed\"").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 3)
    }

    @Test func cachedStepsCostNoTokens() throws {
        let counter = Counter()
        let tokens = Self.step("spend", ["sh", "-c", counter.script().replacingOccurrences(of: "; exit 0", with: "; echo 500 > \"$TAPPS_TOKEN_REPORT\"")],
                               passFilenames: false)
        let repo = try Self.repository(tokens)
        func consumed() throws -> Int? {
            let result = try repo.tapps(["run", "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any]
            // What steps reported; the budget also counts the printed report (`printed`).
            return (object?["budget"] as? [String: Any])?["reported"] as? Int
        }
        #expect(try consumed() == 500)
        #expect(try consumed() == 0)
        #expect(counter.count == 1)
    }

    @Test func statsAndClear() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.pythonStep(counter), Self.wholeStep(counter))
        let empty = try Self.stats(repo)
        #expect(empty["entries"] as? Int == 0 && empty["hits"] as? Int == 0 && empty["misses"] as? Int == 0)
        #expect(empty["hit_rate"] is NSNull)
        _ = try Self.run(repo, step: "check")
        _ = try Self.run(repo, step: "check")
        let stats = try Self.stats(repo)
        #expect(stats["entries"] as? Int == 2)
        #expect((stats["bytes"] as? Int ?? 0) > 0)
        #expect(stats["hits"] as? Int == 2 && stats["misses"] as? Int == 2)
        #expect(stats["hit_rate"] as? Double == 0.5)
        let text = try repo.tapps(["cache", "stats"])
        #expect(text.status == 0 && text.outputText.contains("hit rate  50%"), "\(text.outputText)")

        let clear = try repo.tapps(["cache", "clear", "--format", "json"])
        #expect(clear.status == 0)
        let cleared = try JSONSerialization.jsonObject(with: Data(clear.output)) as? [String: Any]
        #expect(cleared?["removed_entries"] as? Int == 2)
        let after = try Self.stats(repo)
        #expect(after["entries"] as? Int == 0 && after["hits"] as? Int == 0)
        #expect(try Self.run(repo, step: "check").step["cached"] as? Bool == false)
        #expect(counter.count == 4)
        let again = try repo.tapps(["cache", "clear"])
        #expect(again.status == 0 && again.outputText.contains("Removed"), "\(again.outputText)")

        let outside = FileManager.default.temporaryDirectory.path
        #expect(try repo.tapps(["cache", "stats"], in: outside).status == 2)
        #expect(try repo.tapps(["cache", "frobnicate"]).status == 2)
    }

    @Test func theBuiltInPytestIsKeyedOnTheWholeStagedTreeItsConfigFilesAndTheEnvironment() throws {
        let counter = Counter()
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", "preset: minimal\nbuiltins: [pytest]\n")
        try repo.write(".gitignore", ".venv/\n")
        try repo.write("calc.py", "def add(a, b):\n    return a + b\n")
        try repo.write("tests/test_calc.py", "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n")
        try repo.write("README.md", "# demo\n")
        try repo.commitAll("base")
        // A stand-in pytest in the repository's .venv (looked up before PATH) that counts its runs.
        try repo.write(".venv/bin/pytest", "#!/bin/sh\n\(counter.script().replacingOccurrences(of: "; exit 0", with: ""))\necho '1 passed'\n")
        chmod(repo.path(".venv/bin/pytest"), 0o755)
        try repo.write("calc.py", "def add(a, b):\n    return b + a\n")
        try repo.git("add", "calc.py")

        #expect(try Self.run(repo, step: "pytest").step["status"] as? String == "passed")
        #expect(try Self.run(repo, step: "pytest").step["cached"] as? Bool == true)
        #expect(counter.count == 1)
        // An untracked conftest.py at the root changes what pytest does.
        try repo.write("conftest.py", "# fixtures\n")
        #expect(try Self.run(repo, step: "pytest").step["cached"] as? Bool == false)
        #expect(counter.count == 2)
        // Any staged change: the tests may import or read it.
        try repo.write("README.md", "# changed\n")
        try repo.git("add", "README.md")
        #expect(try Self.run(repo, step: "pytest").step["cached"] as? Bool == false)
        #expect(counter.count == 3)
        // The environment the tool sees.
        let other = try repo.tapps(["run", "--format", "json"], environment: ["PYTHONPATH": "/elsewhere"])
        #expect(other.status == 0)
        #expect(counter.count == 4)
        #expect(try Self.run(repo, step: "pytest").step["cached"] as? Bool == true)
        #expect(counter.count == 4)
    }

    @Test func afterABudgetStopTheNextRunReusesThePassAndRunsOnlyTheRest() throws {
        let repo = try CheckpointSupport.budgetRepository()
        #expect(try repo.tapps(["run", "--jobs", "1"]).status == 3)
        let next = try repo.tapps(["run", "--jobs", "1", "--format", "json"])
        #expect(next.status == 0, "\(next.outputText)")
        let object = try JSONSerialization.jsonObject(with: Data(next.output)) as? [String: Any]
        let steps = object?["steps"] as? [[String: Any]] ?? []
        #expect(steps.first { $0["name"] as? String == "a" }?["cached"] as? Bool == true)
        #expect(steps.first { $0["name"] as? String == "b" }?["status"] as? String == "passed")
        #expect((object?["budget"] as? [String: Any])?["reported"] as? Int == 0, "the cached pass reports nothing")
        #expect(repo.readText(".a-ran") == "ran\n")
    }
}
