/// How much of a token budget is used: green below the first threshold, red at or past the last one.
public enum BudgetLevel: String, Sendable, Hashable, Comparable {
    case green, yellow, orange, red

    private var rank: Int {
        switch self {
        case .green: 0
        case .yellow: 1
        case .orange: 2
        case .red: 3
        }
    }

    public static func < (lhs: BudgetLevel, rhs: BudgetLevel) -> Bool { lhs.rank < rhs.rank }
}

/// Tokens a run may spend and has spent. Pure value: the runner adds each finished step's reported tokens.
///
/// With thresholds `[0.5, 0.75, 0.9]` (the default) the levels are yellow at 50 %, orange at 75 % and red at 90 %.
/// Other lists map their last fraction to red, their first to yellow and any in between to orange. An unlimited
/// budget (`total == nil`) counts tokens but stays green: it never stops a run.
public struct TokenBudget: Sendable, Hashable {
    /// nil: unlimited.
    public let total: Int?
    /// Increasing fractions of `total`; the last one is red.
    public let thresholds: [Double]
    /// usedBefore + reported + printed.
    public private(set) var consumed: Int = 0
    /// The reader's usage before the run (`--budget-used N`, `TAPPS_TOKENS_USED`).
    public private(set) var usedBefore: Int = 0
    /// Tokens steps reported in `$TAPPS_TOKEN_REPORT`.
    public private(set) var reported: Int = 0
    /// Estimated tokens of what git-tapps printed for the finished steps.
    public private(set) var printed: Int = 0

    public static let defaultThresholds: [Double] = [0.5, 0.75, 0.9]

    public init(total: Int?, thresholds: [Double] = TokenBudget.defaultThresholds, consumed: Int = 0) {
        self.total = total
        let valid = thresholds.filter { $0 > 0 && $0 <= 1 }.sorted()
        self.thresholds = valid.isEmpty ? TokenBudget.defaultThresholds : valid
        self.consumed = max(0, consumed)
        self.usedBefore = self.consumed
    }

    /// The budget a run uses: `--budget N` wins over `.tapps.yaml` `budget:`; neither: unlimited. `usedBefore` is
    /// what the reader had already used (`--budget-used N`, `TAPPS_TOKENS_USED`).
    public init(override: Int?, config: BudgetConfig?, usedBefore: Int = 0) {
        if let override {
            self.init(total: override, thresholds: config?.thresholds ?? TokenBudget.defaultThresholds, consumed: usedBefore)
        } else if let config {
            self.init(total: config.total, thresholds: config.thresholds, consumed: usedBefore)
        } else {
            self.init(total: nil, consumed: usedBefore)
        }
    }

    /// Tokens left (never negative), or nil when unlimited.
    public var remaining: Int? { total.map { max(0, $0 - consumed) } }

    /// The share of `total` used, or nil when unlimited.
    public var fraction: Double? {
        guard let total, total > 0 else { return nil }
        return Double(consumed) / Double(total)
    }

    public var level: BudgetLevel { level(at: fraction) }

    /// Red: the run must not start further steps.
    public var isExhausted: Bool { level == .red }

    /// Adds a finished step's tokens (negative counts are ignored). Returns the level reached when this crossed
    /// at least one more threshold (several at once: one report, the highest), nil otherwise.
    @discardableResult
    public mutating func add(_ tokens: Int) -> BudgetLevel? {
        add(reported: tokens, printed: 0)
    }

    /// Adds a finished step's reported tokens and the estimated tokens of what the report prints for it.
    @discardableResult
    public mutating func add(reported: Int, printed: Int) -> BudgetLevel? {
        let before = crossed(at: fraction)
        self.reported += max(0, reported)
        self.printed += max(0, printed)
        consumed += max(0, reported) + max(0, printed)
        return crossed(at: fraction) > before ? level : nil
    }

    /// One short line for the report when `level` was reached, e.g.
    /// "token budget yellow: 5,200 of 10,000 tokens used (52%), 4,800 left".
    public func warning(for level: BudgetLevel) -> String {
        guard let total else { return "token budget: \(Self.grouped(consumed)) tokens used" }
        let percent = Int(((fraction ?? 0) * 100).rounded(.down))
        var line = "token budget \(level.rawValue): \(Self.grouped(consumed)) of \(Self.grouped(total)) tokens used (\(percent)%), \(Self.grouped(remaining ?? 0)) left"
        if level == .red { line += " — no further steps start" }
        return line
    }

    private func crossed(at fraction: Double?) -> Int {
        guard let fraction else { return 0 }
        return thresholds.filter { fraction >= $0 }.count
    }

    private func level(at fraction: Double?) -> BudgetLevel {
        let crossed = crossed(at: fraction)
        if crossed == 0 { return .green }
        if crossed == thresholds.count { return .red }
        return crossed == 1 ? .yellow : .orange
    }

    /// 12345 → "12,345".
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
