import Synchronization
import TappsCore
import TappsGit

/// How the built-in pytest runs for one change: which tests, and what it adds to pytest's command line.
public struct PytestChoice: Sendable, Equatable {
    public var selection: TestSelection
    /// Extra arguments, e.g. `--no-cov` when the project's `addopts` turns on coverage thresholds that a
    /// run of some of the tests cannot meet.
    public var arguments: [String]

    public init(selection: TestSelection, arguments: [String] = []) {
        self.selection = selection
        self.arguments = arguments
    }
}

/// Which staged files the built-in mypy checks, decided by the project's own mypy configuration.
public struct MypyScope: Sendable, Equatable {
    /// The staged Python files mypy checks (or, for a whole-scope run, the files whose findings count).
    public var files: [RepoPath]
    /// Staged Python files the project's mypy configuration does not check (outside `files`, or excluded).
    public var outside: [RepoPath]
    /// Staged `.py` files with a `.pyi` beside them: mypy reads the stub, not the source, for that module (its
    /// directory crawl puts `foo.pyi` before `foo.py`, and both named on one command line are a "Duplicate
    /// module" error that stops it), so the project's own mypy never checks them.
    public var stubbed: [RepoPath]
    /// Run a plain `mypy` (the configured `files`) instead of naming files: `--all-files` on a project that
    /// sets `files`, so that the verdict is exactly the project's.
    public var wholeScope: Bool
    /// Extra arguments (`--ignore-missing-imports` when the project has no mypy configuration at all: it does
    /// not use mypy, so missing stubs for its dependencies are not its errors).
    public var arguments: [String]

    public init(files: [RepoPath], outside: [RepoPath] = [], stubbed: [RepoPath] = [], wholeScope: Bool = false,
                arguments: [String] = []) {
        self.files = files
        self.outside = outside
        self.stubbed = stubbed
        self.wholeScope = wholeScope
        self.arguments = arguments
    }
}

/// The Python decisions the planner asks for, computed only when the step is planned.
public struct PythonPlanning: Sendable {
    public var pytest: @Sendable () -> PytestChoice
    public var mypy: @Sendable ([RepoPath]) -> MypyScope

    public init(pytest: @escaping @Sendable () -> PytestChoice, mypy: @escaping @Sendable ([RepoPath]) -> MypyScope) {
        self.pytest = pytest
        self.mypy = mypy
    }
}

extension PythonPlanning {
    /// Decisions from the repository: its staged pytest and mypy configuration and its import graph.
    static func live(session: RepositorySession, changes: [ChangedFile], scope: RunSummary.Scope,
                     project: PythonProjectLoader? = nil) -> PythonPlanning {
        let loader = project ?? PythonProjectLoader(session: session, changes: changes)
        return PythonPlanning(
            pytest: { PytestPlanning.choice(session: session, changes: changes, scope: scope, project: loader) },
            mypy: { python in MypyPlanning.scope(session: session, python: python, scope: scope) })
    }
}

/// Loads a run's ``PythonProject`` once, when first asked (pytest's selection and the untracked-import check
/// share it).
final class PythonProjectLoader: Sendable {
    private let state: Mutex<(loaded: Bool, project: PythonProject?)> = Mutex((false, nil))
    private let session: RepositorySession
    private let removed: [String]

    init(session: RepositorySession, changes: [ChangedFile]) {
        self.session = session
        // Deleted and renamed-away modules, so that their importers are still found; and every changed
        // module, so that a staged test runs itself even when the index has not caught up.
        var removed: [String] = []
        for change in changes where !change.isSubmodule {
            removed.append(change.path.string)
            if let old = change.oldPath { removed.append(old.string) }
        }
        self.removed = removed
    }

    var project: PythonProject? {
        state.withLock { state in
            if !state.loaded { state = (true, PythonProject.load(session: session, changed: removed)) }
            return state.project
        }
    }
}

/// The built-in mypy's scope for a run.
enum MypyPlanning {
    static func scope(session: RepositorySession, python: [RepoPath], scope: RunSummary.Scope) -> MypyScope {
        let settings = MypySettings.read { StagedText.read($0, session: session) }
        let arguments = settings.configFile == nil ? ["--ignore-missing-imports"] : []
        if case .allFiles = scope, !settings.files.isEmpty {
            return MypyScope(files: python.filter { settings.checks($0.string) }, outside: [], wholeScope: true,
                             arguments: arguments)
        }
        // A range's resulting tree is not the index: there, only stubs among the changed files count.
        let index: StagedEntries? = if case .range = scope { nil } else { try? StagedEntries(repository: session.repository) }
        let stubbed = stubbedSources(python, index: index)
        let modules = stubbed.isEmpty ? python : python.filter { !stubbed.contains($0) }
        return MypyScope(files: modules.filter { settings.checks($0.string) },
                         outside: modules.filter { !settings.checks($0.string) }, stubbed: stubbed, arguments: arguments)
    }

    /// The `.py` files of `python` whose `.pyi` is among them or in `index` (staged with them or committed).
    static func stubbedSources(_ python: [RepoPath], index: StagedEntries?) -> [RepoPath] {
        let stubs = Set(python.lazy.filter { $0.fileExtension == "pyi" }.map(\.bytes))
        return python.filter { path in
            guard path.fileExtension == "py" else { return false }
            let stub = path.bytes + [UInt8(ascii: "i")]
            return stubs.contains(stub) || index?.entry(at: stub) != nil
        }
    }
}
