/// The coding agents whose hook protocols `git tapps agent-hook` speaks.
public enum AgentKind: String, Sendable, CaseIterable {
    case claude, codex, cursor
}

/// A hook event an agent sent on stdin, reduced to what git-tapps acts on.
public struct AgentEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The agent is about to run a shell command (Claude Code / Codex `PreToolUse` of `Bash`, Cursor
        /// `beforeShellExecution`).
        case shellCommand(String)
        /// The agent is about to end its turn (`Stop`, Cursor `stop`). `alreadyContinued`: a stop hook already kept
        /// it working once in this turn (`stop_hook_active`, Cursor's `loop_count`).
        case stop(alreadyContinued: Bool, loopCount: Int)
        /// A tool or event git-tapps has nothing to say about (an `Edit` tool call, `PostToolUse` …).
        case other
    }

    public var agent: AgentKind
    public var kind: Kind
    /// The directory the agent runs in (`cwd`, else Cursor's first workspace root).
    public var directory: String?
    /// The event's name as sent, for the log.
    public var name: String

    /// Why a payload is not an event git-tapps can read.
    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads a payload. `agent` forces the protocol (`--agent`); otherwise it is told from the payload: Cursor's
    /// events are camelCase and carry `conversation_id`, Codex's carry `turn_id`, anything else is Claude Code.
    public static func parse(_ bytes: [UInt8], agent forced: AgentKind?) throws(Malformed) -> AgentEvent {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            throw Malformed(message: bytes.isEmpty ? "no hook event on stdin" : "the hook event is not JSON (\(error.description))")
        }
        guard case .object = json else { throw Malformed(message: "the hook event is not a JSON object") }
        guard let name = json["hook_event_name"]?.stringValue, !name.isEmpty else {
            throw Malformed(message: "the hook event has no hook_event_name")
        }
        let cursorEvents: Set<String> = ["beforeShellExecution", "stop", "beforeMCPExecution", "afterFileEdit",
                                         "beforeReadFile", "beforeSubmitPrompt", "afterShellExecution",
                                         "afterAgentResponse", "afterAgentThought", "afterMCPExecution"]
        let agent: AgentKind = forced ?? (json["conversation_id"] != nil || cursorEvents.contains(name) ? .cursor
            : json["turn_id"] != nil ? .codex : .claude)
        let directory = json["cwd"]?.stringValue ?? json["workspace_roots"]?.arrayValue?.first?.stringValue
        var event = AgentEvent(agent: agent, kind: .other, directory: directory, name: name)
        switch (agent, name) {
        case (.cursor, "beforeShellExecution"):
            guard let command = json["command"]?.stringValue else {
                throw Malformed(message: "beforeShellExecution without a command")
            }
            event.kind = .shellCommand(command)
        case (.cursor, "stop"):
            let loops = json["loop_count"]?.intValue ?? 0
            event.kind = .stop(alreadyContinued: loops > 0, loopCount: loops)
        case (.claude, "PreToolUse"), (.codex, "PreToolUse"):
            guard let tool = json["tool_name"]?.stringValue else { throw Malformed(message: "PreToolUse without tool_name") }
            guard tool == "Bash" || tool == "shell" || tool == "local_shell" else { break }
            if let command = json["tool_input"]?["command"]?.stringValue {
                event.kind = .shellCommand(command)
            } else if let argv = json["tool_input"]?["command"]?.arrayValue?.compactMap(\.stringValue), !argv.isEmpty {
                event.kind = .shellCommand(argv.map(ShellQuoting.quote).joined(separator: " "))
            } else {
                throw Malformed(message: "PreToolUse of \(tool) without tool_input.command")
            }
        case (.claude, "Stop"), (.codex, "Stop"), (.claude, "SubagentStop"):
            event.kind = .stop(alreadyContinued: json["stop_hook_active"]?.boolValue ?? false, loopCount: 0)
        case (_, let other) where Self.knownEvents.contains(other):
            break
        default:
            throw Malformed(message: "unknown hook event '\(name)' for \(agent.rawValue)")
        }
        return event
    }

    /// Events an agent may send that git-tapps lets pass without a word.
    static let knownEvents: Set<String> = [
        "PostToolUse", "PostToolUseFailure", "UserPromptSubmit", "Notification", "SessionStart", "SessionEnd",
        "PreCompact", "PermissionRequest", "SubagentStart", "beforeMCPExecution", "afterFileEdit", "beforeReadFile",
        "beforeSubmitPrompt", "afterShellExecution", "afterAgentResponse", "afterAgentThought", "afterMCPExecution",
        "PreToolUse",
    ]
}

/// Single-quotes words for a shell line.
public enum ShellQuoting {
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0) }) { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
