/// The finished prompt and what it is made of.
public struct FinalPrompt: Sendable, Hashable {
    /// The markdown prompt, ready to paste to an agent.
    public var text: String
    /// ``TokenEstimate`` of `text`.
    public var tokens: Int
    /// The titles of the sections it holds, in order.
    public var sections: [String]

    public var summary: String { "\(PromptText.count(sections.count, "section")) (\(sections.joined(separator: ", "))), \(tokens) tokens" }
}

/// Stage 7 (and the assembly quick mode ends with): the draft's non-empty sections, in order, as markdown.
public enum FinalizeStage {
    public static func run(_ draft: PromptDraft) -> FinalPrompt {
        let text = draft.markdown
        let titles = draft.sections.filter { !$0.isEmpty }.sorted { $0.kind < $1.kind }.map(\.kind.title)
        return FinalPrompt(text: text, tokens: TokenEstimate.of(text), sections: titles)
    }
}
