/// What optimize did to the draft.
public struct Optimization: Sendable, Hashable {
    public var draft: PromptDraft
    public var duplicatesRemoved: Int
    /// The most items any section keeps (nil when nothing had to be capped).
    public var itemCap: Int?
    public var tokensBefore: Int
    public var tokensAfter: Int

    /// One line for the stage listing.
    public var summary: String {
        var parts = ["\(tokensBefore) → \(tokensAfter) tokens"]
        parts.append(duplicatesRemoved == 0 ? "no duplicates" : "\(PromptText.count(duplicatesRemoved, "duplicate")) removed")
        parts.append(itemCap.map { "lists capped at \($0) items" } ?? "no list capped")
        return parts.joined(separator: "; ")
    }
}

/// Stage 5: drop duplicate items and cap long lists so the prompt stays within `budget` tokens.
public enum OptimizeStage {
    /// The caps tried, loosest first, until the draft fits the budget.
    static let caps = [12, 8, 5, 3]

    public static func run(_ draft: PromptDraft, budget: Int) -> Optimization {
        let before = draft.tokens
        var seen = Set<String>()
        var removed = 0
        var deduplicated = draft
        for index in deduplicated.sections.indices {
            deduplicated.sections[index].items = deduplicated.sections[index].items.filter { item in
                let key = item.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if seen.insert(key).inserted { return true }
                removed += 1
                return false
            }
        }
        var result = deduplicated
        var usedCap: Int?
        for cap in caps {
            let capped = Self.capped(deduplicated, at: cap)
            guard capped != deduplicated else { break }
            result = capped
            usedCap = cap
            if capped.tokens <= budget { break }
        }
        return Optimization(draft: result, duplicatesRemoved: removed, itemCap: usedCap, tokensBefore: before,
                            tokensAfter: result.tokens)
    }

    /// Every section with at most `cap` items, the rest summed up as "… and N more".
    static func capped(_ draft: PromptDraft, at cap: Int) -> PromptDraft {
        var result = draft
        for index in result.sections.indices where result.sections[index].items.count > cap {
            let items = result.sections[index].items
            result.sections[index].items = Array(items.prefix(cap - 1)) + ["… and \(items.count - cap + 1) more"]
        }
        return result
    }
}
