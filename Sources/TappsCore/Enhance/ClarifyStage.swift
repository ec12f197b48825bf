/// What clarify makes of a description: tidy sentences, what kind of task it is, what it names,
/// and the questions an agent would otherwise have to guess the answers to.
public struct Clarification: Sendable, Hashable {
    /// The description, one sentence per entry, whitespace collapsed, each ending in punctuation.
    public var sentences: [String]
    /// "bug fix", "feature", "refactor", "docs" … or nil when the words name no kind of task.
    public var taskType: String?
    /// What changes, in the description's words ("typo", "rate limiting").
    public var object: String?
    /// Where: a path or file the description names, else its "where" words ("login endpoint").
    public var target: String?
    /// Questions to answer before starting.
    public var ambiguities: [String]

    /// The Task and Open questions sections.
    public var sections: [PromptSection] {
        var summary: [String] = []
        if let taskType { summary.append("Kind: \(taskType)") }
        if let object { summary.append("object: \(object)") }
        if let target { summary.append("target: \(target)") }
        let task = PromptSection(.task, lines: sentences + (summary.isEmpty ? [] : [summary.joined(separator: " · ")]))
        return [task, PromptSection(.questions, items: ambiguities)]
    }
}

/// Stage 1: normalise the description and find what it leaves open.
public enum ClarifyStage {
    public static func run(description: String, context: FileContext) -> Clarification {
        let sentences = Self.sentences(description)
        let text = sentences.joined(separator: " ")
        let clauses = DescriptionTokenizer.clauses(text)
            .map { $0.filter { !$0.negated && !$0.has(.negator) } }.filter { !$0.isEmpty }
        let first = clauses.first.map(parts) ?? DescriptionAnalyzer.Parts(object: [], location: [])
        let taskType = Self.taskType(first)
        let phrase = Self.phrase(sentences.first ?? "")
        let object = phrase.object
        let target = Self.target(in: text, context: context) ?? phrase.location

        var questions: [String] = []
        let allWords = Words.split(text)
        if taskType == nil {
            questions.append("What kind of change is this: a fix, a feature, a refactor, docs?")
        }
        if let verb = allWords.first(where: alwaysVague.contains) {
            questions.append("'\(verb)' is vague: what should be measurably different when this is done?")
        }
        if let word = allWords.first(where: vagueObjects.contains) {
            questions.append("'\(word)' is vague: which behaviour, file or function is meant?")
        } else if object == nil, let verb = first.object.first(where: { $0.cues.contains(where: \.isAct) }) {
            questions.append("'\(verb.text)' what? Name the behaviour or the code to change.")
        }
        if target == nil {
            questions.append(context.isEmpty
                ? "No target named: which file, module or command should change?"
                : "No target named: is the task about the \(PromptText.count(context.filesAffected, "staged file")) only?")
        }
        let tasks = clauses.filter { $0.contains { $0.cues.contains(where: \.isAct) } }
        if tasks.count > 1 {
            questions.append("The description holds \(tasks.count) tasks: one change, or one commit each?")
        }
        return Clarification(sentences: sentences, taskType: taskType, object: object, target: target,
                             ambiguities: questions)
    }

    /// Sentences split after `.`, `!` or `?` followed by a space, and at line breaks; list markers dropped.
    public static func sentences(_ description: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        let characters = Array(description)
        for (index, character) in characters.enumerated() {
            if character.isNewline {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
            let nextIsSpace = index + 1 >= characters.count || characters[index + 1].isWhitespace
            if ".!?".contains(character), nextIsSpace {
                pieces.append(current)
                current = ""
            }
        }
        pieces.append(current)
        return pieces.compactMap(tidy)
    }

    private static func tidy(_ piece: String) -> String? {
        var words = piece.split(whereSeparator: \.isWhitespace).map(String.init)
        while let first = words.first, ["-", "*", "•", "+"].contains(first) { words.removeFirst() }
        guard !words.isEmpty else { return nil }
        var sentence = words.joined(separator: " ")
        if let first = sentence.first, first.isLowercase {
            sentence = first.uppercased() + sentence.dropFirst()
        }
        if let last = sentence.last, !".!?:".contains(last) { sentence += "." }
        return sentence
    }

    private static func parts(_ clause: [DescriptionToken]) -> DescriptionAnalyzer.Parts {
        let split = DescriptionAnalyzer.locationStart(clause)
        return DescriptionAnalyzer.Parts(object: Array(clause[..<split]), location: Array(clause[split...]))
    }

    /// The task's kind, from the recommender's vocabulary: the first clause's verb and head noun.
    static func taskType(_ parts: DescriptionAnalyzer.Parts) -> String? {
        let acts = parts.acts
        let head = parts.head
        let headIs = { (cue: Cue) in head?.has(cue) ?? false }
        if parts.object.first?.has(.docVerb) == true || headIs(.docLike)
            || (head == nil && !acts.isEmpty && acts.isSubset(of: [.fix, .change, .create]) && parts.first(.docLike, in: parts.location) != nil) {
            return "docs"
        }
        if headIs(.tests) { return "tests" }
        if parts.anyHas(.migration) || acts.contains(.migrate) { return "migration" }
        if acts.contains(.rewrite) { return "rewrite" }
        if acts.contains(.refactor) { return "refactor" }
        if parts.anyHas(.securityWork) { return "security" }
        if acts.contains(.fix) || headIs(.bug) { return "bug fix" }
        if headIs(.codeTrivial) { return "small edit" }
        if parts.anyHas(.api), !acts.isDisjoint(with: [.create, .change]) { return "API change" }
        if acts.contains(.create) || headIs(.feature) || headIs(.smallFeature) { return "feature" }
        if acts.contains(.change) { return "change" }
        return nil
    }

    /// A path-like word of the description (kept as written), or a staged file the description names.
    static func target(in text: String, context: FileContext) -> String? {
        for raw in text.split(whereSeparator: \.isWhitespace) {
            let word = raw.trimmingCharacters(in: "`'\"“”‘’(),;:!?")
            let trimmed = word.hasSuffix(".") ? String(word.dropLast()) : word
            if trimmed.contains("/") || hasFileExtension(trimmed) { return trimmed }
        }
        let words = Set(Words.split(text))
        let named = context.files.filter { file in
            let stem = file.path.fileName.split(separator: ".").first.map(String.init) ?? ""
            let stemWords = Words.split(stem)
            return !stemWords.isEmpty && stemWords.allSatisfy { words.contains($0) } && stem.count >= 3
        }
        return named.isEmpty ? nil : PromptText.list(named.map(\.path), cap: 3)
    }

    private static func hasFileExtension(_ word: String) -> Bool {
        guard let dot = word.lastIndex(of: "."), dot != word.startIndex else { return false }
        let ext = String(word[word.index(after: dot)...]).lowercased()
        guard (1...5).contains(ext.count), ext.allSatisfy(\.isLetter) else { return false }
        return Language.byExtension[ext] != nil || ["txt", "cfg", "lock"].contains(ext)
    }

    /// The first sentence's object and location in its own words and casing: after the leading
    /// verbs up to the first preposition ("rate limiting"), then up to a conjunction ("login endpoint").
    static func phrase(_ sentence: String) -> (object: String?, location: String?) {
        let words = sentence.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: "`'\"“”‘’(),;:!?.") }
            .filter { !$0.isEmpty }
        func cues(_ word: String) -> [Cue] { TaskVocabulary.cues(ofLemma: TaskVocabulary.lemma(word.lowercased())) }
        var index = 0
        while index < words.count, cues(words[index]).contains(where: \.isAct) || fillers.contains(words[index].lowercased()) {
            index += 1
        }
        var object: [String] = []
        while index < words.count {
            let word = words[index], lower = word.lowercased()
            let continues = ["support", "ability", "option", "way", "able", "allow"].contains(object.last?.lowercased() ?? "")
            if !object.isEmpty, cues(word).contains(.location), !continues { break }
            if cues(word).contains(.conjunction) { return (joined(object), nil) }
            if !fillers.contains(lower) { object.append(word) }
            index += 1
        }
        var location: [String] = []
        index += 1
        while index < words.count, !cues(words[index]).contains(.conjunction) {
            if !fillers.contains(words[index].lowercased()) { location.append(words[index]) }
            index += 1
        }
        return (joined(object), joined(location))
    }

    private static func joined(_ words: [String]) -> String? { words.isEmpty ? nil : words.joined(separator: " ") }

    /// Verbs that never say what done looks like.
    static let alwaysVague: Set<String> = ["improve", "improves", "enhance", "tweak", "polish", "better", "nicer",
                                           "optimize", "optimise", "cleaner", "modernize", "modernise"]
    /// Objects that name nothing in particular.
    static let vagueObjects: Set<String> = ["stuff", "things", "thing", "something", "everything", "misc", "bits",
                                            "issues", "problems", "etc"]
    private static let fillers: Set<String> = ["the", "a", "an", "some", "this", "that", "these", "those", "our",
                                               "my", "its", "their", "to", "in", "into", "on", "for", "of", "at",
                                               "from", "with", "by", "about", "when", "so"]
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self)
        while let first = scalars.first, set.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
