import Testing
import TappsCore

/// Builds an ``EnhanceInput`` the way the command does, from changes instead of a repository.
enum EnhanceFixture {
    static func input(_ description: String, _ changes: [ChangedFile] = [], repository: Bool = true,
                      related: [String: [String]] = [:], preset name: String? = nil) throws -> EnhanceInput {
        let context = repository ? FileContext.build(from: changes, classifier: FileClassifier()) : .unavailable
        let recommendation = Recommender().recommend(description: description, context: context)
        let preset = try #require(PresetCatalogue().preset(named: name ?? recommendation.preset))
        var tests: [RepoPath: [RepoPath]] = [:]
        for (source, list) in related { tests[RepoPath(source)] = list.map(RepoPath.init) }
        return EnhanceInput(description: description, context: context, recommendation: recommendation, preset: preset,
                            relatedTests: tests)
    }
}

@Suite("Enhance: clarify")
struct EnhanceClarifyTests {
    @Test("normalises: trims, collapses spaces, one sentence per line, list markers dropped")
    func sentences() {
        #expect(ClarifyStage.sentences("  fix   the typo.   then  update docs\n- add tests ")
                == ["Fix the typo.", "Then update docs.", "Add tests."])
        #expect(ClarifyStage.sentences("Rename README.md to GUIDE.md") == ["Rename README.md to GUIDE.md."])
        #expect(ClarifyStage.sentences(" \n ").isEmpty)
    }

    @Test("task type, object and target come from the recommender's vocabulary")
    func kinds() {
        let typo = ClarifyStage.run(description: "Fix typo in README", context: .unavailable)
        #expect(typo.taskType == "docs" && typo.object == "typo" && typo.target == "README")
        #expect(typo.ambiguities.isEmpty)
        let limit = ClarifyStage.run(description: "Add rate limiting to the login endpoint", context: .unavailable)
        #expect(limit.taskType == "security" && limit.object == "rate limiting" && limit.target == "login endpoint")
        #expect(ClarifyStage.run(description: "Refactor the payment module", context: .unavailable).taskType == "refactor")
        #expect(ClarifyStage.run(description: "Fix crash when saving", context: .unavailable).taskType == "bug fix")
        #expect(ClarifyStage.run(description: "Add OAuth token refresh", context: .unavailable).object == "OAuth token refresh")
    }

    @Test("a path in the description is the target, as written")
    func pathTarget() {
        let result = ClarifyStage.run(description: "Update the wording in docs/Guide.md.", context: .unavailable)
        #expect(result.target == "docs/Guide.md")
    }

    @Test("a staged file the description names is the target, and no target question is asked")
    func stagedTarget() {
        let context = FileContext.build(from: [Change.edit("src/auth/login.py", 2)], classifier: FileClassifier())
        let result = ClarifyStage.run(description: "Fix the session timeout in login", context: context)
        #expect(result.target == "`src/auth/login.py`")
        #expect(!result.ambiguities.contains { $0.hasPrefix("No target") })
    }

    @Test("vague verbs and objects, a bare verb, no target and several tasks become questions")
    func ambiguities() {
        let vague = ClarifyStage.run(description: "improve stuff", context: .unavailable)
        #expect(vague.ambiguities.contains { $0.hasPrefix("'improve' is vague") })
        #expect(vague.ambiguities.contains { $0.hasPrefix("'stuff' is vague") })
        #expect(vague.ambiguities.contains { $0.hasPrefix("No target named: which file") })
        let bare = ClarifyStage.run(description: "fix", context: .unavailable)
        #expect(bare.ambiguities.contains("'fix' what? Name the behaviour or the code to change."))
        let two = ClarifyStage.run(description: "Fix the typo in README and refactor the parser module", context: .unavailable)
        #expect(two.ambiguities.contains { $0.contains("holds 2 tasks") })
        let unknown = ClarifyStage.run(description: "the quarterly numbers", context: .unavailable)
        #expect(unknown.taskType == nil)
        #expect(unknown.ambiguities.first == "What kind of change is this: a fix, a feature, a refactor, docs?")
    }
}

@Suite("Enhance: enrich and structure")
struct EnhanceEnrichStructureTests {
    @Test("outside a repository the context says it is missing; nothing staged says so")
    func missing() throws {
        let outside = EnrichStage.run(try EnhanceFixture.input("Fix typo", repository: false), perFile: false, cap: 5)
        #expect(outside.items.contains { $0.hasPrefix("No repository here: the staged context is missing") })
        let empty = EnrichStage.run(try EnhanceFixture.input("Fix typo"), perFile: false, cap: 5)
        #expect(empty.items.contains { $0.hasPrefix("Nothing is staged yet") })
    }

    @Test("quick groups files by status with capped lists; security topics and related tests are named")
    func grouped() throws {
        let added = (1...8).map { Change.add("lib/m\($0).py", 3) }
        let input = try EnhanceFixture.input("Add modules", added + [Change.edit("src/auth/login.py", 2, 1)],
                                             related: ["src/auth/login.py": ["tests/test_login.py"]])
        let section = EnrichStage.run(input, perFile: false, cap: 5)
        #expect(section.items.contains("Added (8): `lib/m1.py`, `lib/m2.py`, `lib/m3.py`, `lib/m4.py`, `lib/m5.py` … and 3 more"))
        #expect(section.items.contains("Modified (1): `src/auth/login.py`"))
        #expect(section.items.contains("Security-sensitive: `src/auth/login.py` (auth)"))
        #expect(section.items.contains("Related tests: `src/auth/login.py` → `tests/test_login.py`"))
        #expect(section.items.contains("Staged: 9 files, +26 −1 (Python)"))
    }

    @Test("full lists every file with what it is, and the repository's config")
    func perFile() throws {
        let input = try EnhanceFixture.input("Fix login", [Change.edit("src/auth/login.py", 2, 1), Change.rename("a.md", "b.md")])
        let items = EnrichStage.run(input, perFile: true, cap: 10).items
        #expect(items.contains("`src/auth/login.py` — modified, +2 −1, Python, security: auth"))
        #expect(items.contains("`a.md` → `b.md` — renamed, +0 −0, Markdown, docs"))
        #expect(items.contains("Repository config: test patterns: built-in defaults; no framework paths"))
    }

    @Test("criteria: related tests pass, new tests for untested modules, the bug is reproduced")
    func testCriteria() throws {
        let input = try EnhanceFixture.input("Fix the login timeout", [Change.edit("src/auth/login.py", 2), Change.edit("src/app.py", 1)],
                                             related: ["src/auth/login.py": ["tests/test_login.py"]], preset: "standard")
        let structure = StructureStage.run(input, clarification: ClarifyStage.run(description: input.description, context: input.context), cap: 5)
        let texts = structure.criteria.map(\.text)
        #expect(texts.contains("Updated tests `tests/test_login.py` pass and exercise the change to `src/auth/login.py`"))
        #expect(texts.contains("New tests cover the change to `src/app.py`"))
        #expect(texts.contains("A test reproduces the bug, failing before the fix and passing after it"))
        #expect(texts.contains("Static checks pass on the staged files"))
        #expect(!texts.contains { $0.hasPrefix("Security review") })
        #expect(structure.constraints.contains("Keep unstaged and untracked work as it is; stage only this change."))
        #expect(structure.constraints.contains { $0.hasPrefix("Workflow: standard — plan → implement → review → test; the pre-commit hook runs review, test") })
    }

    @Test("criteria follow the preset's phases: security names the sensitive paths, docs, coverage")
    func phaseCriteria() throws {
        let changes = [Change.edit("src/auth/login.py", 40), Change.edit("src/app.py", 5)]
        func criteria(_ preset: String) throws -> [String] {
            let input = try EnhanceFixture.input("Add login throttling", changes, preset: preset)
            return StructureStage.run(input, clarification: ClarifyStage.run(description: input.description, context: input.context), cap: 5)
                .criteria.map(\.text)
        }
        let full = try criteria("full-sdlc")
        #expect(full.contains("Security review of `src/auth/login.py` finds no new issue"))
        #expect(full.contains("Docs (README, docs/) describe the changed behaviour"))
        #expect(try criteria("lightweight").contains("Coverage of the changed code is at least 75%"))
        let minimal = try criteria("minimal")
        #expect(!minimal.contains { $0.hasPrefix("Static checks") || $0.hasPrefix("Security review") || $0.hasPrefix("Docs") })
    }
}

@Suite("Enhance: validate, optimize, domain")
struct EnhanceLaterStageTests {
    private func validate(_ input: EnhanceInput) -> [String] {
        let clarification = ClarifyStage.run(description: input.description, context: input.context)
        let structure = StructureStage.run(input, clarification: clarification, cap: 5)
        return ValidateStage.run(input, clarification: clarification, structure: structure, cap: 5).items
    }

    @Test("staged files outside the described scope are flagged; related tests of in-scope files are not")
    func scope() throws {
        let input = try EnhanceFixture.input("Fix the login timeout",
                                             [Change.edit("src/auth/login.py", 2), Change.edit("src/billing.py", 1),
                                              Change.edit("tests/test_login.py", 3)],
                                             related: ["src/auth/login.py": ["tests/test_login.py"]])
        let items = validate(input)
        #expect(items.contains("Staged but apparently outside the task: `src/billing.py` — unstage or say why they belong."))
    }

    @Test("a description that names none of the staged files asks to confirm them")
    func noneNamed() throws {
        let items = validate(try EnhanceFixture.input("Fix the crash", [Change.edit("src/parser.py", 2)]))
        #expect(items.contains("The description names none of the 1 staged file: confirm they all belong to this task."))
    }

    @Test("a vague goal is flagged as not checkable; a clear one passes every check")
    func checkable() throws {
        let vague = validate(try EnhanceFixture.input("improve stuff", [Change.edit("src/widget.py", 2)]))
        #expect(vague.contains { $0.hasPrefix("Not checkable as written: “Done when: Improve stuff”") })
        #expect(vague.contains { $0.hasPrefix("Answer the 3 open questions") })
        let clear = validate(try EnhanceFixture.input("Fix the parser crash", [Change.edit("src/parser.py", 2)]))
        #expect(clear == ["Every acceptance criterion has a check and every staged file matches the task."])
    }

    @Test("optimize drops duplicates across sections and caps long lists to fit the budget")
    func optimize() {
        var draft = PromptDraft()
        draft.put(PromptSection(.context, items: (1...40).map { "file number \($0) with a fairly long description attached" }))
        draft.put(PromptSection(.constraints, items: ["Keep it small", "keep  it small", "Other"]))
        let result = OptimizeStage.run(draft, budget: 150)
        #expect(result.duplicatesRemoved == 1)
        #expect(result.draft.section(.constraints)?.items == ["Keep it small", "Other"])
        let context = result.draft.section(.context)?.items ?? []
        #expect(context.count == result.itemCap)
        #expect(context.last == "… and \(40 - context.count + 1) more")
        #expect(result.tokensAfter < result.tokensBefore)
        #expect(result.tokensAfter == TokenEstimate.of(result.draft.markdown))
        // A generous budget keeps the loosest cap.
        #expect(OptimizeStage.run(draft, budget: 100_000).itemCap == 12)
        // Nothing long: nothing capped.
        #expect(OptimizeStage.run(PromptDraft(sections: [PromptSection(.task, lines: ["x"])]), budget: 10).itemCap == nil)
    }

    @Test("domain checklists for path topics, described topics and source languages; negations ignored")
    func domain() throws {
        let auth = DomainStage.run(try EnhanceFixture.input("Fix it", [Change.edit("src/auth/login.py", 2), Change.edit("README.md", 1)]))
        #expect(auth.items.contains { $0.hasPrefix("auth: ") && $0.contains("constant time") })
        #expect(auth.items.contains { $0.hasPrefix("Python: ") })
        #expect(!auth.items.contains { $0.hasPrefix("Markdown") })
        let migration = DomainStage.run(try EnhanceFixture.input("Add a database migration for invoices", repository: false))
        #expect(migration.items.contains { $0.hasPrefix("migrations: reversible") && $0.contains("tested on a copy") })
        #expect(DomainStage.run(try EnhanceFixture.input("Tidy the parser, no auth changes", repository: false)).items.isEmpty)
        let many = DomainStage.run(try EnhanceFixture.input("Port it", [Change.edit("a.go", 1), Change.edit("b.rs", 1),
                                                                       Change.edit("c.swift", 1), Change.edit("d.py", 1)]))
        #expect(many.items.count == 3)
    }

    @Test("related test names across languages; the whole stem must match")
    func relatedNames() {
        let tracked = ["tests/test_user.py", "pkg/user_test.go", "web/user.test.ts", "Tests/UserTests.swift",
                       "tests/test_users.py", "src/user_helpers.py"].map(RepoPath.init)
        let found = RelatedTestNames.find(for: [RepoPath("src/user.py"), RepoPath("Sources/User.swift")], among: tracked,
                                          classifier: FileClassifier())
        #expect(found[RepoPath("src/user.py")]?.map(\.string)
                == ["Tests/UserTests.swift", "pkg/user_test.go", "tests/test_user.py", "web/user.test.ts"])
        #expect(found[RepoPath("Sources/User.swift")]?.count == 4)
    }
}

@Suite("Enhance: pipeline")
struct EnhancePipelineTests {
    @Test("token estimate is a quarter of the UTF-8 bytes, rounded up")
    func tokens() {
        #expect(TokenEstimate.of("") == 0)
        #expect(TokenEstimate.of("abcd") == 1)
        #expect(TokenEstimate.of("abcde") == 2)
        #expect(TokenEstimate.of("éé") == 1)
    }

    @Test("quick runs three stages, full seven; full adds checks and the domain checklist; savings are real")
    func modes() throws {
        let input = try EnhanceFixture.input("Fix the login timeout", [Change.edit("src/auth/login.py", 2), Change.edit("src/app.py", 1)],
                                             related: ["src/auth/login.py": ["tests/test_login.py"]])
        let quick = Enhancer.enhance(input, mode: .quick)
        let full = Enhancer.enhance(input, mode: .full)
        #expect(quick.stages.map(\.stage.rawValue) == ["clarify", "enrich", "structure"])
        #expect(full.stages.map(\.stage.rawValue) == ["clarify", "enrich", "structure", "validate", "optimize", "domain_enhance", "finalize"])
        for title in ["## Task", "## Context", "## Acceptance criteria"] {
            #expect(quick.prompt.text.contains(title) && full.prompt.text.contains(title))
        }
        #expect(full.prompt.text.contains("## Constraints") && !quick.prompt.text.contains("## Constraints"),
                "quick keeps one constraint line in the task")
        #expect(quick.prompt.tokens * 2 <= full.prompt.tokens, "quick is at most half of full")
        #expect(!quick.prompt.text.contains("## Checks") && !quick.prompt.text.contains("## Domain checklist"))
        #expect(full.prompt.text.contains("## Checks") && full.prompt.text.contains("## Domain checklist"))
        #expect(quick.prompt.tokens == (quick.prompt.text.utf8.count + 3) / 4)
        #expect(quick.prompt.tokens < 400)
        #expect(quick.fullTokens == full.prompt.tokens)
        #expect(quick.stagesSkipped == 4 && quick.tokensSaved == full.prompt.tokens - quick.prompt.tokens && quick.tokensSaved > 0)
        #expect(full.stagesSkipped == 0 && full.tokensSaved == 0)
        #expect(full.stages.last?.output == full.prompt.summary)
    }

    @Test("a huge change keeps both prompts bounded: lists are capped")
    func bounded() throws {
        let changes = (1...300).map { Change.edit("module\($0 % 7)/file_number_\($0).py", 3) }
        let input = try EnhanceFixture.input("Rename the logger everywhere", changes)
        let quick = Enhancer.enhance(input, mode: .quick)
        let full = Enhancer.enhance(input, mode: .full)
        #expect(quick.prompt.text.contains("… and 294 more"))
        #expect(quick.prompt.tokens < 600)
        #expect(full.prompt.text.contains("more"))
        #expect(full.prompt.tokens <= Enhancer.fullBudget + 200)
    }
}
