import TappsCore

/// The argument vectors a pre-commit hook, an agent's hook and scripts pass on every commit —
/// `run`, `suggest` and `agent-hook` with their plain long options — read without
/// swift-argument-parser, whose reflection of the command tree costs ≈ 4 ms of CPU at every start
/// (the performance guide's "Start-up without the argument parser"). Whatever this reader is not
/// sure of — help, `--`, a short option, an unknown or repeated option, a value that looks like an
/// option or is not a plain number, anything that would not validate — gives nil, and the argument
/// parser decides, so every vector keeps the one meaning (or error) the parser gives it.
/// `FastInvocationTests` compare the two on every option and on random vectors.
enum FastInvocation: Equatable {
    case run(RunArguments)
    case suggest(SuggestArguments)
    case agentHook(AgentHookArguments)

    /// The invocation `arguments` (without the program name) asks for, or nil to use the parser.
    static func parse(_ arguments: [String]) -> FastInvocation? {
        guard let command = arguments.first else { return nil }
        let rest = arguments.dropFirst()
        switch command {
        case "run": return runArguments(rest).map(FastInvocation.run)
        case "suggest": return suggestArguments(rest).map(FastInvocation.suggest)
        case "agent-hook": return agentHookArguments(rest).map(FastInvocation.agentHook)
        default: return nil
        }
    }

    /// Runs it, as the parsed command's `run()` would. On the main actor, as `main` is: `suggest` is synchronous
    /// and so runs where it is (a nonisolated async function would first hop to a pool thread it must start).
    @MainActor func perform() async throws {
        switch self {
        case .run(let arguments): try await arguments.perform()
        case .suggest(let arguments): try arguments.perform()
        case .agentHook(let arguments): try await arguments.perform()
        }
    }

    // Arrays, not sets: a handful of names, and the first `Set<String>` of a process costs a scan of the
    // binary's protocol conformances (in `perf`; 0.5–0.8 ms less for `run` in an A/B, though a later first
    // use of a hashed String type pays part of it again).
    private static let outputOptions = ["format"]
    private static let outputFlags = ["pretty"]
    private static let executionOptions = outputOptions + ["jobs", "budget", "budget-used"]
    private static let executionFlags = outputFlags + ["full", "no-cache"]

    private static func runArguments(_ words: ArraySlice<String>) -> RunArguments? {
        guard let read = LongOptions.read(words, options: executionOptions + ["preset", "description", "from-ref", "to-ref"],
                                          flags: executionFlags + ["all-files"]),
              read.positionals.isEmpty,
              let execution = executionSettings(read) else { return nil }
        let arguments = RunArguments(preset: read.value("preset"), description: read.value("description"),
                                     allFiles: read.flags.contains("all-files"), fromRef: read.value("from-ref"),
                                     toRef: read.value("to-ref"), execution: execution)
        return arguments.invalidity == nil ? arguments : nil
    }

    private static func suggestArguments(_ words: ArraySlice<String>) -> SuggestArguments? {
        guard let read = LongOptions.read(words, options: outputOptions, flags: outputFlags),
              let output = outputSettings(read) else { return nil }
        return SuggestArguments(words: read.positionals, output: output)
    }

    private static func agentHookArguments(_ words: ArraySlice<String>) -> AgentHookArguments? {
        guard let read = LongOptions.read(words, options: ["agent"], flags: []), read.positionals.isEmpty else { return nil }
        guard let name = read.value("agent") else { return AgentHookArguments(agent: nil) }
        return AgentKind(rawValue: name).map { AgentHookArguments(agent: $0) }
    }

    private static func outputSettings(_ read: LongOptions) -> OutputSettings? {
        var output = OutputSettings(pretty: read.flags.contains("pretty"))
        if let name = read.value("format") {
            guard let format = OutputFormat(rawValue: name) else { return nil }
            output.format = format
        }
        return output
    }

    private static func executionSettings(_ read: LongOptions) -> ExecutionSettings? {
        guard let output = outputSettings(read) else { return nil }
        var settings = ExecutionSettings(full: read.flags.contains("full"), noCache: read.flags.contains("no-cache"),
                                         output: output)
        for (name, slot) in [("jobs", \ExecutionSettings.jobs), ("budget", \.budget), ("budget-used", \.budgetUsed)] {
            guard let text = read.value(name) else { continue }
            guard let number = plainNumber(text) else { return nil }
            settings[keyPath: slot] = number
        }
        return settings
    }

    /// Digits only: a sign, blanks or an overflow are left to the parser's own rules.
    private static func plainNumber(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}

/// `--name value`, `--name=value` and `--flag`, each at most once, among positional words.
private struct LongOptions {
    var named: [(name: String, value: String)] = []
    var flags: [String] = []
    var positionals: [String] = []

    func value(_ name: String) -> String? { named.first { $0.name == name }?.value }

    static func read(_ words: ArraySlice<String>, options: [String], flags: [String]) -> LongOptions? {
        var read = LongOptions()
        var seen: [String] = []
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-") else {
                read.positionals.append(word)
                continue
            }
            guard word.hasPrefix("--"), word.count > 2 else { return nil }
            let body = word.dropFirst(2)
            let name: String
            var value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            if flags.contains(name) {
                guard value == nil else { return nil }
                read.flags.append(name)
            } else if options.contains(name) {
                if value == nil, index < words.endIndex {
                    value = words[index]
                    index += 1
                }
                guard let value, !value.isEmpty, !value.hasPrefix("-") else { return nil }
                read.named.append((name, value))
            } else {
                return nil
            }
        }
        return read
    }
}
