/// Recommends a preset from a task description and the staged change's file context.
///
/// Both sources give evidence: a tier it prefers and a range it tolerates ("fix typo" prefers
/// `minimal`, tolerates `standard`; a change to `src/auth/` prefers `comprehensive`, tolerates
/// nothing below `standard`). When the ranges overlap, a trivial edit the description names is
/// taken as said, otherwise the heavier preference both tolerate; when they do not, the heavier
/// lower bound wins and confidence drops. Description words that only size the work ("a
/// feature", "a bug fix") yield to the diff, which measures size; risk words do not.
/// A change under a framework path always gets `full-sdlc`, and a docs-only change never
/// needs more than `standard`.
public struct Recommender: Sendable {
    public let catalogue: PresetCatalogue

    public init(catalogue: PresetCatalogue = PresetCatalogue()) {
        self.catalogue = catalogue
    }

    /// The recommendation for `description` (may be empty) given `context`.
    public func recommend(description: String, context: FileContext) -> Recommendation {
        if !context.frameworkFiles.isEmpty {
            return framework(context)
        }
        let fromDescription = DescriptionAnalyzer.evidence(in: description)
        let change = ChangeAnalyzer.analyze(context)
        var decision = Self.decide(description: fromDescription, change: change.evidence, cap: change.cap,
                                   touchesSource: change.touchesSource)

        let hasDescription = !description.allSatisfy(\.isWhitespace)
        if hasDescription, EvidenceRange(fromDescription) == nil {
            decision.notes.append("description names nothing the recommender recognises")
        }
        for word in DescriptionAnalyzer.negatedWords(in: description) {
            decision.notes.append("description rules out '\(word)': ignored")
        }
        if let unavailable = change.unavailableReason { decision.notes.append(unavailable) }
        if !context.unmergedFiles.isEmpty { decision.confidence *= 0.85 }

        var reasoning = decision.reasons + decision.notes
        var preset = decision.tier.presetName
        if catalogue.preset(named: preset) == nil {
            reasoning.append("preset '\(preset)' is not in this repository's catalogue: using standard")
            preset = "standard"
        }
        let all = fromDescription + change.evidence
        let (complexity, risk) = Self.scores(all, tier: decision.tier)
        return Recommendation(preset: preset, confidence: Self.rounded(decision.confidence), complexity: complexity,
                              risk: risk, reasoning: reasoning)
    }

    private func framework(_ context: FileContext) -> Recommendation {
        let files = context.frameworkFiles
        let list = ChangeAnalyzer.pathList(files)
        return Recommendation(
            preset: catalogue.preset(named: Tier.fullSDLC.presetName) == nil ? "standard" : Tier.fullSDLC.presetName,
            confidence: 1.0, complexity: 8, risk: 9,
            reasoning: ["framework \(files.count == 1 ? "path" : "paths"): \(list)",
                        "full-sdlc is mandatory for changes under a configured framework path"])
    }

    // MARK: - Deciding

    struct Decision: Equatable {
        var tier: Tier
        var confidence: Double
        /// Reasons behind the tier, most important first.
        var reasons: [String]
        /// Context and caveats, after the reasons.
        var notes: [String] = []
    }

    /// `touchesSource`: the staged change holds source code (not only tests, docs, config, generated files).
    static func decide(description: [Evidence], change: [Evidence], cap: Tier?, touchesSource: Bool = true) -> Decision {
        let wanted = EvidenceRange(description), staged = EvidenceRange(change)
        // The description only sizes the work ("a feature", "a bug fix") or calls it trivial; the diff
        // measures size itself. Risk words (security, APIs, architecture) are not in this set.
        let onlySizes = description.filter(\.constrainsTier).allSatisfy { $0.estimatesSize || $0.preferred == .minimal }
        var tier: Tier
        var confidence: Double
        var notes: [String] = []
        switch (wanted, staged) {
        case (nil, nil):
            return Decision(tier: .standard, confidence: 0.3,
                            reasons: ["no description and no staged change to judge by: standard is the default"] + (description + change).map(\.reason))
        case (let wanted?, nil):
            tier = wanted.preferred
            confidence = 0.7
        case (nil, let staged?):
            tier = staged.preferred
            confidence = 0.6
        case (let wanted?, let staged?):
            let low = max(wanted.floor, staged.floor), high = min(wanted.ceiling, staged.ceiling)
            if !touchesSource, onlySizes, wanted.preferred > staged.preferred {
                // "Fix the link", "rename .rst to .md" on docs or config: the words size code work that is not staged.
                tier = staged.preferred
                confidence = 0.8
                notes.append("no source code is staged (only docs, tests, config or generated files): going by the change, not the description's \(wanted.preferred.presetName)")
            } else if low <= high {
                // A trivial edit named by the description (a typo, a comment) is content the line counts
                // cannot see; otherwise both sides estimate the work and the heavier estimate wins when
                // both sides tolerate it.
                let heavier = max(wanted.preferred, staged.preferred)
                let preferred = wanted.preferred == .minimal || heavier > high ? wanted.preferred : heavier
                tier = min(max(preferred, low), high)
                confidence = wanted.preferred == staged.preferred ? 0.9 : 0.8
            } else if onlySizes, wanted.floor > staged.ceiling {
                tier = staged.ceiling
                confidence = 0.6
                notes.append("the description suggests more work (\(wanted.preferred.presetName)) than the staged change shows: going by the change, which the hook checks")
            } else {
                tier = low
                confidence = 0.55
                notes.append(wanted.floor > staged.ceiling
                    ? "the description calls for more than the staged change shows (\(wanted.preferred.presetName) vs \(staged.preferred.presetName)): going by the description"
                    : "the staged change calls for more than the description says (\(staged.preferred.presetName) vs \(wanted.preferred.presetName)): going by the change")
            }
        }
        if let cap, tier > cap {
            tier = cap
            notes.append("a docs-only change needs no more than \(cap.presetName)")
        }
        let constraining = (description + change).filter(\.constrainsTier)
        let decisive = constraining.filter { $0.preferred == tier || ($0.floor == tier && tier != .minimal) }
        let supporting = constraining.filter { !decisive.contains($0) }
        let asides = (description + change).filter { !$0.constrainsTier }
        let reasons = ordered(decisive) + ordered(supporting) + asides.map(\.reason)
        return Decision(tier: tier, confidence: confidence, reasons: reasons, notes: notes)
    }

    /// Heaviest first; on a tie the staged change before the description (it is what the hook checks).
    private static func ordered(_ items: [Evidence]) -> [String] {
        items.enumerated().sorted { lhs, rhs in
            let l = lhs.element, r = rhs.element
            if l.preferred != r.preferred { return l.preferred > r.preferred }
            if l.floor != r.floor { return l.floor > r.floor }
            return lhs.offset < rhs.offset
        }.map(\.element.reason)
    }

    /// Complexity and risk: the highest any evidence gives, kept inside the chosen tier's band.
    static func scores(_ items: [Evidence], tier: Tier) -> (complexity: Int, risk: Int) {
        var complexity = items.map(\.complexity).max() ?? 4
        var risk = items.map(\.risk).max() ?? 4
        let band = tier.band
        complexity = min(max(complexity, 1), band.upperBound)
        risk = min(max(risk, 1), band.upperBound)
        if max(complexity, risk) < band.lowerBound {
            if complexity >= risk { complexity = band.lowerBound } else { risk = band.lowerBound }
        }
        return (complexity, risk)
    }

    private static func rounded(_ value: Double) -> Double {
        (min(max(value, 0), 1) * 100).rounded() / 100
    }
}
