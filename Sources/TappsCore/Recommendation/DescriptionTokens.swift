/// A word or phrase of a task description with what it means.
struct DescriptionToken: Sendable, Equatable {
    /// The words as written (lowercased), e.g. "api endpoints".
    var text: String
    /// The base form of a single word, e.g. "endpoint"; the phrase text for phrases.
    var lemma: String
    var cues: [Cue]
    /// True when a negation ("no", "without", "non-") governs it.
    var negated = false

    func has(_ cue: Cue) -> Bool { cues.contains(cue) }
}

/// Splits a description into clauses of tokens, matching phrases and marking negations.
enum DescriptionTokenizer {
    /// The clauses of `text`: split at sentence punctuation, and at "and"/"then" when a verb follows.
    static func clauses(_ text: String) -> [[DescriptionToken]] {
        sentencePieces(text).flatMap { piece in
            splitAtConjunctions(markNegations(tokens(Words.split(piece))))
        }.filter { !$0.isEmpty }
    }

    /// Phrase-matched tokens for `words` (already lowercased).
    static func tokens(_ words: [String]) -> [DescriptionToken] {
        let lemmas = words.map(TaskVocabulary.lemma)
        var result: [DescriptionToken] = []
        var index = 0
        while index < words.count {
            if let entry = TaskVocabulary.phrases.first(where: { matches($0, words, lemmas, at: index) }) {
                let span = index..<index + entry.words.count
                result.append(DescriptionToken(text: words[span].joined(separator: " "),
                                               lemma: entry.words.joined(separator: " "), cues: entry.cues))
                index += entry.words.count
            } else {
                result.append(DescriptionToken(text: words[index], lemma: lemmas[index],
                                               cues: TaskVocabulary.cues(ofLemma: lemmas[index])))
                index += 1
            }
        }
        return result
    }

    private static func matches(_ entry: TaskVocabulary.Entry, _ words: [String], _ lemmas: [String], at index: Int) -> Bool {
        guard index + entry.words.count <= words.count else { return false }
        for (offset, word) in entry.words.enumerated() {
            let position = index + offset
            if words[position] == word { continue }
            if !entry.exact, lemmas[position] == word { continue }
            return false
        }
        return true
    }

    /// A negator governs the next three tokens: "no auth changes", "without breaking changes", "non-breaking".
    static func markNegations(_ tokens: [DescriptionToken]) -> [DescriptionToken] {
        var result = tokens
        for (index, token) in tokens.enumerated() where token.has(.negator) {
            for following in index + 1..<min(index + 4, tokens.count) where !tokens[following].has(.conjunction) {
                result[following].negated = true
            }
        }
        return result
    }

    /// "Fix the typo and refactor the auth system" is two tasks; "login and signup" is one.
    static func splitAtConjunctions(_ tokens: [DescriptionToken]) -> [[DescriptionToken]] {
        var clauses: [[DescriptionToken]] = [[]]
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            if token.has(.conjunction), let next, next.cues.contains(where: \.isAct) {
                clauses.append([])
                continue
            }
            clauses[clauses.count - 1].append(token)
        }
        return clauses
    }

    /// Pieces between sentence punctuation. A dot inside a word ("README.md", "v1.2") does not split.
    static func sentencePieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let nextIsSpace = index + 1 >= characters.count || characters[index + 1].isWhitespace
            let isBreak = ";!?\n()[]".contains(character) || ((character == "." || character == ":" || character == ",") && nextIsSpace)
            if isBreak {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces.filter { !$0.allSatisfy(\.isWhitespace) }
    }
}

/// Conventional Commits subjects ("fix(parser): …", "docs: …", "feat!: …"): the type is a label,
/// not a clause of its own, so it is folded into the sentence it labels.
enum ConventionalCommit {
    /// `text` with a leading `type(scope)!:` rewritten as words the analyzer reads: `fix` stays a
    /// verb of the subject ("fix: better support" is a fix), `docs` becomes "document", `!` adds
    /// "breaking change"; other types (feat, perf, chore, ci …) are dropped. Other text is unchanged.
    static func rewrite(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace }
        guard let colon = trimmed.firstIndex(of: ":"), trimmed.index(after: colon) < trimmed.endIndex,
              trimmed[trimmed.index(after: colon)].isWhitespace else { return text }
        var label = trimmed[..<colon]
        let breaking = label.hasSuffix("!")
        if breaking { label = label.dropLast() }
        if label.hasSuffix(")"), let open = label.firstIndex(of: "(") { label = label[..<open] }
        let type = label.lowercased()
        guard let verb = types[type] else { return text }
        let rest = trimmed[trimmed.index(after: colon)...].drop { $0.isWhitespace }
        let subject = verb.isEmpty ? String(rest) : "\(verb) \(rest)"
        return breaking ? "breaking change; \(subject)" : subject
    }

    private static let types: [String: String] = [
        "fix": "fix", "bugfix": "fix", "hotfix": "fix", "docs": "document", "doc": "document",
        "feat": "", "feature": "", "perf": "", "refactor": "", "style": "", "test": "", "tests": "",
        "build": "", "ci": "", "chore": "", "revert": "",
    ]
}
