import TappsCore
import TappsSystem

/// A step's result, plus whether it failed to start for lack of system resources (worth retrying alone).
struct StepOutcome: Sendable {
    var result: StepResult
    /// Set when starting a process failed with EAGAIN, EMFILE, ENFILE or ENOMEM.
    var resourceShortage: String?
}

/// Runs one step: its command (or built-in tool) from the repository root, in its own process group.
public struct StepExecutor: Sendable {
    /// Bytes of output kept per step (the end is kept).
    var outputLimit: Int
    /// Time between SIGTERM and SIGKILL when a step is stopped.
    var terminationGrace: Duration
    /// Bytes of arguments per invocation; nil: derived from the system's `ARG_MAX`.
    var argumentLimit: Int?

    public init() {
        self.init(outputLimit: 1 << 20, terminationGrace: .seconds(3), argumentLimit: nil)
    }

    init(outputLimit: Int, terminationGrace: Duration, argumentLimit: Int?) {
        self.outputLimit = outputLimit
        self.terminationGrace = terminationGrace
        self.argumentLimit = argumentLimit
    }

    /// Runs one step from `root` with the files appended (split into several invocations when they would exceed
    /// the argument-size limit; results merged), with `TAPPS_REPO_ROOT`, `TAPPS_RUN_ID` and `TAPPS_TOKEN_REPORT`
    /// set. Output is captured (capped, keeping the end). On timeout the step's whole process group gets SIGTERM,
    /// then SIGKILL (`.timedOut`); cancelling the calling task does the same (`.interrupted`). A command that cannot
    /// be found is an `.error` with a note; a missing built-in tool is `.skipped`.
    public func run(_ step: PlannedStep, in environment: StepEnvironment) async -> StepResult {
        await execute(step, in: environment).result
    }

    func execute(_ step: PlannedStep, in environment: StepEnvironment) async -> StepOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        var result = StepResult(name: step.name, phase: step.phase, status: .passed, fileCount: step.files.count)
        func finish(_ verdict: StepVerdict, resourceShortage: String? = nil) -> StepOutcome {
            result.status = verdict.status
            result.exitCode = verdict.exitCode
            result.findings = verdict.findings
            result.note = verdict.note
            if let selection = step.selectionNote, verdict.status != .skipped || verdict.note == nil {
                result.note = result.note.map { "\($0) (\(selection))" } ?? selection
            }
            result.duration = Self.seconds(clock.now - started)
            return StepOutcome(result: result, resourceShortage: resourceShortage)
        }

        let command: StepCommand
        switch StepCommand.resolve(step, in: environment) {
        case .run(let resolved): command = resolved
        case .done(let verdict): return finish(verdict)
        }
        for directory in [environment.stepFileDirectory] + (command.reportFile == nil ? [] : [environment.tokenReportDirectory]) {
            if let problem = StepFileSystem.createDirectories(directory) {
                return finish(StepVerdict(status: .error, note: "cannot create \(directory): \(problem)"))
            }
        }
        let tokenPath = environment.stepFile(step.name, "tokens"), outputPath = environment.stepFile(step.name, "output")
        FileSystem.removeIfPresent(tokenPath)
        FileSystem.removeIfPresent(outputPath)
        defer { FileSystem.removeIfPresent(tokenPath); FileSystem.removeIfPresent(outputPath) }

        let variables = environment.variables(tokenReport: tokenPath, extra: command.environment)
        let fixed = ([command.program] + command.arguments).map { Array($0.utf8) }
        let chunks = ArgumentChunker.chunks(fixed: fixed, files: command.files,
                                            limit: argumentLimit ?? ArgumentChunker.limit(environment: variables))
        let deadline = step.config.timeout.map { started + .seconds($0) }
        var ends: [ProcessEnd] = []
        var tokens: Int?
        var reports: [String] = []
        if let report = command.reportFile { FileSystem.removeIfPresent(report) }
        defer { if let report = command.reportFile { FileSystem.removeIfPresent(report) } }
        for chunk in chunks {
            if Task.isCancelled { ends.append(.interrupted); break }
            var timeout: Duration?
            if let deadline {
                let remaining = deadline - clock.now
                if remaining <= .zero { ends.append(.timedOut); break }
                timeout = remaining
            }
            let end = await GroupProcess.run(ProcessInvocation(
                program: command.program, arguments: Array(fixed.dropFirst()) + chunk, environment: variables,
                workingDirectory: environment.root, outputPath: outputPath, timeout: timeout,
                terminationGrace: terminationGrace))
            ends.append(end)
            if let reported = TokenReport.read(tokenPath) { tokens = (tokens ?? 0) + reported }
            FileSystem.removeIfPresent(tokenPath)
            if let report = command.reportFile, let bytes = FileBytes.read(report) {
                reports.append(String(decoding: bytes, as: UTF8.self))
                FileSystem.removeIfPresent(report)
            }
            guard end.ran else { break }
        }
        if ends.contains(where: { if case .exited = $0 { true } else { false } }) { command.cacheGuard?.save() }
        result.output = OutputTail.read(outputPath, limit: outputLimit)
        result.tokensReported = tokens
        if step.coverage != nil, result.output.contains(PytestCoverage.missingPlugin) {
            // Without pytest-cov the tests still run; the report says coverage went unchecked.
            var plain = step
            plain.coverage = nil
            var outcome = await execute(plain, in: environment)
            let note = "coverage not checked: pytest-cov is not installed"
            outcome.result.note = outcome.result.note.map { $0 + "; " + note } ?? note
            return outcome
        }
        var (verdict, shortage) = StepVerdict.judge(ends, step: step, program: command.program, output: result.output,
                                                  reports: reports, root: environment.root)
        if let check = step.check { // built-in toolchain checks: their own output formats
            verdict = ToolchainVerdicts.refine(verdict, check: check, output: result.output, files: step.files, root: environment.root)
        }
        return finish(verdict, resourceShortage: shortage)
    }

    /// A step name as a file name (names come from configuration and may hold any character but ',' and spaces).
    static func fileName(for name: String) -> String {
        let safe = name.unicodeScalars.map { scalar -> String in
            scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "._-".unicodeScalars.contains(scalar))
                ? String(scalar) : "_"
        }.joined()
        return safe.hasPrefix(".") ? "_" + safe : safe
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
