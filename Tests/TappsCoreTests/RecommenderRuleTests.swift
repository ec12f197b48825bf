import Testing
import TappsCore

/// One test per rule of the recommender, through its public API.
@Suite("Recommender rules")
struct RecommenderRuleTests {
    let recommender = Recommender()

    func recommend(_ description: String, _ files: [ChangedFile]?) -> Recommendation {
        recommender.recommend(description: description, context: Change.context(files))
    }

    // MARK: - Words, not substrings

    @Test("'author' is not 'auth', 'latest' is not 'test', 'catalog' is not 'log'")
    func wordsNotSubstrings() {
        let author = recommend("Update author bio layout", nil)
        #expect(!author.reasoning.joined().contains("auth)"))
        #expect(author.preset == "standard")
        let latest = recommend("Show latest builds first", nil)
        #expect(!latest.reasoning.joined().contains("'test"))
        let catalog = recommend("Fix catalog bug", nil)
        #expect(catalog.preset == "standard")
        #expect(!catalog.reasoning.joined().contains("'log'"))
    }

    @Test("the seed's failure: 'Fix typo in README' is minimal")
    func typoInReadme() {
        let result = recommend("Fix typo in README", [Change.edit("README.md", 1, 1)])
        #expect(result.preset == "minimal")
        #expect(result.reasoning.first == "description mentions 'typo'")
        #expect(result.reasoning.contains("docs-only change: 1 file, +1 −1"))
        #expect(result.confidence >= 0.85)
        #expect(result.complexity <= 3 && result.risk <= 3)
    }

    @Test("simple inflections and phrases count", arguments: [
        ("Fix typos", "minimal"), ("Add new endpoints", "comprehensive"), ("Refactoring the parse function", "standard"),
        ("Fix comment", "minimal"), ("Add API endpoint", "comprehensive"), ("Improve logging", "minimal"),
    ])
    func inflections(description: String, preset: String) {
        #expect(recommend(description, nil).preset == preset)
    }

    // MARK: - Framework paths

    @Test("a framework path forces full-sdlc with confidence 1")
    func framework() {
        let result = recommend("Fix typo", [Change.edit("tapps_agents/core/runner.py", 1, 1)])
        #expect(result.preset == "full-sdlc")
        #expect(result.confidence == 1.0)
        #expect(result.reasoning.first == "framework path: tapps_agents/core/runner.py")
    }

    @Test("tests under a framework path are not framework code")
    func frameworkTests() {
        let result = recommend("", [Change.edit("tapps_agents/tests/test_runner.py", 4, 1)])
        #expect(result.preset != "full-sdlc")
    }

    @Test("a rename out of a framework path still counts")
    func frameworkRename() {
        let result = recommend("", [Change.rename("tapps_agents/old.py", "lib/old.py")])
        #expect(result.preset == "full-sdlc")
    }

    // MARK: - Shapes of the staged change

    @Test("docs-only caps at standard, whatever the description says")
    func docsOnlyCap() {
        let result = recommend("Rewrite the architecture overview", [Change.edit("docs/architecture.md", 200, 150)])
        #expect(result.preset == "minimal" || result.preset == "standard")
        #expect(result.reasoning.contains { $0.hasPrefix("docs-only change: 1 file, +200 −150") })
    }

    @Test("tests-only, config-only, generated-only, binary-only, renames, deletions", arguments: [
        ([Change.add("tests/test_a.py", 30)], "minimal", "tests-only change: 1 file, +30 −0"),
        ([Change.add("tests/test_a.py", 300)], "standard", "tests-only change: 1 file, +300 −0"),
        ([Change.edit("setup.cfg", 2, 1)], "minimal", "config-only change: 1 file, +2 −1"),
        ([Change.edit("config/app.yaml", 40, 10)], "standard", "config-only change: 1 file, +40 −10"),
        ([Change.edit("yarn.lock", 90, 80)], "minimal", "generated files only (lockfiles, build output): 1 file, +90 −80"),
        ([Change.binary("assets/hero.jpg")], "minimal", "binary files only: 1 file, +0 −0"),
        ([Change.rename("src/a.py", "src/b.py")], "standard", "renames only: 1 file"),
        ([Change.delete("src/old.py", 120)], "standard", "deletions only: 1 file, +0 −120"),
    ])
    func shapes(files: [ChangedFile], preset: String, reason: String) {
        let result = recommend("", files)
        #expect(result.preset == preset)
        #expect(result.reasoning.first == reason)
    }

    @Test("size: tiny, small, medium, large")
    func sizes() {
        let tiny = recommend("", [Change.edit("src/a.py", 3, 2)])
        #expect(tiny.preset == "standard")
        #expect(tiny.reasoning.first == "tiny change to source code: 1 source file, +3 −2")
        #expect(recommend("", [Change.edit("src/a.py", 60, 20)]).preset == "standard")
        let medium = recommend("", [Change.edit("src/r/a.py", 150, 50), Change.add("src/r/b.py", 120)])
        #expect(medium.preset == "lightweight")
        #expect(medium.reasoning.first?.hasPrefix("medium change in one area: 2 source files, +270 −50") == true)
        let large = recommend("", Change.spread(14, lines: 60, directories: ["src"]))
        #expect(large.preset == "comprehensive")
    }

    @Test("spread over many top-level directories weighs more than the same lines in one")
    func spread() {
        let together = recommend("", Change.spread(6, lines: 40, directories: ["src"]))
        let apart = recommend("", Change.spread(6, lines: 40, directories: ["api", "web", "cli"]))
        #expect(together.preset == "lightweight")
        #expect(apart.preset == "comprehensive")
        #expect(apart.reasoning.first?.contains("spread over 3 top-level directories") == true)
    }

    @Test("mostly new files are called out")
    func newFiles() {
        let result = recommend("", [Change.add("src/feature/a.py", 200), Change.edit("src/feature/b.py", 10, 2)])
        #expect(result.reasoning.first?.hasSuffix("mostly new files") == true)
    }

    // MARK: - Security-sensitive paths

    @Test("security-sensitive path is cited with its topic")
    func securityPath() {
        let result = recommend("", [Change.edit("src/auth/session.py", 40, 10)])
        #expect(result.preset == "comprehensive")
        #expect(result.reasoning.first == "security-sensitive path: src/auth/session.py (auth)")
        #expect(result.risk >= 7)
    }

    @Test("a trivial description on a security path is raised to standard, not beyond")
    func trivialOnSecurityPath() {
        let result = recommend("Fix typo in the error message", [Change.edit("src/payments/errors.py", 1, 1)])
        #expect(result.preset == "standard")
        #expect(result.reasoning.contains("security-sensitive path: src/payments/errors.py (payments)"))
    }

    @Test("a new schema migration is comprehensive")
    func migration() {
        let result = recommend("", [Change.add("app/migrations/0031_add_index.py", 20)])
        #expect(result.preset == "comprehensive")
        #expect(result.reasoning.first == "new schema migration: app/migrations/0031_add_index.py (migrations)")
    }

    @Test("security words in paths are whole words: src/authors is not auth")
    func securityWholeWords() {
        let result = recommend("", [Change.edit("src/authors/list.py", 3, 1)])
        #expect(result.preset == "standard")
        #expect(!result.reasoning.contains { $0.contains("security-sensitive") })
        #expect(recommend("", [Change.edit("src/auth/list.py", 3, 1)]).preset == "comprehensive")
    }

    // MARK: - Description and change together

    @Test("disagreement lowers confidence and is explained")
    func disagreement() {
        let agreeing = recommend("Fix typo", [Change.edit("src/app.py", 1, 1)])
        let disagreeing = recommend("Fix typo", Change.spread(14, lines: 60, directories: ["src", "lib"]))
        #expect(agreeing.preset == "minimal")
        #expect(disagreeing.preset != "minimal")
        #expect(disagreeing.confidence < agreeing.confidence)
        #expect(disagreeing.reasoning.contains { $0.hasPrefix("the staged change calls for more than the description says") })
    }

    @Test("a heavy description is kept over a small staged change")
    func heavyDescriptionSmallChange() {
        let result = recommend("Refactor the authentication system", [Change.edit("src/auth/session.py", 5, 3)])
        #expect(result.preset == "full-sdlc")
        #expect(result.reasoning.first?.contains("security-critical code ('authentication', auth)") == true)
    }

    @Test("a medium feature description on a tiny change settles on standard")
    func featureOnTinyChange() {
        let result = recommend("Add CSV export", [Change.edit("src/export.py", 4, 1)])
        #expect(result.preset == "standard")
    }

    // MARK: - Missing evidence

    @Test("no repository: judged from the description, and says so")
    func noRepository() {
        let result = recommend("Add OAuth token refresh", nil)
        #expect(result.preset == "comprehensive")
        #expect(result.reasoning.last == "no repository here: judged from the description only")
    }

    @Test("nothing staged: judged from the description, and says so")
    func nothingStaged() {
        let result = recommend("Fix typo", [])
        #expect(result.preset == "minimal")
        #expect(result.reasoning.contains("nothing staged: judged from the description only"))
    }

    @Test("no description and no repository: standard with low confidence")
    func nothingAtAll() {
        let result = recommend("", nil)
        #expect(result.preset == "standard")
        #expect(result.confidence <= 0.3)
        #expect(result.reasoning.contains("no repository here: judged from the description only"))
    }

    @Test("confidence: both sources beat one source beats none")
    func confidenceOrder() {
        let both = recommend("Fix typo in README", [Change.edit("README.md", 1, 1)]).confidence
        let descriptionOnly = recommend("Fix typo in README", nil).confidence
        let changeOnly = recommend("", [Change.edit("README.md", 1, 1)]).confidence
        let neither = recommend("", nil).confidence
        #expect(both > descriptionOnly)
        #expect(descriptionOnly > neither)
        #expect(changeOnly > neither)
    }

    @Test("an unrecognised description is reported")
    func unrecognised() {
        let result = recommend("Do the thing", nil)
        #expect(result.preset == "standard")
        #expect(result.reasoning.contains("description names nothing the recommender recognises"))
    }

    // MARK: - Negation, unmerged files, catalogue

    @Test("negated words are ignored and reported")
    func negation() {
        let result = recommend("Tweak the search ranking, no breaking changes", nil)
        #expect(result.preset != "full-sdlc")
        #expect(result.reasoning.contains("description rules out 'breaking changes': ignored"))
    }

    @Test("unmerged files are named and lower confidence")
    func unmerged() {
        let clean = recommend("Fix crash in parser", [Change.edit("src/parser.py", 3, 1)])
        let conflicted = recommend("Fix crash in parser", [Change.edit("src/parser.py", 3, 1), Change.unmerged("src/lexer.py")])
        #expect(conflicted.preset == "standard")
        #expect(conflicted.confidence < clean.confidence)
        #expect(conflicted.reasoning.contains("unmerged src/lexer.py: resolve the conflicts before committing"))
    }

    @Test("a preset missing from the catalogue falls back to standard")
    func missingPreset() {
        let catalogue = PresetCatalogue(presets: BuiltInPresets.all.filter { $0.name != "minimal" })
        let result = Recommender(catalogue: catalogue).recommend(description: "Fix typo", context: .unavailable)
        #expect(result.preset == "standard")
        #expect(result.reasoning.last == "preset 'minimal' is not in this repository's catalogue: using standard")
    }

    // MARK: - Output ranges

    @Test("every labelled case: valid preset, scores 1–10, confidence 0–1, reasons")
    func ranges() {
        let names = Set(BuiltInPresets.all.map(\.name))
        for labelled in RecommenderLabelledSetTests.cases {
            let result = recommend(labelled.task, labelled.files)
            #expect(names.contains(result.preset))
            #expect((1...10).contains(result.complexity) && (1...10).contains(result.risk), "\(labelled.summary)")
            #expect((0...1).contains(result.confidence))
            #expect(!result.reasoning.isEmpty)
        }
    }

    @Test("risk and complexity grow with the preset")
    func scoresGrow() {
        let minimal = recommend("Fix typo in README", nil)
        let comprehensive = recommend("Add OAuth token refresh", nil)
        let full = recommend("Split the monolith into services", nil)
        #expect(minimal.risk < comprehensive.risk)
        #expect(max(comprehensive.complexity, comprehensive.risk) <= max(full.complexity, full.risk))
        #expect(full.complexity >= 7)
    }
}
