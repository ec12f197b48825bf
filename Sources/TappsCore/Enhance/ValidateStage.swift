/// Stage 4: checks on the draft — can every criterion be checked, does every staged file
/// belong to the task as described, is anything still open.
public enum ValidateStage {
    public static func run(_ input: EnhanceInput, clarification: Clarification, structure: Structure, cap: Int) -> PromptSection {
        var items: [String] = []
        for criterion in structure.criteria where criterion.checkedBy == nil {
            items.append("Not checkable as written: “\(criterion.text)” — say what observable result proves it.")
        }
        items += scopeFlags(input, clarification: clarification, cap: cap)
        if !clarification.ambiguities.isEmpty {
            items.append("Answer the \(PromptText.count(clarification.ambiguities.count, "open question")) "
                         + "or state the assumption taken before starting.")
        }
        if items.isEmpty {
            items.append("Every acceptance criterion has a check and every staged file matches the task.")
        }
        return PromptSection(.checks, items: items)
    }

    /// Staged files whose path shares no word with the description (tests of in-scope files and
    /// docs for a docs task count as in scope).
    static func scopeFlags(_ input: EnhanceInput, clarification: Clarification, cap: Int) -> [String] {
        let context = input.context
        guard context.hasRepository, !context.isEmpty else { return [] }
        let words = scopeWords(input.description)
        var inScope = Set(context.files.filter { matches($0.path, words) }.map(\.path))
        guard !inScope.isEmpty else {
            return ["The description names none of the \(PromptText.count(context.filesAffected, "staged file")): "
                    + "confirm they all belong to this task."]
        }
        for (source, tests) in input.relatedTests where inScope.contains(source) { inScope.formUnion(tests) }
        let outside = context.files.filter { file in
            if inScope.contains(file.path) { return false }
            if clarification.taskType == "docs", file.isDocumentation { return false }
            return true
        }.map(\.path)
        guard !outside.isEmpty else { return [] }
        return ["Staged but apparently outside the task: \(PromptText.list(outside, cap: cap)) — unstage or say why they belong."]
    }

    /// The description's content words: no grammar words, verbs of change or vague words.
    static func scopeWords(_ description: String) -> Set<String> {
        Set(Words.split(description).filter { word in
            guard word.count >= 3, !ignored.contains(word) else { return false }
            let cues = TaskVocabulary.cues(ofLemma: TaskVocabulary.lemma(word))
            return !cues.contains { $0.isAct || $0 == .location || $0 == .negator || $0 == .conjunction }
        })
    }

    /// True when a word of the path equals a scope word, or one is the other's plural.
    static func matches(_ path: RepoPath, _ words: Set<String>) -> Bool {
        Words.split(path.string).contains { word in
            words.contains(word) || words.contains(word + "s") || (word.hasSuffix("s") && words.contains(String(word.dropLast())))
        }
    }

    private static let ignored: Set<String> = ["the", "and", "all", "any", "for", "this", "that", "with", "stuff",
                                               "things", "thing", "some", "more", "less", "new", "old", "code",
                                               "file", "files", "issue", "issues", "problem", "bug", "bugs"]
}
