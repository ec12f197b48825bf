import TappsCore
import TappsGit

/// A repository's Python side as its index holds it: the staged files, their imports, and the pytest
/// settings — everything read from staged blobs, so the picture is the commit's, not the work tree's.
struct PythonProject: Sendable {
    /// Every tracked path (stage 0, no submodules, no intent-to-add placeholders) → its blob id.
    let tracked: [String: ObjectID]
    let settings: PytestSettings
    let selector: TestSelector
    /// Scans of the tracked `.py` files by path.
    let scans: [String: PythonImportScan]

    /// Reads the index and the import cache; `extraModules` are deleted paths whose importers must still be found.
    static func load(session: RepositorySession, extraModules: [String] = []) -> PythonProject? {
        guard let index = try? StagedEntries(repository: session.repository) else { return nil }
        var tracked: [String: ObjectID] = [:]
        for (path, id) in index.files() { tracked[String(decoding: path, as: UTF8.self)] = id }
        let repository = session.repository
        let settings = PytestSettings.read { path in
            tracked[path].flatMap { try? Blob.lookup($0, in: repository) }.map { String(decoding: $0.content, as: UTF8.self) }
        }
        var cache = ImportScanCache(gitCommonDirectory: repository.commonDirectory)
        var scans: [String: PythonImportScan] = [:]
        var ids = Set<String>()
        for (path, id) in tracked where path.hasSuffix(".py") {
            let hex = id.hex
            ids.insert(hex)
            scans[path] = cache.scan(hex) { try? Blob.lookup(id, in: repository).content }
        }
        cache.save(keeping: ids)
        let pythonFiles = Array(scans.keys) + Set(extraModules).filter { $0.hasSuffix(".py") && scans[$0] == nil }
        let selector = TestSelector(settings: settings, pythonFiles: pythonFiles, scans: scans)
        return PythonProject(tracked: tracked, settings: settings, selector: selector, scans: scans)
    }
}

/// The built-in pytest's choice of tests for a run.
enum PytestPlanning {
    /// Files at the root that make a repository a Python project.
    static let pythonMarkers = ["pyproject.toml", "setup.py", "setup.cfg", "pytest.ini", "tox.ini", "conftest.py"]

    /// What to run: every configured test for `--all-files` or `select: all`, otherwise the tests related to
    /// the changed files (renamed and deleted modules included, so that their importers run).
    static func choice(session: RepositorySession, changes: [ChangedFile], scope: RunSummary.Scope,
                       project: PythonProjectLoader) -> PytestChoice {
        let selection = selection(session: session, changes: changes, scope: scope, project: project)
        guard case .related = selection else { return PytestChoice(selection: selection) }
        // A coverage threshold in addopts applies to the whole suite; a run of some tests cannot meet it.
        let settings = PytestSettings.read { StagedText.read($0, session: session) }
        return PytestChoice(selection: selection, arguments: settings.enablesCoverage ? ["--no-cov"] : [])
    }

    static func selection(session: RepositorySession, changes: [ChangedFile], scope: RunSummary.Scope,
                          project loader: PythonProjectLoader) -> TestSelection {
        if case .allFiles = scope { return .all(reason: "--all-files") }
        if session.config.builtins.pytestSelect == .all { return .all(reason: "builtins.pytest.select: all") }
        var changed: [String] = []
        for change in changes where !change.isSubmodule {
            changed.append(change.path.string)
            if let old = change.oldPath { changed.append(old.string) }
        }
        // A change with no Python in it, in a repository that shows no sign of being a Python project, affects no test.
        if !changed.contains(where: { $0.hasSuffix(".py") || TestSelector.suiteWideFiles.contains($0) }),
           !pythonMarkers.contains(where: { FileBytes.exists(session.root + "/" + $0) }) {
            return .none(reason: "no staged Python files")
        }
        guard let project = loader.project else {
            return .all(reason: "the index could not be read")
        }
        return project.selector.select(changed: changed, trackedFiles: project.tracked.keys)
    }
}

/// A root file's staged text, read from its index blob (the content the commit will hold).
enum StagedText {
    static func read(_ path: String, session: RepositorySession) -> String? {
        guard let index = try? StagedEntries(repository: session.repository),
              let entry = index.entry(at: Array(path.utf8)),
              let blob = try? Blob.lookup(entry.id, in: session.repository) else { return nil }
        return String(decoding: blob.content, as: UTF8.self)
    }
}
