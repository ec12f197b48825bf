import Foundation
import Testing
import TestSupport

/// Quick enhancement is at most half of full, measured in tokens on staged examples (the enhance guide's), and
/// still names the goal, the staged files and their changed symbols, the related tests and the acceptance checks.
@Suite struct EnhanceQuickSizeTests {
    struct Example {
        var description: String
        var base: [String: String]
        var staged: [String: String]
        /// What the quick prompt must name.
        var mustName: [String]
    }

    static let examples: [Example] = [
        Example(description: "Fix the session timeout in login",
                base: ["src/auth/login.py": "def login(user):\n    session = start(user)\n    session.timeout = 60\n    return session\n\n\ndef logout(session):\n    session.close()\n",
                       "src/app.py": "def main():\n    pass\n", "tests/test_login.py": "def test_login():\n    pass\n"],
                staged: ["src/auth/login.py": "def login(user):\n    session = start(user)\n    session.timeout = 3600\n    return session\n\n\ndef logout(session):\n    session.close()\n",
                         "src/app.py": "def main():\n    run()\n\n\ndef run():\n    pass\n"],
                mustName: ["Fix the session timeout in login", "`src/auth/login.py`", "`src/app.py`", ": login", ": main, run",
                           "`tests/test_login.py`", "(hook: test)", "(hook: review)"]),
        Example(description: "Add OAuth token refresh",
                base: ["src/auth/__init__.py": "", "tests/__init__.py": ""],
                staged: ["src/auth/oauth.py": "class TokenStore:\n    def get(self, user):\n        return None\n\n\ndef refresh_token(store, user):\n    return store.get(user)\n",
                         "tests/test_oauth.py": "from src.auth.oauth import refresh_token\n\n\ndef test_refresh_token():\n    assert refresh_token is not None\n"],
                mustName: ["Add OAuth token refresh", "`src/auth/oauth.py`", "TokenStore", "refresh_token", "`tests/test_oauth.py`",
                           "(hook: test)"]),
        Example(description: "improve stuff",
                base: ["src/app.py": "def main():\n    return 1\n"],
                staged: ["src/app.py": "def main():\n    return 2\n"],
                mustName: ["Improve stuff", "`src/app.py`", ": main", "'improve' is vague", "(hook: test)"]),
        Example(description: "Fix typo in README",
                base: ["README.md": "# Demo\n\nA smal demo.\n"],
                staged: ["README.md": "# Demo\n\nA small demo.\n"],
                mustName: ["Fix typo in README", "`README.md`", "(hook: test)"]),
    ]

    static func repository(_ example: Example) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        for (path, text) in example.base { try repo.write(path, text) }
        try repo.commitAll("base")
        for (path, text) in example.staged { try repo.write(path, text) }
        try repo.git("add", "-A")
        return repo
    }

    @Test(arguments: examples.indices)
    func quickIsAtMostHalfOfFullAndStillNamesWhatMatters(_ number: Int) throws {
        let example = Self.examples[number]
        let repo = try Self.repository(example)
        let quick = try repo.tapps(["enhance", example.description, "--format", "json"])
        let full = try repo.tapps(["enhance", example.description, "--mode", "full", "--format", "json"])
        #expect(quick.status == 0 && full.status == 0, "\(quick.errorText) \(full.errorText)")
        let q = try #require(JSONSerialization.jsonObject(with: Data(quick.output)) as? [String: Any])
        let f = try #require(JSONSerialization.jsonObject(with: Data(full.output)) as? [String: Any])
        let quickTokens = try #require(q["tokens"] as? Int), fullTokens = try #require(f["tokens"] as? Int)
        #expect(quickTokens * 2 <= fullTokens, "\(example.description): quick \(quickTokens) vs full \(fullTokens)")
        let savings = try #require(q["savings"] as? [String: Any])
        #expect(savings["tokens"] as? Int == quickTokens && savings["full_tokens"] as? Int == fullTokens)
        #expect(savings["estimated_tokens_saved"] as? Int == fullTokens - quickTokens)
        let ratio = try #require(savings["ratio"] as? Double)
        #expect(ratio <= 0.5 && abs(ratio - Double(quickTokens) / Double(fullTokens)) < 0.001)
        #expect((savings["percentage_saved"] as? Double ?? 0) >= 50)
        let prompt = try #require(q["prompt"] as? String)
        #expect(prompt.contains("## Acceptance criteria"))
        for name in example.mustName {
            #expect(prompt.contains(name), "\(example.description): the quick prompt names \(name)\n\(prompt)")
        }
    }
}
