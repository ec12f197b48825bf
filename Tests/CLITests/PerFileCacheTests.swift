import Foundation
import Testing
import TestSupport

/// `cache: per-file` end to end: the step's own arguments (appended to a counter file outside the repository)
/// prove which files it was given.
@Suite struct PerFileCacheTests {
    typealias Counter = CacheCommandTests.Counter

    /// Lines the counter holds: each is `run <the file arguments>`.
    static func runs(_ counter: Counter) -> [String] {
        ((try? String(contentsOfFile: counter.path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// A check that fails on any given file holding `bad` (a `path:1: message` finding), else passes.
    static func linter(_ counter: Counter, name: String = "lint", cache: String? = "per-file",
                       program: [String] = ["sh", "-c"]) -> String {
        let script = "echo \"run $*\" >> '\(counter.path)'; status=0; for f; do if grep -q bad \"$f\"; then echo \"$f:1: bad line\"; status=1; fi; done; exit $status"
        let argv = (program + (program.count > 1 ? [script, "sh"] : [])).map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }
        return "  - name: \(name)\n    phase: review\n    command: [\(argv.joined(separator: ", "))]\n    files: '\\.py$'\n"
            + (cache.map { "    cache: \($0)\n" } ?? "")
    }

    /// a.py, b.py and c.py staged on top of a base commit.
    static func repository(_ steps: String...) throws -> ScratchRepository {
        let repo = try RunCommandTests.repository(config: "preset: standard\nbuiltins: false\nsteps:\n" + steps.joined(),
                                                  install: false)
        for name in ["a", "b", "c"] { try repo.write("\(name).py", "\(name) = 1\n") }
        try repo.git("add", "a.py", "b.py", "c.py")
        return repo
    }

    @Test func restagingOneFileRunsTheStepOnThatFileAlone() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.linter(counter))
        let first = try CacheCommandTests.run(repo, step: "lint")
        #expect(first.status == 0 && first.step["cached"] as? Bool == false)
        #expect(Self.runs(counter) == ["run a.py b.py c.py"])

        try repo.write("b.py", "b = 2\n")
        try repo.git("add", "b.py")
        let second = try CacheCommandTests.run(repo, step: "lint")
        #expect(second.status == 0 && second.step["status"] as? String == "passed" && second.step["cached"] as? Bool == false)
        #expect(Self.runs(counter).last == "run b.py", "only b's blob changed: \(Self.runs(counter))")
        #expect((second.step["note"] as? String ?? "").contains("2 unchanged since they passed"), "\(second.step)")

        let third = try CacheCommandTests.run(repo, step: "lint")
        #expect(third.status == 0 && third.step["cached"] as? Bool == true)
        #expect((third.step["note"] as? String ?? "").hasPrefix("cached: passed on "), "\(third.step)")
        #expect(Self.runs(counter).count == 2, "nothing changed: nothing runs")

        // Unstaged edits do not count: the step sees (and is keyed on) the staged blob.
        try repo.write("c.py", "c = 3  # not staged\n")
        #expect(try CacheCommandTests.run(repo, step: "lint").step["cached"] as? Bool == true)
        #expect(Self.runs(counter).count == 2)
    }

    @Test func aFailureIsReportedAndNotCached() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.linter(counter))
        #expect(try CacheCommandTests.run(repo, step: "lint").status == 0)

        try repo.write("b.py", "b = 'bad'\n")
        try repo.git("add", "b.py")
        for attempt in 1...2 {
            let failed = try CacheCommandTests.run(repo, step: "lint")
            #expect(failed.status == 1 && failed.step["status"] as? String == "failed", "attempt \(attempt)")
            let findings = failed.step["findings"] as? [[String: Any]] ?? []
            #expect(findings.map { $0["file"] as? String } == ["b.py"], "\(failed.step)")
            #expect(Self.runs(counter).last == "run b.py", "attempt \(attempt): the failing file runs again, alone")
        }
        #expect(Self.runs(counter).count == 3)

        // A text run says what failed, where.
        let text = try repo.tapps(["run"])
        #expect(text.status == 1 && text.outputText.contains("b.py") && text.outputText.contains("bad line"), "\(text.outputText)")

        try repo.write("b.py", "b = 'fixed'\n")
        try repo.git("add", "b.py")
        #expect(try CacheCommandTests.run(repo, step: "lint").status == 0)
        #expect(Self.runs(counter).last == "run b.py")
        #expect(try CacheCommandTests.run(repo, step: "lint").step["cached"] as? Bool == true)
        #expect(Self.runs(counter).count == 5)
    }

    @Test func aFailureStillRecordsTheFilesItFoundNothingIn() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.linter(counter))
        #expect(try CacheCommandTests.run(repo, step: "lint").status == 0)
        try repo.write("a.py", "a = 'edited'\n")
        try repo.write("b.py", "b = 'bad'\n")
        try repo.git("add", "a.py", "b.py")
        let failed = try CacheCommandTests.run(repo, step: "lint")
        #expect(failed.status == 1 && Self.runs(counter).last == "run a.py b.py", "\(Self.runs(counter))")
        // Fixing b: a's new blob passed in the failing run, so only b runs again.
        try repo.write("b.py", "b = 'fixed'\n")
        try repo.git("add", "b.py")
        #expect(try CacheCommandTests.run(repo, step: "lint").status == 0)
        #expect(Self.runs(counter).last == "run b.py", "\(Self.runs(counter))")
    }

    @Test func fileLocalLintersArePerFileByDefaultAndCacheTrueKeepsTheWholeTree() throws {
        // A program named shellcheck on PATH: cached per file with no `cache:` key at all.
        let bin = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-bin-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: bin) }
        let counter = Counter(), whole = Counter()
        try "#!/bin/sh\necho \"run $*\" >> '\(counter.path)'\n".write(toFile: bin + "/shellcheck", atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho \"run $*\" >> '\(whole.path)'\n".write(toFile: bin + "/typecheck", atomically: true, encoding: .utf8)
        for tool in ["shellcheck", "typecheck"] { chmod(bin + "/" + tool, 0o755) }
        let steps = "  - name: shellcheck\n    phase: review\n    command: [shellcheck]\n    files: '\\.py$'\n"
            + "  - name: typecheck\n    phase: review\n    command: [typecheck]\n    files: '\\.py$'\n"
            + "  - name: typecheck-all\n    phase: review\n    command: [typecheck, --all]\n    files: '\\.py$'\n    cache: true\n"
        let repo = try Self.repository(steps)
        let environment = ["PATH": bin + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin:/bin")]
        let first = try repo.tapps(["run"], environment: environment)
        #expect(first.status == 0, "\(first.outputText) \(first.errorText)")
        try repo.write("b.py", "b = 2\n")
        try repo.git("add", "b.py")
        let second = try repo.tapps(["run"], environment: environment)
        #expect(second.status == 0)
        #expect(Self.runs(counter) == ["run a.py b.py c.py", "run b.py"], "shellcheck: per file by default")
        #expect(Self.runs(whole).sorted() == ["run --all a.py b.py c.py", "run --all a.py b.py c.py",
                                              "run a.py b.py c.py", "run a.py b.py c.py"],
                "other programs, and cache: true, key on the whole staged tree: \(Self.runs(whole))")
        #expect(Self.runs(whole).count == 4)
    }

    @Test func cacheStatsShowsPerFileEntriesAndHitRate() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.linter(counter))
        _ = try CacheCommandTests.run(repo, step: "lint")          // 3 misses
        try repo.write("b.py", "b = 2\n")
        try repo.git("add", "b.py")
        _ = try CacheCommandTests.run(repo, step: "lint")          // 2 hits, 1 miss
        let stats = try CacheCommandTests.stats(repo)
        #expect(stats["file_entries"] as? Int == 4, "a, b (twice: two blobs), c: \(stats)")
        #expect(stats["file_hits"] as? Int == 2 && stats["file_misses"] as? Int == 4)
        #expect(stats["file_hit_rate"] as? Double == 0.333)
        let text = try repo.tapps(["cache", "stats"])
        #expect(text.outputText.contains("per-file  4 entries, 2 hits, 4 misses, hit rate 33%"), "\(text.outputText)")
        let cleared = try repo.tapps(["cache", "clear"])
        #expect(cleared.status == 0)
        #expect(try CacheCommandTests.stats(repo)["file_entries"] as? Int == 0)
    }

    @Test func allFilesRunsAreCachedPerFileOnTheWorkTreeBytes() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.linter(counter))
        try repo.commitAll("base")
        let first = try CacheCommandTests.run(repo, step: "lint", ["--all-files"])
        #expect(first.status == 0 && first.step["cached"] as? Bool == false)
        #expect(Self.runs(counter) == ["run a.py b.py c.py src/app.py"], "every tracked .py file")

        // An unstaged edit: --all-files checks the work tree, so b runs again (and a staged run would not).
        try repo.write("b.py", "b = 2  # not staged\n")
        let second = try CacheCommandTests.run(repo, step: "lint", ["--all-files"])
        #expect(second.status == 0 && Self.runs(counter).last == "run b.py", "\(Self.runs(counter))")
        #expect((second.step["note"] as? String ?? "").contains("3 unchanged since they passed"), "\(second.step)")
        #expect(try CacheCommandTests.run(repo, step: "lint", ["--all-files"]).step["cached"] as? Bool == true)
        #expect(Self.runs(counter).count == 2)

        // A failing work-tree file is reported every time and never cached; the others stay cached.
        try repo.write("c.py", "c = 'bad'\n")
        for attempt in 1...2 {
            let failed = try CacheCommandTests.run(repo, step: "lint", ["--all-files"])
            #expect(failed.status == 1 && Self.runs(counter).last == "run c.py", "attempt \(attempt): \(Self.runs(counter))")
            #expect((failed.step["findings"] as? [[String: Any]] ?? []).map { $0["file"] as? String } == ["c.py"])
        }
        // Back to content that passed before: cached again, with nothing run.
        try repo.write("c.py", "c = 1\n")
        #expect(try CacheCommandTests.run(repo, step: "lint", ["--all-files"]).step["cached"] as? Bool == true)
        #expect(Self.runs(counter).count == 4)
        let stats = try CacheCommandTests.stats(repo)
        #expect(stats["file_hits"] as? Int == 3 + 4 + 3 + 3 + 4, "\(stats)")

        // A staged pass on b's blob is not a pass on b's work-tree bytes, nor the other way round.
        try repo.write("b.py", "b = 'bad'\n")
        try repo.git("add", "b.py")
        try repo.write("b.py", "b = 2  # not staged\n")
        let staged = try CacheCommandTests.run(repo, step: "lint")
        #expect(staged.status == 1, "the staged blob is bad, whatever the work tree holds")
        #expect(try CacheCommandTests.run(repo, step: "lint", ["--all-files"]).status == 0)
    }

    @Test func anAllFilesPassIsNotRecordedForAFileTheStepChanged() throws {
        // The step passes but rewrites b.py while it runs: the bytes it passed on are not the bytes now there.
        let counter = Counter()
        let script = "echo \"run $*\" >> '\(counter.path)'; for f; do case $f in b.py) echo 'b = 3' > b.py ;; esac; done; exit 0"
        let step = "  - name: lint\n    phase: review\n    command: ['sh', '-c', '\(script.replacingOccurrences(of: "'", with: "''"))', 'sh']\n"
            + "    files: '\\.py$'\n    cache: per-file\n"
        let repo = try Self.repository(step)
        try repo.commitAll("base")
        #expect(try CacheCommandTests.run(repo, step: "lint", ["--all-files"]).status == 0)
        // b holds its first bytes again: they were never seen to pass (b changed while the step ran).
        try repo.write("b.py", "b = 1\n")
        let second = try CacheCommandTests.run(repo, step: "lint", ["--all-files"])
        #expect(Self.runs(counter).last == "run b.py", "a and c passed unchanged; b was changed under the step: \(Self.runs(counter))")
        #expect(second.step["cached"] as? Bool == false)
    }

    @Test func aWrongCacheValueIsOneLineNamingTheFile() throws {
        let counter = Counter()
        let repo = try Self.repository(Self.linter(counter, cache: "sometimes"))
        let result = try repo.tapps(["run"])
        #expect(result.status == 2)
        #expect(result.errorText.contains(".tapps.yaml:") && result.errorText.contains("cache must be true, false or per-file"),
                "\(result.errorText)")
        #expect(Self.runs(counter).isEmpty)
    }
}
