import TappsCore

/// What a step runs: the program, its fixed arguments, the file arguments and extra environment.
struct StepCommand: Sendable {
    var program: String
    var arguments: [String]
    var files: [[UInt8]]
    var environment: [String: String] = [:]
    var cacheGuard: MypyCacheGuard?
    /// A report file the tool writes, read after each invocation.
    var reportFile: String?

    enum Resolution: Sendable {
        case run(StepCommand)
        /// Nothing to run; the step ends with this verdict.
        case done(StepVerdict)
    }

    /// The command for `step`, or the verdict when there is nothing to run (a built-in tool that is missing, an empty
    /// command).
    static func resolve(_ step: PlannedStep, in environment: StepEnvironment) -> Resolution {
        if let builtin = step.builtin {
            guard let invocation = builtin.invocation(in: environment, files: step.files, coverage: step.coverage,
                                                        preload: step.mypyPreload) else {
                return .done(StepVerdict(status: .skipped,
                                            note: "\(builtin.rawValue) not found (looked in .venv/bin, venv/bin and PATH)"))
            }
            return .run(StepCommand(program: invocation.program, arguments: invocation.arguments + step.builtinArguments,
                                        files: !step.config.passFilenames ? []
                                            : invocation.fileArguments ?? step.files.map(BuiltinStep.argument(for:)),
                                        environment: invocation.environment, cacheGuard: invocation.cacheGuard,
                                        reportFile: invocation.reportFile))
        }
        guard let first = step.config.command.first, !first.isEmpty else {
            return .done(StepVerdict(status: .error, note: "the step has an empty command"))
        }
        // A relative path like `scripts/check.sh` means the file in the repository, not a lookup on PATH.
        let program = first.hasPrefix("/") || !first.contains("/") ? first : environment.root + "/" + first
        return .run(StepCommand(program: program, arguments: Array(step.config.command.dropFirst()),
                                    files: step.config.passFilenames ? step.files.map(\.bytes) : []))
    }
}
