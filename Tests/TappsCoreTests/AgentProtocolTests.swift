import Testing
@testable import TappsCore

/// Agent payloads, replies and settings merges, without processes.
@Suite struct AgentProtocolTests {
    @Test func payloadsAreToldApart() throws {
        let claude = try AgentEvent.parse(Array(#"{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"},"cwd":"/r"}"#.utf8), agent: nil)
        #expect(claude.agent == .claude && claude.kind == .shellCommand("ls") && claude.directory == "/r")
        let codex = try AgentEvent.parse(Array(#"{"hook_event_name":"Stop","turn_id":"t","stop_hook_active":true}"#.utf8), agent: nil)
        #expect(codex.agent == .codex && codex.kind == .stop(alreadyContinued: true, loopCount: 0))
        let cursor = try AgentEvent.parse(Array(#"{"hook_event_name":"beforeShellExecution","conversation_id":"c","command":"git commit","workspace_roots":["/w"]}"#.utf8), agent: nil)
        #expect(cursor.agent == .cursor && cursor.directory == "/w")
        let edit = try AgentEvent.parse(Array(#"{"hook_event_name":"PreToolUse","tool_name":"Edit","tool_input":{}}"#.utf8), agent: .claude)
        #expect(edit.kind == .other)
        #expect(throws: AgentEvent.Malformed.self) { try AgentEvent.parse(Array("{}".utf8), agent: nil) }
        #expect(throws: AgentEvent.Malformed.self) { try AgentEvent.parse(Array(#"{"hook_event_name":"PreToolUse","tool_name":"Bash"}"#.utf8), agent: nil) }
    }

    @Test func longReasonsAreCutKeepingWhatToDoNext() {
        let lines = (1...400).map { "    \($0):1 error: something is wrong on this line" } + ["git-tapps standard: failed", "next: fix the findings above"]
        let fitted = AgentReply.fit(lines.joined(separator: "\n"))
        #expect(fitted.count <= AgentReply.reasonLimit)
        #expect(fitted.hasSuffix("git-tapps standard: failed\nnext: fix the findings above"))
        #expect(fitted.hasPrefix("    1:1 error"))
        #expect(fitted.contains("cut to 4000 characters"))
        #expect(AgentReply.fit("short") == "short")
    }

    @Test func settingsMergeKeepsEverythingAndUndoesCleanly() throws {
        let original = try JSONParser.parse(Array(#"{"a":1,"hooks":{"Stop":[{"hooks":[{"type":"command","command":"mine"}]}]}}"#.utf8))
        let installed = try AgentSettings.install(original, agent: .claude)
        #expect(installed.changed)
        #expect(installed.settings["a"]?.intValue == 1)
        #expect(installed.settings["hooks"]?["Stop"]?.arrayValue?.count == 2)
        let twice = try AgentSettings.install(installed.settings, agent: .claude)
        #expect(!twice.changed && twice.settings == installed.settings)
        let removed = try AgentSettings.uninstall(installed.settings, agent: .claude)
        #expect(removed.changed && removed.settings == original)
        #expect(throws: AgentSettings.Failure.self) { try AgentSettings.install(.array([]), agent: .cursor) }
    }
}
