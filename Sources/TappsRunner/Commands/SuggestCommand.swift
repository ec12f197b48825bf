import TappsCore
import TappsGit

/// `git tapps suggest`: read the staged change, classify it, recommend.
public enum SuggestCommand {
    /// The report for `description`; outside a repository the file context is marked unavailable.
    public static func report(description: String) throws(TappsError) -> SuggestReport {
        try gather(description: description).report
    }

    /// The report together with the session it was read from (nil outside a repository), for
    /// commands that build on suggest's evidence (`enhance`).
    static func gather(description: String) throws(TappsError) -> (session: RepositorySession?, report: SuggestReport) {
        let session = try RepositorySession.open()
        let config = session?.config ?? TappsConfig()
        var context = FileContext.unavailable
        if let session {
            do {
                let changes = try StagedChangeReader.staged(in: session.repository)
                context = FileContext.build(from: changes, classifier: config.classifier)
            } catch {
                throw .repository("cannot read the staged change: \(error.message)")
            }
        }
        let recommendation = Recommender(catalogue: config.presets).recommend(description: description, context: context)
        // The recommender only names presets of the catalogue it was given (standard at the least).
        let preset = config.presets.preset(named: recommendation.preset) ?? BuiltInPresets.standard
        return (session, SuggestReport(description: description, recommendation: recommendation, preset: preset, context: context))
    }
}

/// `git tapps presets`.
public enum PresetsCommand {
    /// The built-in presets merged with the repository's `.tapps.yaml`, if there is one here.
    public static func catalogue() throws(TappsError) -> PresetCatalogue {
        try RepositorySession.open()?.config.presets ?? PresetCatalogue()
    }
}
