/// Text and JSON for `git tapps presets list|show`.
public enum PresetListing {
    public static func text(_ catalogue: PresetCatalogue) -> String {
        let width = catalogue.names.map(\.count).max() ?? 0
        return catalogue.presets.map { preset in
            let name = preset.name.padding(toLength: width)
            let hook = preset.hookPhases.map(\.rawValue).joined(separator: ", ")
            let marker = preset.name == "standard" ? " (default)" : ""
            return "\(name)  \(preset.steps.count) steps, ~\(Formatting.minutes(preset.estimate.minutes)), ~\(Formatting.tokens(preset.estimate.tokens)) tokens · hook: \(hook)\(marker)\n\(String(repeating: " ", count: width + 2))\(preset.bestFor)"
        }.joined(separator: "\n")
    }

    public static func text(_ preset: Preset) -> String {
        var lines = ["\(preset.name): \(preset.summary)", "Best for: \(preset.bestFor)"]
        lines.append("Estimate: \(preset.steps.count) steps, ~\(Formatting.minutes(preset.estimate.minutes)), ~\(Formatting.tokens(preset.estimate.tokens)) tokens")
        lines.append("Steps:")
        for (offset, step) in preset.steps.enumerated() {
            let hook = step.phase.map { preset.hookPhases.contains($0) ? "  [hook: \($0.rawValue)]" : "" } ?? ""
            let settings = step.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            lines.append("  \(offset + 1). \(step.name) — \(step.summary)\(settings.isEmpty ? "" : " (\(settings))")\(hook)")
        }
        lines.append("The hook runs: \(preset.hookPhases.map(\.rawValue).joined(separator: ", "))")
        if !preset.useWhen.isEmpty { lines.append("Use when: " + preset.useWhen.joined(separator: "; ")) }
        if !preset.examples.isEmpty { lines.append("Examples: " + preset.examples.map { "\"\($0)\"" }.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    public static func json(_ catalogue: PresetCatalogue) -> JSONValue {
        .object([("presets", .array(catalogue.presets.map(json)))])
    }

    public static func json(_ preset: Preset) -> JSONValue {
        .object([
            ("name", .string(preset.name)),
            ("summary", .string(preset.summary)),
            ("best_for", .string(preset.bestFor)),
            ("use_when", .array(preset.useWhen.map(JSONValue.string))),
            ("examples", .array(preset.examples.map(JSONValue.string))),
            ("steps", .array(preset.steps.map { step in
                .object([("name", .string(step.name)), ("summary", .string(step.summary)),
                         ("phase", step.phase.map { .string($0.rawValue) } ?? .null),
                         ("settings", .object(step.settings.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))])
            })),
            ("hook_phases", .array(preset.hookPhases.map { .string($0.rawValue) })),
            ("estimate", .object([("minutes", .int(preset.estimate.minutes)), ("tokens", .int(preset.estimate.tokens))])),
            ("built_in", .bool(preset.isBuiltIn)),
        ])
    }
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
