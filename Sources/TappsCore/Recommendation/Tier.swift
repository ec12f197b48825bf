/// The built-in presets as an ordered scale of how much process a task gets.
enum Tier: Int, Comparable, CaseIterable, Sendable {
    case minimal, standard, lightweight, comprehensive, fullSDLC

    /// The built-in preset's name.
    var presetName: String {
        switch self {
        case .minimal: "minimal"
        case .standard: "standard"
        case .lightweight: "lightweight"
        case .comprehensive: "comprehensive"
        case .fullSDLC: "full-sdlc"
        }
    }

    /// The complexity/risk band (1–10) that fits a task of this tier.
    var band: ClosedRange<Int> {
        switch self {
        case .minimal: 1...3
        case .standard: 2...5
        case .lightweight: 4...7
        case .comprehensive: 5...9
        case .fullSDLC: 7...10
        }
    }

    static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One piece of evidence: the tiers it allows, the one it prefers, and why.
struct Evidence: Sendable, Equatable {
    enum Source: Sendable, Equatable { case description, change }

    /// The tier this evidence alone would pick.
    var preferred: Tier
    /// The lightest tier it tolerates.
    var floor: Tier
    /// The heaviest tier it considers reasonable (soft: only lowers confidence when exceeded).
    var ceiling: Tier
    var complexity: Int
    var risk: Int
    /// One short sentence citing the evidence.
    var reason: String
    var source: Source
    /// False for notes that raise risk or explain but do not constrain the tier.
    var constrainsTier: Bool = true
    /// True when the evidence only estimates how big the work is ("a feature", "a bug", "a refactor"),
    /// which the staged diff measures directly; false for risk (security, APIs, architecture) and
    /// for content the diff cannot show (a typo, a comment).
    var estimatesSize: Bool = false

    init(_ preferred: Tier, floor: Tier, ceiling: Tier, complexity: Int, risk: Int, reason: String,
         source: Source, constrainsTier: Bool = true, estimatesSize: Bool = false) {
        self.preferred = preferred
        self.floor = min(floor, preferred)
        self.ceiling = max(ceiling, preferred)
        self.complexity = complexity
        self.risk = risk
        self.reason = reason
        self.source = source
        self.constrainsTier = constrainsTier
        self.estimatesSize = estimatesSize
    }

    /// A note that only adds risk (and a reason) without constraining the tier.
    static func note(_ reason: String, risk: Int = 1, complexity: Int = 1, source: Source) -> Evidence {
        Evidence(.minimal, floor: .minimal, ceiling: .fullSDLC, complexity: complexity, risk: risk, reason: reason,
                 source: source, constrainsTier: false)
    }
}

/// Several pieces of evidence from one source, folded into one range.
struct EvidenceRange: Sendable, Equatable {
    var preferred: Tier
    var floor: Tier
    var ceiling: Tier

    /// The fold of the tier-constraining `items`, or nil when there are none.
    init?(_ items: [Evidence]) {
        let constraining = items.filter(\.constrainsTier)
        guard let first = constraining.first else { return nil }
        preferred = first.preferred
        floor = first.floor
        ceiling = first.ceiling
        for item in constraining.dropFirst() {
            preferred = max(preferred, item.preferred)
            floor = max(floor, item.floor)
            ceiling = max(ceiling, item.ceiling)
        }
    }
}
