/// How deep `git tapps enhance` goes: the seed's quick mode runs the first three stages.
public enum EnhanceMode: String, Sendable, Hashable, CaseIterable {
    case quick, full

    /// The stages this mode runs, in order.
    public var stages: [EnhanceStage] {
        switch self {
        case .quick: [.clarify, .enrich, .structure]
        case .full: EnhanceStage.allCases
        }
    }
}

/// One stage of prompt enhancement. Each is a pure function of what git-tapps knows.
public enum EnhanceStage: String, Sendable, Hashable, CaseIterable {
    case clarify, enrich, structure, validate, optimize
    case domainEnhance = "domain_enhance"
    case finalize
}
