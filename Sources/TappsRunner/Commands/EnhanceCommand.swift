import TappsCore
import TappsGit

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
            input.symbols = StagedSymbols.find(for: input.context, in: session)
        }
        return Enhancer.enhance(input, mode: mode)
    }
}

/// The changed definitions of the staged source files: HEAD's blob against the index's, per file.
enum StagedSymbols {
    /// Files compared at most, and the largest blob read (a prompt needs pointers, not a parse of everything).
    static let maxFiles = 40
    static let maxBytes = 1 << 20

    static func find(for context: FileContext, in session: RepositorySession) -> [RepoPath: ChangedSymbols] {
        let files = context.sourceFiles.filter { !$0.change.isBinary && !$0.change.isSubmodule && $0.change.status != .deleted }
        guard !files.isEmpty, let index = try? session.repository.index() else { return [:] }
        let head = try? session.repository.headTree()
        var found: [RepoPath: ChangedSymbols] = [:]
        for file in files.prefix(maxFiles) {
            guard let entry = index.entry(at: file.path.bytes), entry.fileSize <= maxBytes,
                  let new = try? Blob.lookup(entry.id, in: session.repository).content else { continue }
            let oldPath = file.change.oldPath ?? file.path
            let old = (try? head?.entry(at: oldPath.bytes)).flatMap { $0 }.flatMap { try? Blob.lookup($0.id, in: session.repository).content }
            let symbols = ChangedSymbols.find(old: old, new: new, language: file.language)
            if !symbols.isEmpty { found[file.path] = symbols }
        }
        return found
    }
}
