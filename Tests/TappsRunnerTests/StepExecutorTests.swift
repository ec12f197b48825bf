import Foundation
import Testing
@testable import TappsRunner
import TappsCore
import TestSupport

@Suite struct StepExecutorTests {
    let executor = StepExecutor(outputLimit: 1 << 20, terminationGrace: .milliseconds(300), argumentLimit: nil)

    @Test func passingStepPassesAndCapturesBothStreams() async throws {
        let repo = try ScratchRepository()
        let result = await executor.run(StepFixture.shell("ok", "echo to-stdout; echo to-stderr >&2"),
                                        in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        #expect(result.exitCode == 0)
        #expect(result.output.contains("to-stdout"))
        #expect(result.output.contains("to-stderr"))
        #expect(result.note == nil)
    }

    @Test func failingStepReportsItsExitCodeAndOutput() async throws {
        let repo = try ScratchRepository()
        let result = await executor.run(StepFixture.shell("bad", "echo something broke; exit 3"),
                                        in: StepFixture.environment(repo))
        #expect(result.status == .failed)
        #expect(result.exitCode == 3)
        #expect(result.output == "something broke\n")
        #expect(result.status.failsRun)
    }

    @Test func stepSeesItsEnvironmentRootAndFiles() async throws {
        let repo = try ScratchRepository()
        let script = #"printf '%s\n' "$TAPPS_REPO_ROOT" "$TAPPS_RUN_ID" "$TAPPS_TOKEN_REPORT" "$(pwd -P)" "$@" > seen.txt"#
        let step = StepFixture.shell("env", script, files: [RepoPath("src/a.py"), RepoPath("b c.txt")])
        let environment = StepFixture.environment(repo)
        let result = await executor.run(step, in: environment)
        #expect(result.status == .passed)
        #expect(result.fileCount == 2)
        let lines = try #require(repo.readText("seen.txt")).split(separator: "\n", omittingEmptySubsequences: false)
        let physicalRoot = URL(fileURLWithPath: repo.root).resolvingSymlinksInPath().path
        #expect(lines[0] == repo.root)
        #expect(lines[1] == "run-test-1")
        #expect(lines[2] == environment.stepFile("env", "tokens"))
        #expect(lines[3] == physicalRoot)
        #expect(lines[4] == "src/a.py")
        #expect(lines[5] == "b c.txt")
    }

    @Test func aStepThatNeedsNoScratchDirectoryGetsNone() async throws {
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo)
        let script = "if [ -d '\(environment.tokenReportDirectory)' ]; then echo made; else echo none; fi > seen.txt; echo said"
        let result = await executor.run(StepFixture.shell("plain", script), in: environment)
        #expect(result.status == .passed)
        #expect(result.output == "said\n")
        #expect(repo.readText("seen.txt") == "none\n")
        #expect(environment.stepFile("plain", "output").hasPrefix(repo.root + "/.git/tapps/runs/run-test-1."))
        #expect(!FileManager.default.fileExists(atPath: environment.stepFile("plain", "output")))
    }

    @Test func fileNamesReachTheStepByteForByte() async throws {
        let repo = try ScratchRepository()
        let raw: [UInt8] = [0x66, 0xff, 0x0a, 0x2e, 0x70, 0x79]  // "f", an invalid byte, a newline, ".py"
        let step = StepFixture.shell("raw", #"printf '%s' "$1" > arg.bin"#, files: [RepoPath(bytes: raw)])
        let result = await executor.run(step, in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        #expect(repo.read("arg.bin") == raw)
    }

    @Test func tokenReportIsReadAndRemoved() async throws {
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo)
        let step = StepFixture.shell("tokens", #"echo ' 1234 ' > "$TAPPS_TOKEN_REPORT""#)
        let result = await executor.run(step, in: environment)
        #expect(result.tokensReported == 1234)
        #expect(!FileManager.default.fileExists(atPath: environment.stepFile("tokens", "tokens")))

        let silent = await executor.run(StepFixture.shell("quiet", "true"), in: environment)
        #expect(silent.tokensReported == nil)
        let garbage = await executor.run(StepFixture.shell("garbage", #"echo lots > "$TAPPS_TOKEN_REPORT""#), in: environment)
        #expect(garbage.tokensReported == nil)
    }

    @Test func manyLongFileNamesAreSplitIntoSeveralInvocations() async throws {
        let repo = try ScratchRepository()
        let files = (0..<3000).map { RepoPath("dir/" + String(repeating: "n", count: 120) + "-\($0).py") }
        let script = #"echo $# >> counts.txt; printf '%s\n' "$@" >> args.txt; echo 7 > "$TAPPS_TOKEN_REPORT""#
        let result = await executor.run(StepFixture.shell("many", script, files: files), in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        #expect(result.fileCount == 3000)
        let counts = try #require(repo.readText("counts.txt")).split(separator: "\n").compactMap { Int($0) }
        #expect(counts.count >= 3)
        #expect(counts.reduce(0, +) == 3000)
        let arguments = try #require(repo.readText("args.txt")).split(separator: "\n").map(String.init)
        #expect(arguments == files.map(\.string))
        #expect(result.tokensReported == 7 * counts.count)
    }

    @Test func chunksRespectTheLimit() {
        let files = (0..<50).map { _ in [UInt8](repeating: 0x61, count: 91) }  // 100 bytes each with NUL and pointer
        let chunks = ArgumentChunker.chunks(fixed: [[UInt8](repeating: 0x62, count: 91)], files: files, limit: 1000)
        #expect(chunks.map(\.count) == Array(repeating: 9, count: 5) + [5])
        #expect(ArgumentChunker.chunks(fixed: [], files: [], limit: 10) == [[]])
        let huge = [[UInt8](repeating: 0x61, count: 5000)]
        #expect(ArgumentChunker.chunks(fixed: [], files: huge + huge, limit: 1000).count == 2)
    }

    @Test func outputIsCappedKeepingTheEnd() async throws {
        let repo = try ScratchRepository()
        let script = "head -c 3000000 /dev/zero | tr '\\0' 'x'; echo; echo THE-END"
        let result = await StepExecutor().run(StepFixture.shell("loud", script), in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        #expect(result.output.utf8.count <= (1 << 20) + 100)
        #expect(result.output.hasPrefix("[… "))
        #expect(result.output.contains("earlier bytes of output omitted"))
        #expect(result.output.hasSuffix("THE-END\n"))
    }

    @Test func commandNotFoundIsAnErrorWithANote() async throws {
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo)
        let missing = PlannedStep(config: StepConfig(name: "ghost", phase: .review, command: ["tapps-no-such-tool-xyz"]),
                                  files: [RepoPath("a.py")])
        let result = await executor.run(missing, in: environment)
        #expect(result.status == .error)
        #expect(result.note == "command not found on PATH: tapps-no-such-tool-xyz")

        let relative = PlannedStep(config: StepConfig(name: "script", phase: .review, command: ["scripts/check.sh"]),
                                   files: [])
        let second = await executor.run(relative, in: environment)
        #expect(second.status == .error)
        #expect(second.note == "command not found: \(repo.root)/scripts/check.sh")
    }

    @Test func relativeCommandRunsTheRepositoryScript() async throws {
        let repo = try ScratchRepository()
        try repo.write("scripts/check.sh", "#!/bin/sh\necho checked \"$@\"\n")
        chmod(repo.path("scripts/check.sh"), 0o755)
        let step = PlannedStep(config: StepConfig(name: "script", phase: .review, command: ["scripts/check.sh", "-v"]),
                               files: [RepoPath("x.py")])
        let result = await executor.run(step, in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        #expect(result.output == "checked -v x.py\n")
    }

    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let repo = try ScratchRepository()
        // The shell ignores SIGTERM, so only the SIGKILL that follows ends it; its background child must die too.
        let script = "trap '' TERM; echo $$ > leader.pid; sleep 60 & echo $! > child.pid; wait; wait"
        let result = await executor.run(StepFixture.shell("slow", script, timeout: 1), in: StepFixture.environment(repo))
        #expect(result.status == .timedOut)
        #expect(result.note == "timed out after 1 s; its process group was killed")
        let leader = try #require(StepFixture.pid(in: repo, "leader.pid"))
        let child = try #require(StepFixture.pid(in: repo, "child.pid"))
        #expect(await StepFixture.waitUntil { StepProcessProbe.isGone(child) })
        #expect(await StepFixture.waitUntil { StepProcessProbe.liveMembers(ofGroup: leader).isEmpty })
    }

    @Test func backgroundChildrenDoNotOutliveAStep() async throws {
        let repo = try ScratchRepository()
        let result = await executor.run(StepFixture.shell("leaky", "sleep 60 & echo $! > child.pid; exit 0"),
                                        in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        let child = try #require(StepFixture.pid(in: repo, "child.pid"))
        #expect(await StepFixture.waitUntil { StepProcessProbe.isGone(child) })
    }

    @Test func cancellationInterruptsAndKillsTheGroup() async throws {
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo)
        let step = StepFixture.shell("long", "echo $$ > leader.pid; sleep 60 & echo $! > child.pid; wait")
        let executor = self.executor
        let task = Task { await executor.run(step, in: environment) }
        #expect(await StepFixture.waitUntil { StepFixture.pid(in: repo, "child.pid") != nil })
        task.cancel()
        let result = await task.value
        #expect(result.status == .interrupted)
        let leader = try #require(StepFixture.pid(in: repo, "leader.pid"))
        let child = try #require(StepFixture.pid(in: repo, "child.pid"))
        #expect(await StepFixture.waitUntil { StepProcessProbe.isGone(child) })
        #expect(await StepFixture.waitUntil { StepProcessProbe.liveMembers(ofGroup: leader).isEmpty })
    }

    @Test func stepsRunInTheirOwnProcessGroup() async throws {
        let repo = try ScratchRepository()
        let result = await executor.run(StepFixture.shell("group", "ps -o pgid= -p $$ > pgid.txt; echo $$ > leader.pid"),
                                        in: StepFixture.environment(repo))
        #expect(result.status == .passed)
        let group = try #require(repo.readText("pgid.txt")).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int32(group) == StepFixture.pid(in: repo, "leader.pid"))
        #expect(Int32(group) != getpgrp())
    }

    @Test func signalledStepFails() async throws {
        let repo = try ScratchRepository()
        let result = await executor.run(StepFixture.shell("crash", "kill -SEGV $$"), in: StepFixture.environment(repo))
        #expect(result.status == .failed)
        #expect(result.exitCode == 128 + SIGSEGV)
        #expect(result.note == "killed by signal \(SIGSEGV)")
    }

    @Test func fileNamesForOutputAreSafe() {
        #expect(StepExecutor.fileName(for: "lint") == "lint")
        #expect(StepExecutor.fileName(for: "../x/y") == "_.._x_y")
        #expect(StepExecutor.fileName(for: ".hidden") == "_.hidden")
        #expect(StepExecutor.fileName(for: "naïve") == "na_ve")
    }
}
