/// git-tapps' entries in a coding agent's hook settings file, merged in and taken out without touching anything
/// else in the file: every other key, hook and matcher stays as it was, in its order.
public enum AgentSettings {
    /// The settings file in the repository, relative to its root.
    public static func file(for agent: AgentKind) -> String {
        switch agent {
        case .claude: ".claude/settings.json"
        case .codex: ".codex/hooks.json"
        case .cursor: ".cursor/hooks.json"
        }
    }

    /// The command the entries run.
    public static func command(for agent: AgentKind) -> String { "git tapps agent-hook --agent \(agent.rawValue)" }

    /// The events git-tapps hooks, each with the matcher it needs (nil: none).
    public static func events(for agent: AgentKind) -> [(event: String, matcher: String?)] {
        switch agent {
        case .claude, .codex: [("PreToolUse", "Bash"), ("Stop", nil)]
        case .cursor: [("beforeShellExecution", nil), ("stop", nil)]
        }
    }

    /// Seconds an agent waits for the hook: a commit's checks run every step of the preset.
    public static let timeout = 600

    /// Why the file cannot be merged into.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// `settings` (nil: no file yet) with git-tapps' entries added where they are missing; `changed` is false when
    /// every entry was there already.
    public static func install(_ settings: JSONValue?, agent: AgentKind) throws(Failure) -> (settings: JSONValue, changed: Bool) {
        var root = try pairs(settings ?? .object([]), what: "the file")
        if agent == .cursor && !root.contains(where: { $0.0 == "version" }) { root.insert(("version", .int(1)), at: 0) }
        var hooks = try pairs(value(root, "hooks") ?? .object([]), what: "its \"hooks\"")
        var changed = false
        for (event, matcher) in events(for: agent) {
            guard case .array(var groups) = value(hooks, event) ?? .array([]) else {
                throw Failure(message: "hooks.\(event) is not a list")
            }
            if groups.contains(where: { isOurs($0, agent: agent) }) { continue }
            groups.append(entry(for: agent, matcher: matcher))
            set(&hooks, event, .array(groups))
            changed = true
        }
        set(&root, "hooks", .object(hooks))
        return (.object(root), changed)
    }

    /// `settings` without git-tapps' entries (for `agent`); groups and events left empty by that are removed too.
    public static func uninstall(_ settings: JSONValue, agent: AgentKind) throws(Failure) -> (settings: JSONValue, changed: Bool) {
        var root = try pairs(settings, what: "the file")
        guard let hooksValue = value(root, "hooks") else { return (settings, false) }
        var hooks = try pairs(hooksValue, what: "its \"hooks\"")
        var changed = false
        for (event, _) in events(for: agent) {
            guard case .array(let groups) = value(hooks, event) else { continue }
            var kept: [JSONValue] = []
            for group in groups {
                guard isOurs(group, agent: agent) else { kept.append(group); continue }
                changed = true
                // A Claude/Codex group may hold the user's hooks beside ours: keep those.
                if case .array(let inner) = group["hooks"] ?? .null {
                    let others = inner.filter { !isOurCommand($0) }
                    if !others.isEmpty, case .object(var fields) = group {
                        set(&fields, "hooks", .array(others))
                        kept.append(.object(fields))
                    }
                }
            }
            if kept.isEmpty { hooks.removeAll { $0.0 == event } } else { set(&hooks, event, .array(kept)) }
        }
        guard changed else { return (settings, false) }
        if hooks.isEmpty { root.removeAll { $0.0 == "hooks" } } else { set(&root, "hooks", .object(hooks)) }
        return (.object(root), true)
    }

    static func entry(for agent: AgentKind, matcher: String?) -> JSONValue {
        let command = command(for: agent)
        if agent == .cursor { return .object([("command", .string(command))]) }
        var fields: [(String, JSONValue)] = []
        if let matcher { fields.append(("matcher", .string(matcher))) }
        fields.append(("hooks", .array([.object([("type", .string("command")), ("command", .string(command)),
                                                 ("timeout", .int(timeout))])])))
        return .object(fields)
    }

    /// A group (Claude/Codex) or entry (Cursor) that runs git-tapps' agent hook.
    static func isOurs(_ group: JSONValue, agent: AgentKind) -> Bool {
        if isOurCommand(group) { return true }
        return group["hooks"]?.arrayValue?.contains(where: isOurCommand) ?? false
    }

    static func isOurCommand(_ hook: JSONValue) -> Bool {
        guard let command = hook["command"]?.stringValue else { return false }
        return command.contains("git tapps agent-hook") || command.contains("git-tapps agent-hook")
    }

    private static func pairs(_ json: JSONValue, what: String) throws(Failure) -> [(String, JSONValue)] {
        guard case .object(let pairs) = json else { throw Failure(message: "\(what) is not a JSON object") }
        return pairs
    }

    private static func value(_ pairs: [(String, JSONValue)], _ key: String) -> JSONValue? {
        pairs.first { $0.0 == key }?.1
    }

    private static func set(_ pairs: inout [(String, JSONValue)], _ key: String, _ value: JSONValue) {
        if let index = pairs.firstIndex(where: { $0.0 == key }) { pairs[index].1 = value } else { pairs.append((key, value)) }
    }
}
