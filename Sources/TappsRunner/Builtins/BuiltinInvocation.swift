import TappsCore

/// The command line a built-in step runs with.
struct BuiltinInvocation: Sendable, Equatable {
    var program: String
    var arguments: [String]
    var environment: [String: String] = [:]
}

extension BuiltinStep {
    /// The tool's command line, or nil when the tool is not installed.
    func invocation(in environment: StepEnvironment) -> BuiltinInvocation? {
        guard let tool = ToolLocator.find(rawValue, root: environment.root, environment: environment.baseEnvironment) else {
            return nil
        }
        switch self {
        case .mypy:
            let config = MypyConfig.detect(root: environment.root) { path in
                FileBytes.read(path).map { String(decoding: $0, as: UTF8.self) }
            }
            return MypyStep.invocation(tool: tool, environment: environment, config: config)
        case .pytest:
            return PytestStep.invocation(tool: tool)
        }
    }

    /// Judges the tool's exit codes and output for the files it was given.
    func verdict(exitCodes: [Int32], output: String, files: [RepoPath]) -> StepVerdict {
        switch self {
        case .mypy: MypyStep.verdict(exitCodes: exitCodes, output: output, staged: files)
        case .pytest: PytestStep.verdict(exitCodes: exitCodes, output: output)
        }
    }

    /// A file name as an argument: one starting with '-' gets "./" so the tool does not read it as an option.
    static func argument(for path: RepoPath) -> [UInt8] {
        path.bytes.first == UInt8(ascii: "-") ? Array("./".utf8) + path.bytes : path.bytes
    }
}
