import Testing
import TappsCore

@Suite("Words")
struct WordsTests {
    @Test("splits at non-letters, camelCase humps, acronyms and digits", arguments: [
        ("Fix typo in README", ["fix", "typo", "in", "readme"]),
        ("parseJSONBody", ["parse", "json", "body"]),
        ("HTTPServer", ["http", "server"]),
        ("snake_case-and.dots", ["snake", "case", "and", "dots"]),
        ("src/auth/session.py", ["src", "auth", "session", "py"]),
        ("oauth2Client", ["oauth", "2", "client"]),
        ("2FA", ["2", "fa"]),
        ("off-by-one", ["off", "by", "one"]),
        ("don't", ["don", "t"]),
        ("ÜberGroß straße", ["über", "groß", "straße"]),
        ("", []),
        ("  --  ", []),
    ])
    func split(text: String, words: [String]) {
        #expect(Words.split(text) == words)
    }

    @Test("a word is never cut inside: author stays author")
    func wholeWords() {
        #expect(Words.split("authorName") == ["author", "name"])
        #expect(Words.split("latestTests") == ["latest", "tests"])
    }
}
