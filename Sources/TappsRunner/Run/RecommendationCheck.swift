import TappsCore

/// Whether the recommender would pick another preset for the staged change than the one a run uses, so that the
/// summary can say so once. Pure and cheap: the file context is already built for the run.
enum RecommendationCheck {
    /// Above this many staged files the hint is left out: counting their lines would cost a hook tens of ms.
    static let maxFiles = 200

    /// Whether a run over `fileCount` staged files should read line counts for the hint.
    static func wanted(scope: RunSummary.Scope, fileCount: Int) -> Bool { scope == .staged && fileCount <= maxFiles }

    /// The hint for a run of `preset` over `fileCount` files, nil when the recommender agrees, the run follows it
    /// anyway (`auto`), it is not a staged run, or the change is too large to be worth the line counts. `context`
    /// gives the staged change with line counts; it is only called when the hint is wanted.
    static func hint(for preset: Preset, source: String, followsRecommender: Bool, options: RunOptions, fileCount: Int,
                     config: TappsConfig, context: () throws(TappsError) -> FileContext) -> RecommendationHint? {
        guard wanted(scope: options.scope, fileCount: fileCount), fileCount > 0, !followsRecommender,
              let context = try? context() else { return nil }
        let recommendation = Recommender(catalogue: config.presets).recommend(description: options.description ?? "",
                                                                           context: context)
        guard recommendation.preset != preset.name else { return nil }
        return RecommendationHint(preset: recommendation.preset, follow: source == "--preset" ? "--preset auto" : "preset: auto")
    }
}
