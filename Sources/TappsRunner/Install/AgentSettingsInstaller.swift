import TappsCore
import TappsSystem

/// `git tapps install --agent …` / `uninstall --agent …`: merges git-tapps' hook entries into the agent's settings
/// file in the repository (written whole to a temporary file, then renamed over it), or takes them out.
public enum AgentSettingsInstaller {
    /// What was done: `installed`, `unchanged`, `removed` or `not-installed`.
    public struct Report: Sendable {
        public var agent: AgentKind
        public var file: String
        public var action: String
        public var message: String

        public var json: JSONValue {
            .object([("agent", .string(agent.rawValue)), ("action", .string(action)), ("file", .string(file)),
                     ("message", .string(message))])
        }
    }

    public static func install(_ agent: AgentKind, session: RepositorySession) throws(TappsError) -> Report {
        let path = session.root + "/" + AgentSettings.file(for: agent)
        let existing = try read(path)
        let merged: (settings: JSONValue, changed: Bool)
        do { merged = try AgentSettings.install(existing, agent: agent) } catch {
            throw .usage("\(AgentSettings.file(for: agent)): \(error.message); fix it, then run git tapps install --agent \(agent.rawValue) again")
        }
        let events = AgentSettings.events(for: agent).map { item in
            item.matcher.map { "\(item.event) (\($0))" } ?? item.event
        }.joined(separator: ", ")
        guard merged.changed else {
            return Report(agent: agent, file: path, action: "unchanged",
                          message: "git-tapps' \(name(agent)) hooks are already in \(AgentSettings.file(for: agent)).")
        }
        try write(merged.settings, to: path)
        return Report(agent: agent, file: path, action: "installed",
                      message: "Added git-tapps to \(name(agent))'s hooks in \(AgentSettings.file(for: agent)): \(events) run `\(AgentSettings.command(for: agent))`; every other setting was kept.")
    }

    public static func uninstall(_ agent: AgentKind, session: RepositorySession) throws(TappsError) -> Report {
        let path = session.root + "/" + AgentSettings.file(for: agent)
        guard let existing = try read(path) else {
            return Report(agent: agent, file: path, action: "not-installed", message: "No \(AgentSettings.file(for: agent)): nothing to remove.")
        }
        let result: (settings: JSONValue, changed: Bool)
        do { result = try AgentSettings.uninstall(existing, agent: agent) } catch {
            throw .usage("\(AgentSettings.file(for: agent)): \(error.message)")
        }
        guard result.changed else {
            return Report(agent: agent, file: path, action: "not-installed",
                          message: "\(AgentSettings.file(for: agent)) has no git-tapps hook: nothing removed.")
        }
        try write(result.settings, to: path)
        return Report(agent: agent, file: path, action: "removed",
                      message: "Removed git-tapps' hooks from \(AgentSettings.file(for: agent)); everything else was kept.")
    }

    static func name(_ agent: AgentKind) -> String {
        switch agent {
        case .claude: "Claude Code"
        case .codex: "Codex"
        case .cursor: "Cursor"
        }
    }

    private static func read(_ path: String) throws(TappsError) -> JSONValue? {
        guard let bytes = FileBytes.read(path) else {
            guard !FileSystem.resolves(path) else { throw .usage("\(path) exists but cannot be read") }
            return nil
        }
        if bytes.allSatisfy({ [0x20, 0x0a, 0x0d, 0x09].contains($0) }) { return nil }
        do { return try JSONParser.parse(bytes) } catch {
            throw .usage("\(path) is not valid JSON (\(error.description)); fix it or move it away, nothing was changed")
        }
    }

    private static func write(_ settings: JSONValue, to path: String) throws(TappsError) {
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        if let problem = StepFileSystem.createDirectories(directory) { throw .repository("cannot create \(directory): \(problem)") }
        let temporary = path + ".tapps-\(ProcessControl.currentID).tmp"
        do throws(Errno) {
            try FileContents.replace(path, with: Array((settings.serialized(pretty: true) + "\n").utf8), permissions: 0o644,
                                     temporaryPath: temporary)
        } catch {
            throw .repository("cannot replace \(path) (through \(temporary)): \(error)")
        }
    }
}
