import Foundation
import Testing
import TestSupport

/// `git tapps run` end to end: real binary, real repositories, real `git commit`s.
@Suite struct RunCommandTests {
    /// A repository with a committed base, `.tapps.yaml` and the hook installed.
    static func repository(config: String, install: Bool = true) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", config)
        try repo.write("README.md", "# demo\n")
        try repo.write("src/app.py", "x = 1\n")
        try repo.commitAll("base")
        if install {
            let result = try repo.tapps(["install"])
            #expect(result.status == 0, "install: \(result.errorText)")
        }
        return repo
    }

    static func step(_ name: String, _ command: [String], phase: String = "test", extra: String = "") -> String {
        let argv = "[" + command.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ", ") + "]"
        return "  - name: \(name)\n    phase: \(phase)\n    command: \(argv)\n    pass_filenames: false\n\(extra)"
    }

    static func config(_ steps: String...) -> String {
        "preset: minimal\nbuiltins: false\nsteps:\n" + steps.joined()
    }

    /// git with the built git-tapps first on PATH, as a user who ran scripts/setup has it.
    static var hookEnvironment: [String: String] {
        let directory = URL(fileURLWithPath: TestPaths.executable).deletingLastPathComponent().path
        return ["PATH": directory + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    @Test func aPassingStepLetsTheCommitThrough() throws {
        let repo = try Self.repository(config: Self.config(Self.step("ok", ["true"])))
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        try repo.git(["commit", "-q", "-m", "change"], environment: Self.hookEnvironment)
        #expect(try repo.git("log", "--oneline").split(separator: "\n").count == 2)
    }

    @Test func aFailingStepBlocksTheCommitAndSaysWhy() throws {
        let repo = try Self.repository(config: Self.config(Self.step("no", ["sh", "-c", "echo broken-thing >&2; exit 3"])))
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        let before = try WorkTreeSnapshot(of: repo)
        #expect(throws: ScratchError.self) { try repo.git(["commit", "-q", "-m", "change"], environment: Self.hookEnvironment) }
        #expect(try repo.git("log", "--oneline").split(separator: "\n").count == 1)
        #expect(try WorkTreeSnapshot(of: repo) == before)
        let run = try repo.tapps(["run"])
        #expect(run.status == 1)
        #expect(run.outputText.contains("no") && run.outputText.contains("broken-thing"), "\(run.outputText)")
    }

    @Test func stepsSeeExactlyTheStagedContentAndUnstagedWorkSurvives() throws {
        // The step copies what it sees into an ignored directory.
        let copy = Self.step("look", ["sh", "-c", "mkdir -p .seen && cat src/app.py > .seen/app.py && cat notes.txt > .seen/notes.txt 2>/dev/null; exit 0"])
        let repo = try Self.repository(config: Self.config(copy))
        try repo.write(".gitignore", ".seen/\n")
        try repo.write("notes.txt", "committed notes\n")
        try repo.commitAll("more")
        try repo.write("src/app.py", "x = 2  # staged\n")
        try repo.git("add", "src/app.py")
        try repo.write("src/app.py", "x = 3  # unstaged on top\n")
        try repo.write("notes.txt", "unstaged notes\n")
        try repo.write("scratch.txt", "untracked\n")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(repo.readText(".seen/app.py") == "x = 2  # staged\n")
        #expect(repo.readText(".seen/notes.txt") == "committed notes\n")
        var after = try WorkTreeSnapshot(of: repo)
        after.files = after.files.filter { !$0.key.hasPrefix(".seen") }
        var expected = before
        expected.files = expected.files.filter { !$0.key.hasPrefix(".seen") }
        #expect(after.differences(from: expected).filter { $0 != "<status>" }.isEmpty, "\(after.differences(from: expected))")
    }

    @Test func contractExitCodes() throws {
        let ok = try Self.repository(config: Self.config(Self.step("ok", ["true"])), install: false)
        #expect(try ok.tapps(["run", "--preset", "no-such-preset"]).status == 2)
        #expect(try ok.tapps(["run", "--jobs", "0"]).status == 2)
        #expect(try ok.tapps(["run", "--from-ref", "HEAD"]).status == 2)
        let json = try ok.tapps(["run", "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any]
        #expect(object?["status"] as? String == "passed")
        #expect((object?["steps"] as? [[String: Any]])?.first?["name"] as? String == "ok")
        let bad = try Self.repository(config: "steps: [oops\n", install: false)
        let result = try bad.tapps(["run"])
        #expect(result.status == 2 && result.errorText.contains(".tapps.yaml:"), "\(result.errorText)")
        let outside = try ScratchRepository(initialize: false)
        #expect(try outside.tapps(["run"]).status == 2)
    }

    @Test func skipVariablesSkip() throws {
        let repo = try Self.repository(config: Self.config(Self.step("no", ["false"]), Self.step("ok", ["true"])), install: false)
        #expect(try repo.tapps(["run"]).status == 1)
        let skipped = try repo.tapps(["run", "--format", "json"], environment: ["SKIP": "no"])
        #expect(skipped.status == 0, "\(skipped.outputText)")
        #expect(try repo.tapps(["run"], environment: ["TAPPS_SKIP": "1"]).status == 0)
    }

    @Test func aStepThatRewritesAStagedFileIsReportedAndItsChangeKept() throws {
        let fix = Self.step("fix", ["sh", "-c", "printf 'x = 1\\n' > src/app.py"], phase: "review",
                            extra: "    modifies_files: true\n")
        let repo = try Self.repository(config: "preset: standard\nbuiltins: false\nsteps:\n" + fix, install: false)
        try repo.write("src/app.py", "x   =   1\n")
        try repo.git("add", "src/app.py")
        let run = try repo.tapps(["run"])
        #expect(run.status == 1, "\(run.outputText)")
        #expect(run.outputText.contains("modified"), "\(run.outputText)")
        #expect(repo.readText("src/app.py") == "x = 1\n")
        // Never `git add` without stage_fixed: the index still holds what the user staged.
        #expect(try repo.git("show", ":src/app.py") == "x   =   1\n")
        #expect(try repo.git("diff", "--name-only") == "src/app.py\n")
    }

    /// A repository whose only step signals that it started and then sleeps, with a partially
    /// staged file (`x = 2` staged, `x = 3` unstaged on top).
    static func slowStepRepository() throws -> ScratchRepository {
        let slow = Self.step("slow", ["sh", "-c", "touch .started; sleep 30"])
        let repo = try Self.repository(config: Self.config(slow), install: false)
        try repo.write(".gitignore", ".started\n")
        try repo.commitAll("ignore")
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        try repo.write("src/app.py", "x = 3  # unstaged\n")
        return repo
    }

    @Test func interruptRestoresEverythingAndExits130() throws {
        let repo = try Self.slowStepRepository()
        let before = try WorkTreeSnapshot(of: repo)
        let process = try SignalTarget.launch(repo: repo, arguments: ["run"])
        try SignalTarget.waitFor(repo.path(".started"))
        #expect(repo.readText("src/app.py") == "x = 2\n", "the step must see the staged content")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        var after = try WorkTreeSnapshot(of: repo)
        after.files[".started"] = before.files[".started"]
        #expect(after.differences(from: before).filter { $0 != "<status>" }.isEmpty, "\(after.differences(from: before))")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
    }

    @Test func killNineThenRecoverRestoresEveryByte() throws {
        let repo = try Self.slowStepRepository()
        try repo.write("README.md", bytes: [0xff, 0xfe, 0x00, 0x0d, 0x0a])
        let before = try WorkTreeSnapshot(of: repo)
        let process = try SignalTarget.launch(repo: repo, arguments: ["run"])
        try SignalTarget.waitFor(repo.path(".started"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(repo.readText("src/app.py") == "x = 2\n", "killed mid-step: the staged content is still out")
        #expect(try !repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
        let recover = try repo.tapps(["recover"])
        #expect(recover.status == 0, "\(recover.errorText)")
        var after = try WorkTreeSnapshot(of: repo)
        after.files[".started"] = before.files[".started"]
        #expect(after.differences(from: before).filter { $0 != "<status>" }.isEmpty, "\(after.differences(from: before))")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
    }
}

extension RunCommandTests {
    @Test func theNextRunRestoresALeftoverBackupItselfAndSaysSo() throws {
        let repo = try Self.slowStepRepository()
        let process = try SignalTarget.launch(repo: repo, arguments: ["run"])
        try SignalTarget.waitFor(repo.path(".started"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try repo.write(".tapps.yaml", Self.config(Self.step("ok", ["true"])))
        try repo.git("add", ".tapps.yaml")
        let run = try repo.tapps(["run"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(run.outputText.contains("restored unstaged work left by a killed run"), "\(run.outputText)")
        #expect(repo.readText("src/app.py") == "x = 3  # unstaged\n")
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
    }
}

extension RunCommandTests {
    @Test(arguments: [
        ("timeout", #"sleep 30"#, "    timeout: 1\n", "timed_out"),
        ("crash", #"kill -SEGV $$"#, "", "failed"),
    ])
    func aTimedOutOrCrashingStepStillRestoresEveryByte(name: String, script: String, extra: String, status: String) throws {
        let step = Self.step(name, ["sh", "-c", script], extra: extra)
        let repo = try Self.repository(config: Self.config(step), install: false)
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        try repo.write("src/app.py", "x = 3  # unstaged\n")
        try repo.write("README.md", bytes: [0xfe, 0x00, 0x0d, 0x0a])
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run", "--format", "json"])
        #expect(run.status == 1, "\(run.outputText)")
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any]
        let steps = json?["steps"] as? [[String: Any]] ?? []
        #expect(steps.first?["status"] as? String == status, "\(steps)")
        #expect(try WorkTreeSnapshot(of: repo) == before)
        #expect(try repo.git("for-each-ref", "refs/tapps/backup/").isEmpty)
    }
}

extension RunCommandTests {
    @Test func aConfiguredStepsLocatedMessagesBecomeFindings() throws {
        let lint = "  - name: lint\n    phase: test\n    command: [\"sh\", \"-c\", \"for f; do echo \\\"$f:2:5: E999 something is off\\\"; done; echo Found errors; exit 1\", \"lint\"]\n"
        let repo = try Self.repository(config: Self.config(lint), install: false)
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        let run = try repo.tapps(["run", "--format", "json"])
        #expect(run.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any]
        let findings = (json?["steps"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == 1, "\(run.outputText)")
        #expect(findings.first?["file"] as? String == "src/app.py" && findings.first?["line"] as? Int == 2)
        #expect(findings.first?["code"] as? String == "E999" && findings.first?["message"] as? String == "something is off")
        let text = try repo.tapps(["run"])
        #expect(text.outputText.contains("  src/app.py\n    2:5 error: something is off [E999]"), "\(text.outputText)")
    }
}

/// Starts git-tapps in the background so a test can signal it.
enum SignalTarget {
    static func launch(repo: ScratchRepository, arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repo.root)
        process.environment = ScratchRepository.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func waitFor(_ path: String, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: path) {
            if Date() > deadline { throw ScratchError.command("timed out waiting for \(path)") }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
