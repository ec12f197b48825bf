/// Recommends a preset from a task description and the staged change's file context.
public struct Recommender: Sendable {
    public let catalogue: PresetCatalogue

    public init(catalogue: PresetCatalogue = PresetCatalogue()) {
        self.catalogue = catalogue
    }

    /// The recommendation for `description` (may be empty) given `context`.
    public func recommend(description: String, context: FileContext) -> Recommendation {
        if !context.frameworkFiles.isEmpty {
            return Recommendation(preset: "full-sdlc", confidence: 1.0, complexity: 8, risk: 8,
                                  reasoning: ["framework files changed: \(context.frameworkFiles.count)"])
        }
        let words = Set(Words.split(description))
        if !words.isDisjoint(with: ["typo", "typos", "comment", "docs", "logging", "log"]) || context.isDocsOnly {
            return Recommendation(preset: "minimal", confidence: 0.8, complexity: 2, risk: 2,
                                  reasoning: ["simple, low-risk change"])
        }
        return Recommendation(preset: "standard", confidence: 0.6, complexity: 5, risk: 5,
                              reasoning: ["moderate complexity and risk"])
    }
}
