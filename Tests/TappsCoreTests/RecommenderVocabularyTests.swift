import Testing
@testable import TappsCore

@Suite("Recommender vocabulary and tokenizer")
struct RecommenderVocabularyTests {
    @Test("inflections reach the listed base form", arguments: [
        ("typos", "typo"), ("logging", "log"), ("logged", "log"), ("logs", "log"), ("logger", "log"),
        ("endpoints", "endpoint"), ("refactoring", "refactor"), ("refactored", "refactor"), ("validated", "validate"),
        ("validating", "validate"), ("fixes", "fix"), ("caches", "cache"), ("queries", "query"),
        ("formatted", "format"), ("formatting", "format"), ("tests", "test"), ("testing", "test"),
        ("comments", "comment"), ("docs", "doc"), ("sessions", "session"),
    ])
    func inflections(word: String, lemma: String) {
        #expect(TaskVocabulary.lemma(word) == lemma)
    }

    @Test("look-alike words stay themselves", arguments: [
        "author", "authored", "authors", "authentic", "authenticity", "authority", "latest", "contest", "contests",
        "protest", "attest", "catalog", "catalogs", "logistics", "blogging", "dialog", "logo", "doctor", "docker",
        "rapid", "notes",
    ])
    func lookAlikes(word: String) {
        let lemma = TaskVocabulary.lemma(word)
        #expect(!["auth", "test", "log", "doc", "api", "not"].contains(lemma), "\(word) → \(lemma)")
        #expect(TaskVocabulary.cues(ofLemma: lemma).isEmpty, "\(word) has cues")
    }

    @Test("'notes' is a note, not a negation")
    func notesIsNotNegation() {
        #expect(TaskVocabulary.lemma("notes") == "note")
        let tokens = DescriptionTokenizer.tokens(["release", "notes"])
        #expect(tokens.count == 1)
        #expect(tokens[0].has(.docLike))
    }

    @Test("phrases match as one token, on inflected words too")
    func phrases() {
        func texts(_ text: String) -> [String] { DescriptionTokenizer.tokens(Words.split(text)).map(\.lemma) }
        #expect(texts("new API endpoints") == ["new", "api endpoint"])
        #expect(texts("avoid breaking changes") == ["avoid", "breaking change"])
        #expect(texts("add rate limiting") == ["add", "rate limit"])
        #expect(texts("fix off-by-one") == ["fix", "off by one"])
        #expect(texts("require 2FA") == ["require", "2 fa"])
    }

    @Test("'log in' is login but 'logging in' is logging")
    func logIn() {
        let login = DescriptionTokenizer.tokens(Words.split("fix log in button"))
        #expect(login.map(\.text) == ["fix", "log in", "button"])
        #expect(login[1].has(.topic("auth", strong: false)))
        let logging = DescriptionTokenizer.tokens(Words.split("add logging in parser"))
        #expect(logging.map(\.lemma) == ["add", "log", "in", "parser"])
    }

    @Test("negators govern the next words")
    func negations() {
        let clause = DescriptionTokenizer.clauses("Tidy the job, no auth changes").last ?? []
        #expect(clause.first { $0.lemma == "auth" }?.negated == true)
        let nonBreaking = DescriptionTokenizer.clauses("non-breaking change to search").first ?? []
        #expect(nonBreaking.first { $0.lemma == "breaking change" }?.negated == true)
        #expect(DescriptionAnalyzer.negatedWords(in: "Refactor helpers without breaking changes") == ["breaking changes"])
    }

    @Test("clauses split at punctuation and at 'and' + verb only")
    func clauses() {
        #expect(DescriptionTokenizer.clauses("Fix the typo and refactor the auth system").count == 2)
        #expect(DescriptionTokenizer.clauses("Fix login and signup redirects").count == 1)
        #expect(DescriptionTokenizer.clauses("Update README.md; bump v1.2").count == 2)
        #expect(DescriptionTokenizer.clauses("Update README.md").count == 1)
        #expect(DescriptionTokenizer.clauses("").isEmpty)
    }

    @Test("the part after the first preposition is where, not what")
    func headNoun() {
        let logging = DescriptionAnalyzer.evidence(in: "Add logging to the new API endpoint")
        #expect(logging.first?.preferred == .minimal)
        let endpoint = DescriptionAnalyzer.evidence(in: "Add a new API endpoint with logging")
        #expect(endpoint.first?.preferred == .comprehensive)
        #expect(DescriptionAnalyzer.evidence(in: "Add API docs").first?.preferred == .minimal)
        #expect(DescriptionAnalyzer.evidence(in: "Add comment support to posts").first?.preferred == .lightweight)
        #expect(DescriptionAnalyzer.evidence(in: "Add support for SAML login").first?.preferred == .comprehensive)
    }

    @Test("a Conventional Commits label is folded into its subject; other colons are left alone", arguments: [
        ("fix(pylock): respect empty environments", "fix respect empty environments"),
        ("Fix: typo", "fix typo"),
        ("docs(utils): clarify names", "document clarify names"),
        ("feat!: drop the old parser", "breaking change; drop the old parser"),
        ("perf(tests): skip coverage on 3.13t", "skip coverage on 3.13t"),
        ("Note: this keeps the cache", "Note: this keeps the cache"),
        ("README: fix typo", "README: fix typo"),
        ("fix:no-space", "fix:no-space"),
        ("fix:", "fix:"),
    ])
    func conventionalCommit(subject: String, rewritten: String) {
        #expect(ConventionalCommit.rewrite(subject) == rewritten)
    }
}
