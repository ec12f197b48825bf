/// One step of a preset's workflow. Planning and implementation steps are done by the person or
/// agent; steps with a `phase` are checks the pre-commit hook runs.
public struct WorkflowStep: Sendable, Hashable {
    public var name: String
    public var summary: String
    /// The hook phase this step maps to, or nil for a step the hook does not run.
    public var phase: Phase?
    /// Step settings such as `mode: quick` or `min_coverage: 75`.
    public var settings: [String: String]

    public init(_ name: String, _ summary: String, phase: Phase? = nil, settings: [String: String] = [:]) {
        self.name = name
        self.summary = summary
        self.phase = phase
        self.settings = settings
    }
}

/// Expected effort of a preset: wall-clock minutes and model tokens.
public struct Estimate: Sendable, Hashable {
    public var minutes: Int
    public var tokens: Int

    public init(minutes: Int, tokens: Int) {
        self.minutes = minutes
        self.tokens = tokens
    }
}

/// A workflow preset: how much process a task gets.
public struct Preset: Sendable, Hashable {
    public var name: String
    public var summary: String
    public var bestFor: String
    public var useWhen: [String]
    public var examples: [String]
    public var steps: [WorkflowStep]
    /// The phases the pre-commit hook runs for this preset.
    public var hookPhases: [Phase]
    public var estimate: Estimate
    public var isBuiltIn: Bool

    public init(name: String, summary: String, bestFor: String, useWhen: [String], examples: [String],
                steps: [WorkflowStep], hookPhases: [Phase], estimate: Estimate, isBuiltIn: Bool) {
        self.name = name
        self.summary = summary
        self.bestFor = bestFor
        self.useWhen = useWhen
        self.examples = examples
        self.steps = steps
        self.hookPhases = hookPhases
        self.estimate = estimate
        self.isBuiltIn = isBuiltIn
    }

    /// A step setting for a phase, e.g. `min_coverage` for `test` in `lightweight`.
    public func setting(_ key: String, for phase: Phase) -> String? {
        steps.first { $0.phase == phase && $0.settings[key] != nil }?.settings[key]
    }
}
