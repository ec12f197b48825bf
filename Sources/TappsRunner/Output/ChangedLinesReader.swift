import Synchronization
import TappsCore
import TappsGit

/// Reads which lines a run's change adds, on demand and once per file: only files that have findings are diffed
/// (libgit2 blob diffs without context), so a passing hook pays nothing for the delta report.
final class ChangedLinesReader: Sendable {
    private enum Sides: Sendable {
        case staged(indexPath: String)
        case range(from: String, to: String)
    }

    private struct State {
        var lines: [RepoPath: [ClosedRange<Int>]] = [:]
        var index: Index?
        var trees: (old: Tree?, new: Tree)?
    }

    private let repository: Repository
    private let sides: Sides
    private let touched: Set<RepoPath>
    /// New path → old path, for renames and copies.
    private let oldPaths: [RepoPath: RepoPath]
    private let added: Set<RepoPath>
    private let state = Mutex(State())

    private init(repository: Repository, sides: Sides, changes: [ChangedFile]) {
        self.repository = repository
        self.sides = sides
        touched = Set(changes.map(\.path))
        oldPaths = Dictionary(changes.compactMap { change in change.oldPath.map { (change.path, $0) } },
                              uniquingKeysWith: { first, _ in first })
        added = Set(changes.filter { $0.status == .added }.map(\.path))
    }

    /// The reader for `scope`, or nil when it has no diff to filter by (`--all-files`).
    static func make(scope: RunSummary.Scope, changes: [ChangedFile], session: RepositorySession) -> ChangedLinesReader? {
        switch scope {
        case .staged:
            ChangedLinesReader(repository: session.repository, sides: .staged(indexPath: session.repository.indexPath),
                               changes: changes)
        case .range(let from, let to):
            ChangedLinesReader(repository: session.repository, sides: .range(from: from, to: to), changes: changes)
        case .allFiles:
            nil
        }
    }

    /// The touched files, with the added lines of every touched file that `results` have findings in.
    func changedLines(for results: [StepResult]) -> ChangedLines {
        let wanted = Set(results.flatMap(\.findings).compactMap(\.file)).intersection(touched)
        return state.withLock { state in
            for file in wanted where state.lines[file] == nil {
                state.lines[file] = read(file, state: &state)
            }
            return ChangedLines(touchedFiles: touched, addedLines: state.lines.filter { wanted.contains($0.key) })
        }
    }

    /// The file's added lines; a file that cannot be read counts as wholly added (nothing of it is hidden).
    private func read(_ file: RepoPath, state: inout State) -> [ClosedRange<Int>] {
        let everything = [1...Int.max]
        do throws(GitError) {
            let old: ObjectID?, new: ObjectID?
            switch sides {
            case .staged(let indexPath):
                if state.index == nil { state.index = try Index.open(at: indexPath) }
                new = state.index?.entry(at: file.bytes)?.id
                old = added.contains(file) ? nil : try repository.headBlobID(at: (oldPaths[file] ?? file).bytes)
            case .range(let from, let to):
                if state.trees == nil {
                    state.trees = (try? repository.tree(forRevision: from), try repository.tree(forRevision: to))
                }
                new = try state.trees?.new.entry(at: file.bytes)?.id
                old = added.contains(file) ? nil : try state.trees?.old?.entry(at: (oldPaths[file] ?? file).bytes)?.id
            }
            guard let new else { return [] }
            return try repository.addedLines(from: old, to: new)
        } catch {
            return everything
        }
    }
}
