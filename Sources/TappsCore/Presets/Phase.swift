/// The hook's phases. review ‖ test run together, then security ‖ docs.
public enum Phase: String, Sendable, Hashable, CaseIterable, Comparable {
    case review, test, security, docs

    /// The parallel group the phase runs in: 0 for review and test, 1 for security and docs.
    public var wave: Int {
        switch self {
        case .review, .test: 0
        case .security, .docs: 1
        }
    }

    public static func < (lhs: Phase, rhs: Phase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
