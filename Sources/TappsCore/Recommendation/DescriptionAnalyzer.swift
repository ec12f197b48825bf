/// Reads a task description clause by clause and says which tiers it calls for, and why.
///
/// In each clause the words before the first preposition name *what* changes ("add logging"),
/// the rest names *where* ("… to the new API endpoint"); the last kind word of the first part
/// is the head ("API docs" is docs, "comment support" is a feature). Negated words are ignored.
enum DescriptionAnalyzer {
    /// The evidence in `description`: at most one tier-constraining item per clause, plus notes.
    static func evidence(in description: String) -> [Evidence] {
        DescriptionTokenizer.clauses(ConventionalCommit.rewrite(description)).flatMap(evaluate)
    }

    /// Words the description negates, for the reasoning ("no auth changes").
    static func negatedWords(in description: String) -> [String] {
        DescriptionTokenizer.clauses(ConventionalCommit.rewrite(description)).flatMap { clause in
            clause.filter { $0.negated && $0.cues.contains(where: { $0.isKind || $0.isAct }) }.map(\.text)
        }
    }

    /// The evidence of one clause.
    static func evaluate(_ clause: [DescriptionToken]) -> [Evidence] {
        let live = clause.filter { !$0.negated && !$0.has(.negator) }
        guard !live.isEmpty else { return [] }
        let split = locationStart(live)
        let parts = Parts(object: Array(live[..<split]), location: Array(live[split...]))
        let notes = topicNotes(parts)
        if let trivial = trivialEvidence(parts) {
            return [trivial] + notes
        }
        guard let best = candidates(parts).max(by: { ($0.preferred, $0.floor) < ($1.preferred, $1.floor) }) else { return notes }
        return [best] + notes
    }

    /// A clause cut into what changes and where.
    struct Parts {
        var object: [DescriptionToken]
        var location: [DescriptionToken]
        var all: [DescriptionToken] { object + location }

        func objectHas(_ cue: Cue) -> Bool { object.contains { $0.has(cue) } }
        func anyHas(_ cue: Cue) -> Bool { all.contains { $0.has(cue) } }
        func first(_ cue: Cue, in tokens: [DescriptionToken]? = nil) -> DescriptionToken? {
            (tokens ?? object).first { $0.has(cue) }
        }
        /// The acts of the object part, or of the whole clause when the object part has none.
        var acts: Set<Cue> {
            let objectActs = Set(object.flatMap(\.cues).filter(\.isAct))
            return objectActs.isEmpty ? Set(all.flatMap(\.cues).filter(\.isAct)) : objectActs
        }
        /// The last word of the object part that names a kind of change.
        var head: DescriptionToken? { object.last { $0.cues.contains(where: \.isKind) } }
        func strongTopics(in tokens: [DescriptionToken]) -> [(token: DescriptionToken, topic: String)] {
            tokens.compactMap { token in
                for case .topic(let name, true) in token.cues { return (token, name) }
                return nil
            }
        }
    }

    /// The index where the "where" part starts: the first preposition after the first word,
    /// except in "support for", "ability to", "option to" where the object goes on.
    static func locationStart(_ tokens: [DescriptionToken]) -> Int {
        let continuing: [String: Set<String>] = [
            "for": ["support"], "to": ["ability", "option", "way", "able", "allow", "need", "want"],
        ]
        for index in tokens.indices.dropFirst() where tokens[index].has(.location) {
            if continuing[tokens[index].lemma]?.contains(tokens[index - 1].lemma) == true { continue }
            return index
        }
        return tokens.count
    }

    // MARK: - Trivial edits

    static func trivialEvidence(_ parts: Parts) -> Evidence? {
        if let first = parts.object.first, first.has(.docVerb) {
            return trivial(first, complexity: 1)
        }
        // "Bump pytest from 7.0 to 7.1": whatever follows the verb is a version number.
        if let first = parts.object.first, first.has(.bumpVerb) {
            return trivial(first, complexity: 2)
        }
        guard let head = parts.head else {
            // "Fix the wording in the docs": nothing named before the preposition but docs after it.
            if parts.acts.isSubset(of: [.fix, .change, .create]), let doc = parts.first(.docLike, in: parts.location) {
                return trivial(doc, complexity: 1)
            }
            return nil
        }
        if head.has(.docLike) { return trivial(head, complexity: 1) }
        if head.has(.codeTrivial), parts.acts.isDisjoint(with: [.refactor, .rewrite, .migrate]) {
            return trivial(head, complexity: 2)
        }
        return nil
    }

    private static func trivial(_ token: DescriptionToken, complexity: Int) -> Evidence {
        Evidence(.minimal, floor: .minimal, ceiling: .standard, complexity: complexity, risk: 1,
                 reason: "description mentions '\(token.text)'", source: .description)
    }

    // MARK: - Everything else

    static func candidates(_ parts: Parts) -> [Evidence] {
        var found: [Evidence] = []
        /// `size`: the evidence only estimates how big the work is (see `Evidence.estimatesSize`).
        func add(_ preferred: Tier, _ floor: Tier, _ ceiling: Tier, c: Int, r: Int, _ reason: String, size: Bool = false) {
            found.append(Evidence(preferred, floor: floor, ceiling: ceiling, complexity: c, risk: r,
                                  reason: reason, source: .description, estimatesSize: size))
        }
        let acts = parts.acts
        let small = parts.anyHas(.small), large = parts.anyHas(.large)
        let structural = !acts.isDisjoint(with: [.refactor, .rewrite, .migrate])
        let head = parts.head
        let aboutTests = head?.has(.tests) ?? false
        // "Fix search", "fix: better support for X": repairing a feature is a bug fix, not the feature.
        let fixing = parts.object.first { $0.cues.contains(where: \.isAct) }?.has(.fix) ?? false

        if let token = parts.first(.breaking) {
            add(.fullSDLC, .fullSDLC, .fullSDLC, c: 8, r: 9, "description mentions '\(token.text)'")
        }
        if let token = parts.first(.architecture) ?? (structural ? parts.first(.architecture, in: parts.location) : nil) {
            add(.fullSDLC, .fullSDLC, .fullSDLC, c: 9, r: 8, "description mentions '\(token.text)': an architecture change")
        }
        let objectTopics = parts.strongTopics(in: parts.object)
        let anyTopics = parts.strongTopics(in: parts.all)
        if structural, let (token, topic) = anyTopics.first, !parts.objectHas(.localScope), !aboutTests {
            let verb = parts.all.first { $0.cues.contains(where: { [.refactor, .rewrite, .migrate].contains($0) }) }
            add(.fullSDLC, .fullSDLC, .fullSDLC, c: 8, r: 9,
                "description mentions '\(verb?.text ?? "refactor")' of security-critical code ('\(token.text)', \(topic))")
        }
        if acts.contains(.rewrite), let verb = parts.all.first(where: { $0.has(.rewrite) }) {
            if let scope = parts.first(.broadScope, in: parts.all) {
                add(.fullSDLC, .comprehensive, .fullSDLC, c: 9, r: 7,
                    "description mentions '\(verb.text)' of a whole '\(scope.text)'")
            } else {
                add(.comprehensive, .lightweight, .fullSDLC, c: 7, r: 6, "description mentions '\(verb.text)'")
            }
        }
        if acts.contains(.refactor), let verb = parts.all.first(where: { $0.has(.refactor) }) {
            if let scope = parts.first(.broadScope, in: parts.all) {
                add(.comprehensive, .lightweight, .fullSDLC, c: 7, r: 6,
                    "description mentions '\(verb.text)' of a whole '\(scope.text)'")
            } else if let scope = parts.first(.mediumScope, in: parts.all), !parts.objectHas(.localScope) {
                add(large ? .comprehensive : .lightweight, .standard, .comprehensive, c: large ? 7 : 5, r: 4,
                    "description mentions '\(verb.text)' of a '\(scope.text)'", size: true)
            } else if large {
                add(.lightweight, .standard, .comprehensive, c: 5, r: 4, "description mentions a broad '\(verb.text)'",
                    size: true)
            } else if small, !parts.objectHas(.localScope) {
                add(.minimal, .minimal, .standard, c: 2, r: 2, "description mentions a small '\(verb.text)'", size: true)
            } else {
                let scope = parts.first(.localScope).map { " of a '\($0.text)'" } ?? ""
                add(.standard, .standard, .lightweight, c: 3, r: 3, "description mentions '\(verb.text)'\(scope)",
                    size: true)
            }
        }
        if let token = parts.first(.migration) {
            add(.comprehensive, .comprehensive, .fullSDLC, c: 6, r: 8, "description mentions a schema migration ('\(token.text)')")
        } else if acts.contains(.migrate), let verb = parts.all.first(where: { $0.has(.migrate) }) {
            if let store = parts.first(.dataStore, in: parts.all) {
                add(.comprehensive, .comprehensive, .fullSDLC, c: 6, r: 8,
                    "description mentions '\(verb.text)' of the '\(store.text)'")
            } else {
                add(.lightweight, .standard, .comprehensive, c: 5, r: 5, "description mentions '\(verb.text)'")
            }
        }
        if let token = parts.first(.securityWork) {
            add(.comprehensive, .comprehensive, .fullSDLC, c: 6, r: 8, "description mentions security work ('\(token.text)')")
        }
        if let token = parts.first(.api), !aboutTests {
            if !acts.isDisjoint(with: [.create, .change]) || acts.isEmpty {
                // With no verb ("mark X as private API") it is unclear the API changes at all.
                add(.comprehensive, acts.isEmpty ? .standard : .comprehensive, .fullSDLC, c: 7, r: 7,
                    "description mentions a new or changed API ('\(token.text)')")
            } else {
                add(.standard, .standard, .comprehensive, c: 4, r: 5, "description mentions a fix in an API ('\(token.text)')")
            }
        } else if let token = parts.first(.api, in: parts.location), !acts.isDisjoint(with: [.create, .change]),
                  parts.objectHas(.feature) || parts.objectHas(.smallFeature) {
            add(.comprehensive, .lightweight, .fullSDLC, c: 6, r: 7, "description mentions a change to an API ('\(token.text)')")
        }
        if let (token, topic) = objectTopics.first, !aboutTests {
            if !acts.isDisjoint(with: [.create, .change]) {
                add(.comprehensive, .comprehensive, .fullSDLC, c: 6, r: 8,
                    "description mentions a security-sensitive change ('\(token.text)', \(topic))")
            } else if acts.contains(.fix) {
                add(.standard, .standard, .comprehensive, c: 4, r: 6,
                    "description mentions a fix in security-sensitive code ('\(token.text)', \(topic))")
            } else {
                add(.comprehensive, .standard, .fullSDLC, c: 5, r: 7,
                    "description mentions security-sensitive code ('\(token.text)', \(topic))")
            }
        }
        if !acts.isDisjoint(with: [.change, .migrate, .rewrite]), let scope = parts.first(.broadScope, in: parts.all),
           let verb = parts.all.first(where: { ["replace", "switch", "convert", "migrate", "port"].contains($0.lemma) }) {
            add(.comprehensive, .lightweight, .fullSDLC, c: 7, r: 6, "description mentions '\(verb.text)' of a whole '\(scope.text)'")
        }
        if !acts.isDisjoint(with: [.migrate, .rewrite]), let token = parts.first(.api, in: parts.all) {
            add(.comprehensive, .comprehensive, .fullSDLC, c: 8, r: 7, "description mentions moving an API ('\(token.text)')")
        }
        // Plain kinds count only as the head: "the sync job crashes" is a crash, not a sync feature.
        let headIs = { (cue: Cue) in head?.has(cue) ?? false }
        if let token = parts.first(.complex) {
            add(small ? .lightweight : .comprehensive, .lightweight, .fullSDLC, c: 8, r: 6,
                "description mentions '\(token.text)' work")
        }
        if headIs(.tricky), let token = head {
            add(small || fixing ? .standard : .lightweight, .standard, .comprehensive, c: 6, r: 5,
                "description mentions '\(token.text)'", size: true)
        }
        if headIs(.feature), let token = head {
            if fixing {
                add(.standard, .standard, .lightweight, c: 3, r: 3, "description mentions a fix to a feature ('\(token.text)')",
                    size: true)
            } else if small {
                add(.standard, .standard, .lightweight, c: 3, r: 3, "description mentions a small feature ('\(token.text)')",
                    size: true)
            } else if large {
                add(.comprehensive, .lightweight, .fullSDLC, c: 7, r: 5, "description mentions a large feature ('\(token.text)')",
                    size: true)
            } else {
                add(.lightweight, .standard, .comprehensive, c: 5, r: 4, "description mentions a feature ('\(token.text)')",
                    size: true)
            }
        }
        if let token = head, token.has(.tests) {
            add(.standard, .minimal, .standard, c: 2, r: 1, "description mentions '\(token.text)'", size: true)
        }
        for cue in [Cue.bug, .validation, .smallFeature] {
            if headIs(cue), let token = head {
                add(.standard, .standard, .lightweight, c: 3, r: cue == .validation ? 4 : 3,
                    "description mentions '\(token.text)'", size: true)
            }
        }
        if found.isEmpty, let verb = parts.all.first(where: { $0.lemma == "upgrade" }) {
            add(large ? .lightweight : .standard, .minimal, .comprehensive, c: large ? 5 : 3, r: large ? 5 : 4,
                "description mentions an '\(verb.text)'", size: true)
        }
        if found.isEmpty, acts.contains(.fix), let verb = parts.first(.fix, in: parts.all) {
            add(.standard, .standard, .lightweight, c: 3, r: 3, "description mentions '\(verb.text)': a bug fix", size: true)
        }
        return found
    }

    // MARK: - Notes

    /// Risk notes for security topics that do not decide the tier: weak ones anywhere
    /// ("login page"), strong ones only in the "where" part ("logging in the payment flow").
    static func topicNotes(_ parts: Parts) -> [Evidence] {
        var notes: [Evidence] = []
        var seen = Set<String>()
        for (token, topic) in parts.strongTopics(in: parts.location) where seen.insert(token.lemma).inserted {
            notes.append(.note("description names security-sensitive code where the change happens ('\(token.text)', \(topic))",
                               risk: 6, complexity: 3, source: .description))
        }
        if let token = parts.first(.securityWork, in: parts.location), seen.insert(token.lemma).inserted {
            notes.append(.note("description names security-sensitive code where the change happens ('\(token.text)')",
                               risk: 6, complexity: 3, source: .description))
        }
        for token in parts.all {
            for case .topic(let topic, false) in token.cues where seen.insert(token.lemma).inserted {
                notes.append(.note("description mentions '\(token.text)' (\(topic))", risk: 4, complexity: 2,
                                   source: .description))
            }
        }
        return notes
    }
}
