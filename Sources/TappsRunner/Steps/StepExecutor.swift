import TappsCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        func finish(_ status: StepStatus, note: String?) -> StepOutcome {
            result.status = status
            result.note = note
            result.duration = Self.seconds(clock.now - started)
            return StepOutcome(result: result)
        }

        let program: String
        let fixedArguments: [String]
        var extraVariables: [String: String] = [:]
        let files: [[UInt8]]
        var cacheGuard: MypyCacheGuard?
        if let builtin = step.builtin {
            guard let invocation = builtin.invocation(in: environment, files: step.files) else {
                return finish(.skipped, note: "\(builtin.rawValue) not found (looked in .venv/bin, venv/bin and PATH)")
            }
            program = invocation.program
            fixedArguments = invocation.arguments
            extraVariables = invocation.environment
            cacheGuard = invocation.cacheGuard
            files = step.files.map(BuiltinStep.argument(for:))
        } else {
            guard let first = step.config.command.first, !first.isEmpty else {
                return finish(.error, note: "the step has an empty command")
            }
            // A relative path like `scripts/check.sh` means the file in the repository, not a lookup on PATH.
            program = first.hasPrefix("/") || !first.contains("/") ? first : environment.root + "/" + first
            fixedArguments = Array(step.config.command.dropFirst())
            files = step.config.passFilenames ? step.files.map(\.bytes) : []
        }

        let directory = environment.tokenReportDirectory
        if let problem = StepFileSystem.createDirectories(directory) {
            return finish(.error, note: "cannot create \(directory): \(problem)")
        }
        let base = directory + "/" + Self.fileName(for: step.name)
        let tokenPath = base + ".tokens", outputPath = base + ".output"
        unlink(tokenPath)
        unlink(outputPath)
        defer { unlink(tokenPath); unlink(outputPath) }

        let variables = environment.variables(tokenReport: tokenPath, extra: extraVariables)
        let fixed = ([program] + fixedArguments).map { Array($0.utf8) }
        let chunks = ArgumentChunker.chunks(fixed: fixed, files: files,
                                            limit: argumentLimit ?? ArgumentChunker.limit(environment: variables))
        let deadline = step.config.timeout.map { started + .seconds($0) }
        var ends: [ProcessEnd] = []
        var tokens: Int?
        for chunk in chunks {
            if Task.isCancelled { ends.append(.interrupted); break }
            var timeout: Duration?
            if let deadline {
                let remaining = deadline - clock.now
                if remaining <= .zero { ends.append(.timedOut); break }
                timeout = remaining
            }
            let end = await GroupProcess.run(ProcessInvocation(
                program: program, arguments: Array(fixed.dropFirst()) + chunk, environment: variables,
                workingDirectory: environment.root, outputPath: outputPath, timeout: timeout,
                terminationGrace: terminationGrace))
            ends.append(end)
            if let reported = TokenReport.read(tokenPath) { tokens = (tokens ?? 0) + reported }
            unlink(tokenPath)
            switch end {
            case .exited, .signalled: continue
            case .timedOut, .interrupted, .notFound, .couldNotStart: break
            }
            break
        }
        if ends.contains(where: { if case .exited = $0 { true } else { false } }) { cacheGuard?.save() }
        result.output = OutputTail.read(outputPath, limit: outputLimit)
        result.tokensReported = tokens

        var outcome = judge(ends, step: step, program: program)
        outcome.result.duration = Self.seconds(clock.now - started)
        return outcome

        func judge(_ ends: [ProcessEnd], step: PlannedStep, program: String) -> StepOutcome {
            var exitCodes: [Int32] = []
            var signal: Int32?
            for end in ends {
                switch end {
                case .exited(let code): exitCodes.append(code)
                case .signalled(let number):
                    exitCodes.append(128 + number)
                    signal = signal ?? number
                case .interrupted:
                    return finish(.interrupted, note: "interrupted; the step's processes were stopped")
                case .timedOut:
                    let limit = step.config.timeout.map(Self.describe(seconds:)) ?? "its time limit"
                    result.exitCode = exitCodes.last
                    return finish(.timedOut, note: "timed out after \(limit); its process group was killed")
                case .notFound where step.builtin != nil:
                    // A tool whose script points at an interpreter that is gone (a stale virtualenv).
                    return finish(.skipped, note: "\(step.name) could not be started: \(program) (is its Python missing?)")
                case .notFound:
                    let place = program.contains("/") ? "" : " on PATH"
                    return finish(.error, note: "command not found\(place): \(program)")
                case .couldNotStart(let reason, let shortage):
                    var outcome = finish(.error, note: "could not start \(program): \(reason)")
                    if shortage { outcome.resourceShortage = reason }
                    return outcome
                }
            }
            if let builtin = step.builtin, exitCodes.contains(127) {
                // What a shell or a pyenv shim says when the tool is not installed for the active Python.
                result.exitCode = 127
                return finish(.skipped, note: "\(builtin.rawValue) not found (\(program) exited with code 127)")
            }
            let verdict = step.builtin?.verdict(exitCodes: exitCodes, output: result.output, files: step.files)
                ?? StepVerdict.command(exitCodes: exitCodes, signal: signal)
            result.exitCode = verdict.exitCode
            result.findings = verdict.findings
            return finish(verdict.status, note: verdict.note)
        }
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

    static func describe(seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e9 ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
