/// The recommender's verdict on a task.
public struct Recommendation: Sendable, Hashable {
    /// The preset to use.
    public var preset: String
    /// 0–1: how sure the recommender is.
    public var confidence: Double
    /// 1–10.
    public var complexity: Int
    /// 1–10.
    public var risk: Int
    /// Why, one short sentence each, most important first.
    public var reasoning: [String]

    public init(preset: String, confidence: Double, complexity: Int, risk: Int, reasoning: [String]) {
        self.preset = preset
        self.confidence = confidence
        self.complexity = complexity
        self.risk = risk
        self.reasoning = reasoning
    }
}
