import Foundation
import Testing
import TestSupport

/// `git tapps install --agent …` / `uninstall --agent …` on real repositories.
@Suite struct AgentInstallTests {
    @Test func installMergesIntoClaudeSettingsKeepingEveryKeyAndIsIdempotent() throws {
        let repo = try ScratchRepository()
        try repo.commitAll("empty")
        let original = """
            {"model": "opus", "permissions": {"allow": ["Bash(npm test:*)"], "deny": []},
             "hooks": {"PreToolUse": [{"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "prettier --write"}]}],
                       "Notification": [{"hooks": [{"type": "command", "command": "notify-send done"}]}]},
             "env": {"FOO": "1"}}
            """
        try repo.write(".claude/settings.json", original)
        let install = try repo.tapps(["install", "--agent", "claude"])
        #expect(install.status == 0, "\(install.errorText)")
        let first = try #require(repo.read(".claude/settings.json"))
        let settings = try AgentHookSupport.json(String(decoding: first, as: UTF8.self))
        #expect(settings["model"] as? String == "opus")
        #expect((settings["env"] as? [String: Any])?["FOO"] as? String == "1")
        #expect(((settings["permissions"] as? [String: Any])?["allow"] as? [String]) == ["Bash(npm test:*)"])
        let hooks = try #require(settings["hooks"] as? [String: Any])
        #expect((hooks["Notification"] as? [Any])?.count == 1)
        let pre = try #require(hooks["PreToolUse"] as? [[String: Any]])
        #expect(pre.count == 2)
        #expect(pre[0]["matcher"] as? String == "Edit|Write", "the user's entry stays first")
        #expect(pre[1]["matcher"] as? String == "Bash")
        let ours = try #require((pre[1]["hooks"] as? [[String: Any]])?.first)
        #expect(ours["command"] as? String == "git tapps agent-hook --agent claude")
        #expect(((hooks["Stop"] as? [[String: Any]])?.first?["hooks"] as? [[String: Any]])?.first?["command"] as? String
                == "git tapps agent-hook --agent claude")

        let again = try repo.tapps(["install", "--agent", "claude", "--format", "json"])
        #expect(try AgentHookSupport.json(again.outputText)["action"] as? String == "unchanged")
        #expect(repo.read(".claude/settings.json") == first, "installing twice changes nothing")

        let uninstall = try repo.tapps(["uninstall", "--agent", "claude"])
        #expect(uninstall.status == 0)
        let after = try AgentHookSupport.json(repo.readText(".claude/settings.json") ?? "")
        let expected = try AgentHookSupport.json(original)
        #expect(NSDictionary(dictionary: after).isEqual(to: expected), "uninstall removes only git-tapps' entries: \(after)")
    }

    @Test func codexAndCursorFilesAreCreatedInTheirFormats() throws {
        let repo = try ScratchRepository()
        try repo.commitAll("empty")
        #expect(try repo.tapps(["install", "--agent", "codex"]).status == 0)
        let codex = try AgentHookSupport.json(repo.readText(".codex/hooks.json") ?? "")
        let stop = ((codex["hooks"] as? [String: Any])?["Stop"] as? [[String: Any]])?.first?["hooks"] as? [[String: Any]]
        #expect(stop?.first?["command"] as? String == "git tapps agent-hook --agent codex")

        try repo.write(".cursor/hooks.json", "{\"version\": 1, \"hooks\": {\"afterFileEdit\": [{\"command\": \"./format.sh\"}]}}")
        #expect(try repo.tapps(["install", "--agent", "cursor"]).status == 0)
        let cursor = try AgentHookSupport.json(repo.readText(".cursor/hooks.json") ?? "")
        #expect(cursor["version"] as? Int == 1)
        let hooks = try #require(cursor["hooks"] as? [String: Any])
        #expect((hooks["afterFileEdit"] as? [[String: Any]])?.first?["command"] as? String == "./format.sh")
        #expect((hooks["beforeShellExecution"] as? [[String: Any]])?.first?["command"] as? String == "git tapps agent-hook --agent cursor")
        #expect((hooks["stop"] as? [[String: Any]])?.first?["command"] as? String == "git tapps agent-hook --agent cursor")
        #expect(try repo.tapps(["uninstall", "--agent", "cursor"]).status == 0)
        let removed = try AgentHookSupport.json(repo.readText(".cursor/hooks.json") ?? "")
        #expect((removed["hooks"] as? [String: Any])?.keys.sorted() == ["afterFileEdit"])
    }

    @Test func aBrokenSettingsFileIsRefusedAndLeftAlone() throws {
        let repo = try ScratchRepository()
        try repo.commitAll("empty")
        try repo.write(".claude/settings.json", "{\"hooks\": [oops")
        let result = try repo.tapps(["install", "--agent", "claude", "--format", "json"])
        #expect(result.status == 2)
        let error = try #require(try AgentHookSupport.json(result.outputText)["error"] as? [String: Any])
        #expect((error["message"] as? String ?? "").contains("not valid JSON"))
        #expect(repo.readText(".claude/settings.json") == "{\"hooks\": [oops")
    }
}
