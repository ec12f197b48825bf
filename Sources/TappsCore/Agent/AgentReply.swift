/// What `git tapps agent-hook` answers, and how each agent's protocol says it.
public enum AgentDecision: Sendable, Equatable {
    /// Let the command run / the agent stop, without a word.
    case allow
    /// Refuse the shell command (PreToolUse, beforeShellExecution), telling the agent why.
    case deny(reason: String)
    /// Keep the agent working instead of stopping (Stop, Cursor `stop`), telling it why.
    case keepWorking(reason: String)
}

/// The answer in the agent's protocol: what goes to stdout, and the exit code (always 0: JSON carries the decision).
public enum AgentReply {
    /// The most an agent is shown: a reason longer than this is cut, keeping its last lines (what to do next).
    public static let reasonLimit = 4_000

    public static func stdout(_ decision: AgentDecision, for event: AgentEvent) -> String? {
        switch (decision, event.agent) {
        case (.allow, .cursor):
            if case .shellCommand = event.kind { return JSONValue.object([("permission", .string("allow"))]).serialized(pretty: false) }
            return JSONValue.object([]).serialized(pretty: false)
        case (.allow, _):
            return nil
        case (.deny(let reason), .cursor):
            return JSONValue.object([
                ("permission", .string("deny")),
                ("user_message", .string(firstLine(reason))),
                ("agent_message", .string(reason)),
            ]).serialized(pretty: false)
        case (.deny(let reason), _):
            return JSONValue.object([("hookSpecificOutput", .object([
                ("hookEventName", .string("PreToolUse")),
                ("permissionDecision", .string("deny")),
                ("permissionDecisionReason", .string(reason)),
            ]))]).serialized(pretty: false)
        case (.keepWorking(let reason), .cursor):
            return JSONValue.object([("followup_message", .string(reason))]).serialized(pretty: false)
        case (.keepWorking(let reason), _):
            return JSONValue.object([("decision", .string("block")), ("reason", .string(reason))]).serialized(pretty: false)
        }
    }

    /// `text` cut to ``reasonLimit`` characters: leading lines are kept as long as they fit beside the last
    /// `keepLast` lines (the verdict and what to do next), with one line saying what was cut.
    public static func fit(_ text: String, keepLast: Int = 2) -> String {
        guard text.count > reasonLimit else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let tail = Array(lines.suffix(keepLast))
        let marker = "… (cut to \(reasonLimit) characters: `git tapps run` shows the whole report)"
        var budget = reasonLimit - tail.reduce(0) { $0 + $1.count + 1 } - marker.count - 1
        var head: [String] = []
        for line in lines.dropLast(keepLast) {
            guard line.count + 1 <= budget else { break }
            head.append(line)
            budget -= line.count + 1
        }
        let fitted = (head + [marker] + tail).joined(separator: "\n")
        return fitted.count <= reasonLimit ? fitted : String(fitted.suffix(reasonLimit))
    }

    private static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
