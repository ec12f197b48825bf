import Foundation
import Testing
import TestSupport

/// `git tapps agent-hook` end to end, driven by payloads recorded from the agents' documented schemas.
@Suite struct AgentHookTests {
    @Test func aFailingCommitIsDeniedWithTheDeltaReportAndNothingIsTouched() throws {
        let repo = try AgentHookSupport.repository(steps: AgentHookSupport.markerStep("lint"))
        try repo.write("src/app.py", "x = 1\ny = 2  # BUG here\n")
        try repo.git("add", "src/app.py")
        try repo.write("src/app.py", "x = 1\ny = 2  # BUG here\nunstaged = True\n")
        try repo.write("notes.txt", "untracked\n")
        let before = try WorkTreeSnapshot(of: repo)

        let payload = try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: "git commit -m 'Add y'")
        let result = try AgentHookSupport.hook(repo, payload: payload)
        #expect(result.status == 0, "\(result.errorText)")
        let answer = try AgentHookSupport.json(result.outputText)
        let specific = try #require(answer["hookSpecificOutput"] as? [String: Any])
        #expect(specific["hookEventName"] as? String == "PreToolUse")
        #expect(specific["permissionDecision"] as? String == "deny")
        let reason = try #require(specific["permissionDecisionReason"] as? String)
        #expect(reason.contains("src/app.py"), "\(reason)")
        #expect(reason.contains("2:1 error: bug marker"), "\(reason)")
        #expect(reason.count <= 4_000)
        #expect(reason.split(separator: "\n").last?.hasPrefix("next: fix the findings above and re-stage") == true, "\(reason)")
        let after = try WorkTreeSnapshot(of: repo)
        #expect(after == before, "the check leaves work tree and index byte-identical: \(before) vs \(after)")
        #expect(try repo.git("for-each-ref", "refs/tapps/").isEmpty)
    }

    @Test func noVerifyIsDeniedWithAReasonThatNamesItAndRunsNothing() throws {
        let repo = try AgentHookSupport.repository()
        try repo.write("src/app.py", "x = 3\n")
        try repo.git("add", "src/app.py")
        for command in ["git commit --no-verify -m x", "git add -A && git commit -nm 'quick'", "git -C . commit -a -n -m x"] {
            let payload = try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: command)
            let result = try AgentHookSupport.hook(repo, payload: payload)
            #expect(result.status == 0)
            let specific = try #require(try AgentHookSupport.json(result.outputText)["hookSpecificOutput"] as? [String: Any])
            #expect(specific["permissionDecision"] as? String == "deny", "\(command)")
            #expect((specific["permissionDecisionReason"] as? String ?? "").contains("--no-verify"), "\(command)")
        }
        #expect(repo.readText(".hook-ran") == nil, "a --no-verify commit is refused without running steps")
    }

    @Test func otherCommandsAndToolsAreAllowedAtOnceWithoutRepositoryWork() throws {
        let repo = try AgentHookSupport.repository()
        try repo.write("src/app.py", "BUG = 1\n")
        try repo.git("add", "src/app.py")
        for command in ["ls -la", "git status && git diff --cached", "echo 'git commit' > notes.txt", "grep -r commit ."] {
            let payload = try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: command)
            let result = try AgentHookSupport.hook(repo, payload: payload)
            #expect(result.status == 0 && result.output.isEmpty && result.error.isEmpty, "\(command): \(result.outputText)\(result.errorText)")
        }
        let edit = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-pretooluse-edit.json", repo: repo))
        #expect(edit.status == 0 && edit.output.isEmpty && edit.error.isEmpty)
        #expect(repo.readText(".hook-ran") == nil, "no step ran")
    }

    @Test func commitAllChecksTheWorkTreeContentTheCommitWouldTake() throws {
        let repo = try AgentHookSupport.repository()
        // Nothing staged: a plain commit check would pass; -am takes the unstaged BUG.
        try repo.write("src/app.py", "x = 1\nBUG = 2\n")
        let indexBefore = try repo.gitBytes(["ls-files", "-s"])
        for command in ["git commit -am 'Fix'", "git commit -m Fix src/app.py", "git commit -i src/app.py -m Fix", "cd src && git commit --all -m Fix"] {
            let payload = try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: command)
            let result = try AgentHookSupport.hook(repo, payload: payload)
            let specific = try AgentHookSupport.json(result.outputText)["hookSpecificOutput"] as? [String: Any]
            #expect(specific?["permissionDecision"] as? String == "deny", "\(command): \(result.outputText)\(result.errorText)")
        }
        let plain = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: "git commit -m Fix"))
        #expect(plain.output.isEmpty, "nothing is staged, so a plain commit has nothing to check: \(plain.outputText)")
        #expect(try repo.gitBytes(["ls-files", "-s"]) == indexBefore, "the real index is never written")
        #expect(try repo.git("diff", "--cached", "--name-only").isEmpty)
    }

    @Test func gitAddBeforeTheCommitInTheSameLineCounts() throws {
        let repo = try AgentHookSupport.repository()
        try repo.write("src/new.py", "BUG = True\n")
        let command = "git add src/new.py && git commit -m \"$(cat <<'EOF'\nAdd new (don't merge yet)\nEOF\n)\""
        let result = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: command))
        let specific = try #require(try AgentHookSupport.json(result.outputText)["hookSpecificOutput"] as? [String: Any])
        #expect(specific["permissionDecision"] as? String == "deny")
        #expect((specific["permissionDecisionReason"] as? String ?? "").contains("src/new.py"))
        #expect(try repo.git("status", "--porcelain") == "?? src/new.py\n", "the file is still untracked")
    }

    @Test func aPassingCommitIsAllowed() throws {
        let repo = try AgentHookSupport.repository()
        try repo.write("src/app.py", "x = 5\n")
        try repo.git("add", "src/app.py")
        let result = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-pretooluse-bash.json", repo: repo, command: "git commit -m ok"))
        #expect(result.status == 0 && result.output.isEmpty, "\(result.outputText + result.errorText)")
        #expect(repo.readText(".hook-ran") == "ran\n", "the same run as the pre-commit hook")
    }

    @Test func stopKeepsTheAgentWorkingWhileTheStagedChangeFailsButNeverLoops() throws {
        let repo = try AgentHookSupport.repository()
        try repo.write("src/app.py", "BUG = 1\n")
        try repo.git("add", "src/app.py")
        let stop = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-stop.json", repo: repo))
        let answer = try AgentHookSupport.json(stop.outputText)
        #expect(answer["decision"] as? String == "block")
        #expect((answer["reason"] as? String ?? "").contains("1:1 error: bug marker"))

        let again = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-stop-active.json", repo: repo))
        #expect(again.status == 0 && again.output.isEmpty, "stop_hook_active: let it stop")

        let codex = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("codex-stop.json", repo: repo))
        let codexAnswer = try AgentHookSupport.json(codex.outputText)
        #expect(codexAnswer["decision"] as? String == "block" && codexAnswer["reason"] is String)

        let cursor = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("cursor-stop.json", repo: repo))
        #expect((try AgentHookSupport.json(cursor.outputText)["followup_message"] as? String)?.contains("bug marker") == true)

        try repo.git("reset", "-q")
        let clean = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("claude-stop.json", repo: repo))
        #expect(clean.output.isEmpty, "nothing staged: nothing to check")
    }

    @Test func cursorAndCodexShellCommandsGetTheirOwnProtocol() throws {
        let repo = try AgentHookSupport.repository()
        try repo.write("src/app.py", "BUG = 1\n")
        try repo.git("add", "src/app.py")
        let deny = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("cursor-before-shell-execution.json", repo: repo, command: "git commit -m x"))
        let answer = try AgentHookSupport.json(deny.outputText)
        #expect(answer["permission"] as? String == "deny")
        #expect((answer["agent_message"] as? String ?? "").contains("bug marker"))
        #expect(answer["user_message"] is String)
        let allow = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("cursor-before-shell-execution.json", repo: repo, command: "ls"))
        #expect(try AgentHookSupport.json(allow.outputText)["permission"] as? String == "allow")

        let codex = try AgentHookSupport.hook(repo, payload: try AgentHookSupport.fixture("codex-pretooluse-bash.json", repo: repo, command: "git commit -m x"))
        let specific = try AgentHookSupport.json(codex.outputText)["hookSpecificOutput"] as? [String: Any]
        #expect(specific?["permissionDecision"] as? String == "deny")
    }

    @Test func aMalformedPayloadBlocksNothingAndIsLogged() throws {
        let repo = try AgentHookSupport.repository()
        for payload in ["not json", "[1, 2]", "{\"tool_name\": \"Bash\"}", "{\"hook_event_name\": \"Teleport\", \"cwd\": \"/\"}", ""] {
            let result = try AgentHookSupport.hook(repo, payload: payload)
            #expect(result.status == 0 && result.output.isEmpty, "\(payload): \(result.outputText)")
            let lines = result.errorText.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("git-tapps agent-hook: ") && lines[0].hasSuffix("nothing blocked"), "\(payload): \(result.errorText)")
        }
        let log = try #require(repo.readText(".git/tapps/agent-hook.log"))
        #expect(log.split(separator: "\n").count == 5, "\(log)")
        #expect(log.contains("not json"))
    }
}
