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
}
