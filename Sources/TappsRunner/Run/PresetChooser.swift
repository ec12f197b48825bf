import TappsCore

/// Picks the preset a run uses: `--preset`, else `.tapps.yaml`'s `preset:`, else `standard`;
/// `auto` asks the recommender.
enum PresetChooser {
    struct Choice {
        var preset: Preset
        /// For the report: why this preset.
        var source: String
    }

    static func choose(options: RunOptions, config: TappsConfig, context: FileContext) throws(TappsError) -> Choice {
        let requested: PresetChoice
        let origin: String
        if let name = options.preset {
            requested = name == "auto" ? .auto : .named(name)
            origin = "--preset"
        } else {
            requested = config.preset
            origin = config.presetIsConfigured ? ".tapps.yaml" : "default"
        }
        switch requested {
        case .named(let name):
            guard let preset = config.presets.preset(named: name) else {
                throw .usage("unknown preset '\(name)' (known: \(config.presets.names.joined(separator: ", ")), auto)")
            }
            return Choice(preset: preset, source: origin)
        case .auto:
            let recommendation = Recommender(catalogue: config.presets)
                .recommend(description: options.description ?? "", context: context)
            let preset = config.presets.preset(named: recommendation.preset) ?? BuiltInPresets.standard
            let why = recommendation.reasoning.first.map { ": \($0)" } ?? ""
            return Choice(preset: preset, source: "recommended\(why)")
        }
    }
}
