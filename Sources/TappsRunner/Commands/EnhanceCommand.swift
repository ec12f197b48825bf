import TappsCore

/// `git tapps enhance`: suggest's evidence turned into a task prompt.
public enum EnhanceCommand {
    /// The enhanced prompt for `description` in `mode`; outside a repository from the description alone.
    /// Throws a usage error for an empty description.
    public static func enhance(description: String, mode: EnhanceMode) throws(TappsError) -> EnhanceResult {
        guard !description.allSatisfy(\.isWhitespace) else {
            throw .usage("enhance needs a task description, e.g. git tapps enhance \"Fix typo in README\"")
        }
        let (session, report) = try SuggestCommand.gather(description: description)
        var input = EnhanceInput(description: description, context: report.context,
                                 recommendation: report.recommendation, preset: report.preset)
        if let session {
            let config = session.config
            input.testPatterns = config.testPatterns
            input.frameworkPaths = config.frameworkPaths
            let sources = input.context.sourceFiles.map(\.path)
            if !sources.isEmpty {
                input.relatedTests = RelatedTestNames.find(for: sources, among: TrackedFiles.list(session),
                                                           classifier: config.classifier)
            }
        }
        return Enhancer.enhance(input, mode: mode)
    }
}
