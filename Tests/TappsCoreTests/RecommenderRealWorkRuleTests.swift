import Testing
import TappsCore

/// The rules that real histories called for, one test each, through the public API.
@Suite("Recommender rules from real work")
struct RecommenderRealWorkRuleTests {
    let recommender = Recommender()

    func recommend(_ description: String, _ files: [ChangedFile]?) -> Recommendation {
        recommender.recommend(description: description, context: Change.context(files))
    }

    // MARK: - Code changes get review

    @Test("a tiny code change with no telling description gets standard, a named trivial edit minimal")
    func tinyCode() {
        let unknown = recommend("Open the pager temp file in text mode", [Change.edit("src/click/_termui_impl.py", 1, 1)])
        #expect(unknown.preset == "standard")
        #expect(unknown.reasoning.first == "tiny change to source code: 1 source file, +1 −1")
        #expect(recommend("Fix typo in a comment", [Change.edit("src/click/_termui_impl.py", 1, 1)]).preset == "minimal")
        #expect(recommend("Fix typo in README", [Change.edit("README.md", 1, 1)]).preset == "minimal")
    }

    @Test("source changed with its tests is a behaviour change: at least standard, even when called trivial")
    func testedTogether() {
        let files = [Change.edit("src/click/core.py", 10, 2), Change.edit("tests/test_options.py", 23, 0)]
        let result = recommend("Show the default in the help text", files)
        #expect(result.preset == "standard")
        #expect(result.reasoning.contains(
            "source code changes together with 1 test file (tests/test_options.py): a behaviour change"))
        // Tests alone, or a test edit beside docs, stay light.
        #expect(recommend("Comment the test cases", [Change.edit("tests/test_options.py", 47, 21)]).preset == "minimal")
    }

    // MARK: - Version bumps

    @Test("version bumps are minimal whatever the dependency is called", arguments: [
        ("Bump tox from 4.11 to 4.12", [Change.edit("requirements/dev.txt", 1, 1)]),
        ("Bump pytest from 7.0.1 to 7.1.2 (#2196)", [Change.edit("requirements.txt", 1, 1)]),
        ("Bump pytest-asyncio from 0.18.3 to 0.19.0", [Change.edit("requirements.txt", 1, 1)]),
        ("Bump actions/cache from 3 to 4", [Change.edit(".github/workflows/tests.yaml", 2, 2)]),
        ("Bump the python-packages group with 3 updates", [Change.edit("requirements.txt", 3, 3)]),
        ("Update github action pins", [Change.edit(".github/workflows/a.yaml", 4, 4), Change.edit(".github/workflows/b.yaml", 6, 6)]),
        ("Version 0.24.0", [Change.edit("CHANGELOG.md", 13, 0), Change.edit("httpx/__version__.py", 1, 1)]),
    ])
    func bumps(description: String, files: [ChangedFile]) {
        #expect(recommend(description, files).preset == "minimal")
    }

    @Test("a bump that also changes code is reviewed")
    func bumpWithCode() {
        let result = recommend("Bump the parser to the new grammar", [Change.edit("src/parser.py", 60, 20)])
        #expect(result.preset == "standard")
        #expect(recommend("", [Change.edit("src/pkg/_version.py", 12, 3)]).preset != "minimal",
                "a version file with real code in it is code")
    }

    @Test("config that replaces lines one for one is minimal; config that adds is not")
    func configReplacements() {
        let pins = recommend("", [Change.edit(".github/workflows/ci.yml", 12, 12)])
        #expect(pins.preset == "minimal")
        #expect(pins.reasoning.first?.hasPrefix("config-only change replacing lines one for one") == true)
        #expect(recommend("", [Change.edit(".github/workflows/ci.yml", 40, 10)]).preset == "standard")
    }

    // MARK: - Words that size code work, on changes without code

    @Test("a docs-only or config-only change is judged by its files when the words only size code work")
    func noSourceStaged() {
        let link = recommend("remove redundant module link", [Change.edit("docs/quickstart.md", 1, 1)])
        #expect(link.preset == "minimal")
        #expect(link.reasoning.contains { $0.hasPrefix("no source code is staged") })
        #expect(recommend("rename extension from .rst to .md", [Change.rename("docs/types.rst", "docs/types.md")]).preset == "minimal")
        #expect(recommend("fix version string", [Change.edit("CHANGES.rst", 2, 2), Change.edit("pyproject.toml", 1, 1)]).preset == "minimal")
        // Risk words still count: a security change on config is not waved through.
        #expect(recommend("Harden the CSP header", [Change.edit("config/headers.yaml", 3, 1)]).preset == "comprehensive")
    }

    @Test("a description sizing more work than is staged yields to the diff; risk words do not")
    func sizeWordsYield() {
        let files = [Change.edit("src/packaging/specifiers.py", 0, 2), Change.edit("tests/test_specifiers.py", 54, 0)]
        let result = recommend("keep range caches across canonicalization", files)
        #expect(result.preset == "standard")
        #expect(result.reasoning.contains { $0.hasPrefix("the description suggests more work (comprehensive)") })
        #expect(recommend("Refactor the authentication system", [Change.edit("src/auth/session.py", 5, 3)]).preset == "full-sdlc")
    }

    @Test("both sides estimate size: the heavier estimate wins where both tolerate it")
    func heavierEstimate() {
        let files = [Change.add("src/packaging/_ranges.py", 665), Change.edit("src/packaging/specifiers.py", 211, 789)]
        let result = recommend("Implement specifier filtering using ranges", files)
        #expect(result.preset == "comprehensive")
        // A security path's preference does not drag a fix above what the description tolerates.
        #expect(recommend("Fix the login redirect loop", [Change.edit("src/auth/views.py", 6, 2)]).preset == "standard")
    }

    @Test("many files with a few lines each are a small change, not a medium one")
    func sweep() {
        let files = (0..<6).map { Change.edit("src/pkg/m\($0).py", 2, 2) }
        let result = recommend("", files)
        #expect(result.preset == "standard")
        #expect(result.reasoning.first == "small change: 6 source files, +12 −12")
    }

    // MARK: - Conventional Commits

    @Test("a Conventional Commits type labels the subject instead of being a clause", arguments: [
        ("fix: better support for subclassing", "standard"),
        ("docs(utils): clarify the roundtrip of normalized names", "minimal"),
        ("feat!: drop the legacy parser", "full-sdlc"),
        ("feat(tags): add handling for Emscripten wheels", "standard"),
        ("chore: fix release script", "standard"),
    ])
    func conventional(description: String, preset: String) {
        #expect(recommend(description, [Change.edit("src/pkg/core.py", 12, 9)]).preset == preset)
    }

    @Test("the API word without a verb does not force more than the change shows")
    func apiWithoutVerb() {
        let result = recommend("Mark make_default_short_help as private API", [Change.edit("src/click/utils.py", 4, 1)])
        #expect(result.preset == "standard")
        #expect(recommend("Add a public API for plugins", nil).preset == "comprehensive")
    }
}
