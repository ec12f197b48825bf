import TappsCore

/// How a step's finished processes are judged: its status, exit code, findings and an optional note.
struct StepVerdict: Sendable, Equatable {
    var status: StepStatus
    var exitCode: Int32?
    var findings: [Finding] = []
    var note: String?

    /// A configured command: passed when every invocation exited 0, otherwise failed with the first other code.
    static func command(exitCodes: [Int32], signal: Int32?) -> StepVerdict {
        guard let failing = exitCodes.first(where: { $0 != 0 }) else { return StepVerdict(status: .passed, exitCode: 0) }
        return StepVerdict(status: .failed, exitCode: failing, note: signal.map { "killed by signal \($0)" })
    }

    /// Judges a step from how its invocations ended and what it printed; also returns the reason when a process
    /// could not be started for lack of system resources.
    static func judge(_ ends: [ProcessEnd], step: PlannedStep, program: String, output: String,
                      reports: [String] = [], root: String = "") -> (StepVerdict, resourceShortage: String?) {
        var exitCodes: [Int32] = []
        var signal: Int32?
        for end in ends {
            switch end {
            case .exited(let code): exitCodes.append(code)
            case .signalled(let number):
                exitCodes.append(128 + number)
                signal = signal ?? number
            case .interrupted:
                return (StepVerdict(status: .interrupted, note: "interrupted; the step's processes were stopped"), nil)
            case .timedOut:
                let limit = step.config.timeout.map(describe(seconds:)) ?? "its time limit"
                return (StepVerdict(status: .timedOut, exitCode: exitCodes.last,
                                    note: "timed out after \(limit); its process group was killed"), nil)
            case .notFound where step.builtin != nil:
                // A tool whose script points at an interpreter that is gone (a stale virtualenv).
                return (StepVerdict(status: .skipped,
                                    note: "\(step.name) could not be started: \(program) (is its Python missing?)"), nil)
            case .notFound:
                let place = program.contains("/") ? "" : " on PATH"
                return (StepVerdict(status: .error, note: "command not found\(place): \(program)"), nil)
            case .couldNotStart(let reason, let shortage):
                return (StepVerdict(status: .error, note: "could not start \(program): \(reason)"), shortage ? reason : nil)
            }
        }
        guard let builtin = step.builtin else {
            var verdict = command(exitCodes: exitCodes, signal: signal)
            if verdict.status == .failed { verdict.findings = LocatedMessages.findings(in: output, files: step.files, root: root) }
            return (verdict, nil)
        }
        if exitCodes.contains(127) {
            // What a shell or a pyenv shim says when the tool is not installed for the active Python.
            return (StepVerdict(status: .skipped, exitCode: 127,
                                note: "\(builtin.rawValue) not found (\(program) exited with code 127)"), nil)
        }
        return (builtin.verdict(exitCodes: exitCodes, output: output, reports: reports, step: step, root: root), nil)
    }

    static func describe(seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e9 ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
