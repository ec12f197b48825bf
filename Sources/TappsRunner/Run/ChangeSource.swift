import TappsCore
import TappsGit

/// The files a run looks at, for each scope.
enum ChangeSource {
    static func files(for scope: RunSummary.Scope, session: RepositorySession,
                      countLines: Bool) throws(TappsError) -> [ChangedFile] {
        do throws(GitError) {
            switch scope {
            case .staged:
                return try StagedChangeReader.staged(in: session.repository, countLines: countLines)
            case .allFiles:
                return TrackedFiles.list(session).map { ChangedFile(status: .modified, path: $0) }
            case .range(let from, let to):
                return try StagedChangeReader.between(from, to, in: session.repository, countLines: countLines)
            }
        } catch {
            if case .range(let from, let to) = scope, error.isNotFound {
                throw .usage("cannot resolve '\(from)' or '\(to)': \(error.message)")
            }
            throw .repository("cannot read the change: \(error.message)")
        }
    }
}

/// Every tracked file of the index (stage 0, no submodules, no intent-to-add placeholders).
enum TrackedFiles {
    static func list(_ session: RepositorySession) -> [RepoPath] {
        guard let index = try? session.repository.index() else { return [] }
        return index.entries.filter { $0.stage == 0 && !$0.isSubmodule && !$0.isIntentToAdd }
            .map { RepoPath(bytes: $0.path) }
    }
}
