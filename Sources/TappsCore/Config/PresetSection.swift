/// Reads `presets:` — new presets, or overrides of built-in ones.
enum PresetSection {
    static let keys: Set<String> = ["extends", "description", "phases", "steps", "estimate", "best_for", "use_when"]

    static func read(_ node: ConfigNode, into catalogue: inout PresetCatalogue, reader: NodeReader) throws(ConfigError) {
        if node.isNullScalar { return }
        _ = try reader.mapping(node, what: "presets")
        for (name, keyNode) in reader.keys(node) {
            guard let body = node.value(forKey: name) else { continue }
            guard !name.isEmpty, name != "auto", !name.contains(where: \.isWhitespace) else {
                throw reader.error(at: keyNode, "preset name '\(name)' must be one word and not 'auto'")
            }
            let map = try reader.mapping(body, what: "preset '\(name)'")
            try reader.rejectUnknownKeys(body, allowed: keys, in: "preset '\(name)'")
            var base = catalogue.preset(named: name)
            if let extendsNode = map["extends"] {
                let parent = try reader.string(extendsNode, what: "extends")
                guard let found = catalogue.preset(named: parent) else {
                    throw reader.error(at: extendsNode, "preset '\(name)' extends unknown preset '\(parent)'")
                }
                base = found
            }
            var preset = base ?? Preset(
                name: name, summary: "", bestFor: "", useWhen: [], examples: [], steps: [],
                hookPhases: [], estimate: Estimate(minutes: 0, tokens: 0), isBuiltIn: false)
            preset.name = name
            preset.isBuiltIn = false
            if let text = map["description"] { preset.summary = try reader.string(text, what: "description") }
            if let text = map["best_for"] { preset.bestFor = try reader.string(text, what: "best_for") }
            if let list = map["use_when"] { preset.useWhen = try reader.strings(list, what: "use_when") }
            if let list = map["phases"] {
                var phases: [Phase] = []
                for item in try reader.sequence(list, what: "phases") {
                    let text = try reader.string(item, what: "phase")
                    guard let phase = Phase(rawValue: text) else {
                        throw reader.error(at: item, "preset '\(name)': unknown phase '\(text)' (review, test, security or docs)")
                    }
                    if !phases.contains(phase) { phases.append(phase) }
                }
                preset.hookPhases = phases.sorted()
            }
            if let list = map["steps"] {
                preset.steps = try reader.strings(list, what: "steps").map { step in
                    let phase = Phase(rawValue: step == "documentation" ? "docs" : step)
                    return WorkflowStep(step, phase.map { "\($0.rawValue) checks" } ?? step, phase: phase)
                }
            }
            if let estimateNode = map["estimate"] {
                let estimate = try reader.mapping(estimateNode, what: "estimate")
                try reader.rejectUnknownKeys(estimateNode, allowed: ["minutes", "tokens"], in: "estimate")
                if let minutes = estimate["minutes"] { preset.estimate.minutes = try reader.int(minutes, what: "estimate.minutes") }
                if let tokens = estimate["tokens"] { preset.estimate.tokens = try reader.int(tokens, what: "estimate.tokens") }
            }
            if map["phases"] == nil, base == nil {
                throw reader.error(at: keyNode, "preset '\(name)' needs 'phases' (or 'extends' from an existing preset)")
            }
            catalogue.upsert(preset)
        }
    }
}
