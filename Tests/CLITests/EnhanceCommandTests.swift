import Foundation
import Testing
import TestSupport

/// `git tapps enhance` on real repositories: the prompt reflects the staged change.
@Suite struct EnhanceCommandTests {
    /// A repository with `src/auth/login.py` and its tracked test, the module and an unrelated file staged.
    private func authRepository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("src/auth/login.py", "TIMEOUT = 10\n")
        try repo.write("src/app.py", "x = 1\n")
        try repo.write("tests/test_login.py", "def test_timeout(): pass\n")
        try repo.commitAll("base")
        try repo.write("src/auth/login.py", "TIMEOUT = 30\nRETRIES = 3\n")
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "-A")
        try repo.write("src/app.py", "x = 3  # unstaged\n")
        return repo
    }

    private func json(_ result: ProcessResult) throws -> JSONReader.Value {
        #expect(result.status == 0, "\(result.errorText)")
        return try JSONReader.parse(result.output)
    }

    private func number(_ value: JSONReader.Value?) -> Int? {
        if case .number(let number) = value { return Int(number) }
        return nil
    }

    @Test func textPromptReflectsTheStagedChange() throws {
        let repo = try authRepository()
        let result = try repo.tapps(["enhance", "Fix", "the", "session", "timeout", "in", "login"])
        #expect(result.status == 0, "\(result.errorText)")
        let text = result.outputText
        for title in ["## Task", "## Context", "## Acceptance criteria"] { #expect(text.contains(title)) }
        #expect(text.hasPrefix("## Task\nFix the session timeout in login. (bug fix; target: `src/auth/login.py`)\n"))
        #expect(text.contains("- Preset standard; the hook runs review, test"))
        #expect(text.contains("- M `src/app.py` +1 −1\n"))
        #expect(text.contains("- M `src/auth/login.py` +2 −1 (auth) → `tests/test_login.py`"))
        #expect(text.contains("- [ ] `tests/test_login.py` pass (hook: test)"))
        #expect(text.contains("- [ ] New tests for `src/app.py` (hook: test)"))
        #expect(!text.contains("## Domain checklist"))
        // Reading the staged change leaves the user's unstaged work alone.
        #expect(repo.readText("src/app.py") == "x = 3  # unstaged\n")
    }

    @Test func fullModeAddsChecksAndTheDomainChecklistForSensitivePaths() throws {
        let repo = try authRepository()
        let text = try repo.tapps(["enhance", "--mode", "full", "Fix the session timeout in login"]).outputText
        #expect(text.contains("## Checks\n- Staged but apparently outside the task: `src/app.py`"))
        #expect(text.contains("## Domain checklist\n- auth: no secrets or credentials in code, config or logs; compare tokens and password hashes in constant time"))
        #expect(text.contains("- Python: "))
        #expect(text.contains("- `src/auth/login.py` — modified, +2 −1, Python, security: auth"))
    }

    @Test func jsonQuickAgainstFull() throws {
        let repo = try authRepository()
        let quick = try json(try repo.tapps(["enhance", "Fix the session timeout in login", "--format", "json"]))
        let full = try json(try repo.tapps(["enhance", "Fix the session timeout in login", "--mode", "full", "--format", "json"]))
        #expect(quick["mode"]?.text == "quick" && full["mode"]?.text == "full")
        #expect(quick["description"]?.text == "Fix the session timeout in login")
        let prompt = try #require(quick["prompt"]?.bytes)
        let tokens = try #require(number(quick["tokens"]))
        #expect(tokens == (prompt.count + 3) / 4)
        #expect(tokens < 400)
        let fullTokens = try #require(number(full["tokens"]))
        #expect(tokens < fullTokens)
        #expect(number(quick["savings"]?["stages_skipped"]) == 4)
        #expect(number(quick["savings"]?["estimated_tokens_saved"]) == fullTokens - tokens)
        #expect(number(full["savings"]?["estimated_tokens_saved"]) == 0)
        guard case .array(let stages) = full["stages"] else { Issue.record("no stages"); return }
        #expect(stages.compactMap { $0["name"]?.text }
                == ["clarify", "enrich", "structure", "validate", "optimize", "domain_enhance", "finalize"])
        #expect(stages.allSatisfy { $0["output"]?.bytes?.isEmpty == false })
        #expect(quick["preset"]?.text == quick["recommendation"]?["preset"]?.text)
        #expect(quick["context"]?["available"] == .bool(true))
        #expect(quick["context"]?["security_sensitive_files"]?.strings.map { String(decoding: $0, as: UTF8.self) } == ["src/auth/login.py"])
        #expect(String(decoding: prompt, as: UTF8.self) == (try repo.tapps(["enhance", "Fix the session timeout in login"]).outputText))
    }

    @Test func outsideARepositoryItSaysTheContextIsMissing() throws {
        let directory = try ScratchRepository(initialize: false)
        let text = try directory.tapps(["enhance", "Add a database migration for invoices", "--mode", "full"])
        #expect(text.status == 0, "\(text.errorText)")
        #expect(text.outputText.contains("No repository here: the staged context is missing"))
        #expect(text.outputText.contains("- migrations: reversible"))
        let document = try json(try directory.tapps(["enhance", "Fix typo in README", "--format", "json"]))
        #expect(document["context"]?["available"] == .bool(false))
        #expect(document["preset"]?.text == "minimal")
    }

    @Test func hostileFileNamesSurviveInJSONAndStayQuotedInThePrompt() throws {
        let repo = try ScratchRepository()
        try repo.commitAll("base")
        let name: [UInt8] = Array("bad".utf8) + [0xFF, 0x0A] + Array("`auth.py".utf8)
        try repo.write(rawName: name, bytes: Array("x = 1\n".utf8))
        try repo.git("add", "-A")
        let document = try json(try repo.tapps(["enhance", "Fix the parser", "--format", "json", "--mode", "full"]))
        guard case .array(let files) = document["context"]?["files"] else { Issue.record("no files"); return }
        #expect(files.compactMap { $0["path"]?.bytes } == [name])
        let prompt = try #require(document["prompt"]?.text)
        #expect(prompt.contains("`` \"bad\\377\\n`auth.py\" ``"))
        #expect(!prompt.contains("bad\n"))
    }

    @Test func badModeAndEmptyDescriptionExitTwo() throws {
        let repo = try ScratchRepository()
        let bad = try repo.tapps(["enhance", "Fix typo", "--mode", "deep"])
        #expect(bad.status == 2)
        #expect(bad.errorText.contains("'quick'") && bad.errorText.contains("'full'"))
        let message = "enhance needs a task description, e.g. git tapps enhance \"Fix typo in README\""
        for arguments in [["enhance"], ["enhance", "  "]] {
            let empty = try repo.tapps(arguments)
            #expect(empty.status == 2)
            #expect(empty.output.isEmpty)
            #expect(empty.errorText == "git-tapps: \(message)\n")
        }
        // With --format json the error is JSON on stdout.
        let json = try repo.tapps(["enhance", "", "--format", "json"])
        #expect(json.status == 2 && json.error.isEmpty)
        let error = (try JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])?["error"] as? [String: Any]
        #expect(error?["message"] as? String == message)
    }
}
