import Foundation
import Testing
@testable import TappsRunner
import TappsCore
import TestSupport

/// Collects progress events from any task.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [String] = []

    func record(_ event: StepProgress) {
        lock.withLock {
            switch event {
            case .started(let step): events.append("start \(step.name)")
            case .finished(let result): events.append("finish \(result.name) \(result.status.rawValue)")
            }
        }
    }

    var all: [String] { lock.withLock { events } }
}

@Suite struct SchedulerTests {
    let executor = StepExecutor(outputLimit: 1 << 20, terminationGrace: .milliseconds(300), argumentLimit: nil)

    /// A step that appends "start NAME" and "end NAME" to log.txt around `body`.
    func logged(_ name: String, _ phase: Phase, _ body: String = "true", modifiesFiles: Bool = false) -> PlannedStep {
        StepFixture.shell(name, phase: phase, "echo start \(name) >> log.txt; \(body); echo end \(name) >> log.txt",
                          timeout: 30, modifiesFiles: modifiesFiles)
    }

    /// A step that only passes when `other` starts while it is still running: proof that the two overlapped.
    func rendezvous(_ name: String, _ phase: Phase, with other: String) -> PlannedStep {
        let wait = "i=0; while [ ! -e \(other).started ]; do i=$((i+1)); [ $i -gt 400 ] && exit 1; sleep 0.05; done"
        return StepFixture.shell(name, phase: phase, "touch \(name).started; \(wait); touch \(name).done", timeout: 60)
    }

    fileprivate func run(_ scheduler: PhaseScheduler, _ steps: [PlannedStep], _ repo: ScratchRepository, progress: ProgressLog = ProgressLog(),
             changed: @escaping @Sendable (PlannedStep) -> [RepoPath] = { _ in [] }) async -> [StepResult] {
        await scheduler.run(steps, in: StepFixture.environment(repo), afterModifyingStep: { changed($0) },
                            onProgress: { progress.record($0) })
    }

    @Test func resultsComeInPhaseThenConfigurationOrder() async throws {
        let repo = try ScratchRepository()
        let steps = [logged("d1", .docs), logged("s1", .security), logged("t1", .test), logged("r1", .review),
                     logged("t2", .test), logged("r2", .review)]
        let results = await run(PhaseScheduler(jobs: 4, executor: executor), steps, repo)
        #expect(results.map(\.name) == ["r1", "r2", "t1", "t2", "s1", "d1"])
        #expect(results.allSatisfy { $0.status == .passed })
    }

    @Test func reviewAndTestRunTogetherThenSecurityAndDocs() async throws {
        let repo = try ScratchRepository()
        let steps = [
            rendezvous("review", .review, with: "test"), rendezvous("test", .test, with: "review"),
            // Wave 1 starts only after wave 0 has finished, and its two steps overlap too.
            StepFixture.shell("security", phase: .security,
                              "[ -e review.done ] && [ -e test.done ] && touch security.started && "
                              + "i=0; while [ ! -e docs.started ]; do i=$((i+1)); [ $i -gt 400 ] && exit 1; sleep 0.05; done",
                              timeout: 60),
            StepFixture.shell("docs", phase: .docs,
                              "[ -e review.done ] && [ -e test.done ] && touch docs.started && "
                              + "i=0; while [ ! -e security.started ]; do i=$((i+1)); [ $i -gt 400 ] && exit 1; sleep 0.05; done",
                              timeout: 60),
        ]
        let results = await run(PhaseScheduler(jobs: 2, executor: executor), steps, repo)
        #expect(results.map(\.status) == [.passed, .passed, .passed, .passed], "\(results.map(\.output))")
    }

    @Test func oneJobRunsStepsOneAfterAnother() async throws {
        let repo = try ScratchRepository()
        let steps = [logged("a", .review, "sleep 0.2"), logged("b", .test, "sleep 0.2"), logged("c", .test)]
        let results = await run(PhaseScheduler(jobs: 1, executor: executor), steps, repo)
        #expect(results.allSatisfy { $0.status == .passed })
        #expect(repo.readText("log.txt") == "start a\nend a\nstart b\nend b\nstart c\nend c\n")
    }

    @Test func atMostJobsStepsRunAtOnce() async throws {
        let repo = try ScratchRepository()
        // Each step records how many are running (marker files) when it starts.
        let body = "touch $0.running; ls *.running | wc -l >> counts.txt; sleep 0.3; rm $0.running"
        let steps = (1...5).map { StepFixture.shell("s\($0)", phase: .review, body, timeout: 30) }
        let results = await run(PhaseScheduler(jobs: 2, executor: executor), steps, repo)
        #expect(results.allSatisfy { $0.status == .passed })
        let counts = try #require(repo.readText("counts.txt")).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(counts.count == 5)
        #expect(counts.allSatisfy { $0 <= 2 })
    }

    @Test func modifyingStepsRunFirstAndAlone() async throws {
        let repo = try ScratchRepository()
        let steps = [logged("check", .review, "sleep 0.1"), logged("test", .test),
                     logged("fmt", .docs, "sleep 0.2", modifiesFiles: true),
                     logged("fix", .review, "exit 1", modifiesFiles: true)]
        let progress = ProgressLog()
        let results = await run(PhaseScheduler(jobs: 4, executor: executor), steps, repo, progress: progress) { step in
            step.name == "fmt" ? [RepoPath("a.py")] : step.name == "fix" ? [RepoPath("b.py")] : []
        }
        let log = try #require(repo.readText("log.txt")).split(separator: "\n").map(String.init)
        #expect(Array(log.prefix(3)) == ["start fix", "start fmt", "end fmt"])  // "fix" exits before its end line
        #expect(results.map(\.name) == ["check", "fix", "test", "fmt"])
        let fmt = try #require(results.first { $0.name == "fmt" })
        #expect(fmt.status == .modified && fmt.modifiedFiles == [RepoPath("a.py")])
        #expect(fmt.status.failsRun)
        let fix = try #require(results.first { $0.name == "fix" })
        #expect(fix.status == .failed && fix.modifiedFiles == [RepoPath("b.py")])
        #expect(results.first { $0.name == "check" }?.modifiedFiles == [])
        #expect(Array(progress.all.prefix(4)) == ["start fix", "finish fix failed", "start fmt", "finish fmt modified"])
    }

    @Test func passingModifierWithoutChangesPasses() async throws {
        let repo = try ScratchRepository()
        let results = await run(PhaseScheduler(jobs: 2, executor: executor), [logged("fmt", .review, modifiesFiles: true)], repo)
        #expect(results.map(\.status) == [.passed])
    }

    @Test func parallelStartFailureIsRerunSequentially() async throws {
        let repo = try ScratchRepository()
        let attempts = AttemptCounter()
        let scheduler = PhaseScheduler(jobs: 3) { step, _ in
            let attempt = attempts.next(step.name)
            if step.name == "flaky" && attempt == 1 {
                return StepOutcome(result: StepResult(name: step.name, phase: step.phase, status: .error,
                                                      note: "could not start"),
                                   resourceShortage: "Resource temporarily unavailable")
            }
            return StepOutcome(result: StepResult(name: step.name, phase: step.phase, status: .passed))
        }
        let steps = [logged("a", .review), logged("flaky", .review), logged("b", .test)]
        let progress = ProgressLog()
        let results = await run(scheduler, steps, repo, progress: progress)
        #expect(results.map(\.name) == ["a", "flaky", "b"])
        #expect(results.map(\.status) == [.passed, .passed, .passed])
        #expect(results[1].note == "rerun alone after it could not be started beside other steps (Resource temporarily unavailable)")
        #expect(results[0].note == nil)
        #expect(attempts.count("flaky") == 2 && attempts.count("a") == 1 && attempts.count("b") == 1)
        #expect(progress.all.filter { $0.hasPrefix("finish flaky") } == ["finish flaky passed"])
    }

    @Test func singleJobDoesNotRetryAShortage() async throws {
        let repo = try ScratchRepository()
        let attempts = AttemptCounter()
        let scheduler = PhaseScheduler(jobs: 1) { step, _ in
            _ = attempts.next(step.name)
            return StepOutcome(result: StepResult(name: step.name, phase: step.phase, status: .error, note: "no fds"),
                               resourceShortage: "Too many open files")
        }
        let results = await run(scheduler, [logged("a", .review), logged("b", .test)], repo)
        #expect(results.map(\.status) == [.error, .error])
        #expect(attempts.count("a") == 1)
    }

    @Test func cancellationInterruptsTheRunningStepAndSkipsTheRest() async throws {
        let repo = try ScratchRepository()
        let environment = StepFixture.environment(repo)
        let steps = [StepFixture.shell("long", phase: .review, "echo $$ > leader.pid; sleep 60 & wait", timeout: 120),
                     logged("later", .test), logged("last", .security)]
        let scheduler = PhaseScheduler(jobs: 1, executor: executor)
        let task = Task {
            await scheduler.run(steps, in: environment, afterModifyingStep: { _ in [] }, onProgress: { _ in })
        }
        #expect(await StepFixture.waitUntil { StepFixture.pid(in: repo, "leader.pid") != nil })
        task.cancel()
        let results = await task.value
        #expect(results.map(\.name) == ["long", "later", "last"])
        #expect(results.map(\.status) == [.interrupted, .interrupted, .interrupted])
        #expect(results[1].note == "not started: the run was interrupted")
        #expect(repo.readText("log.txt") == nil)
        let leader = try #require(StepFixture.pid(in: repo, "leader.pid"))
        #expect(await StepFixture.waitUntil { StepProcessProbe.liveMembers(ofGroup: leader).isEmpty })
    }
}

/// Counts how often each step was launched.
private final class AttemptCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func next(_ name: String) -> Int {
        lock.withLock {
            counts[name, default: 0] += 1
            return counts[name, default: 0]
        }
    }

    func count(_ name: String) -> Int { lock.withLock { counts[name, default: 0] } }
}
