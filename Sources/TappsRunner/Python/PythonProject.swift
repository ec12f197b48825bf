import TappsCore
import TappsGit

/// A repository's Python side as its index holds it: the staged files, their imports, and the pytest
/// settings — everything read from staged blobs, so the picture is the commit's, not the work tree's.
struct PythonProject: Sendable {
    /// Every tracked path (stage 0, no submodules, no intent-to-add placeholders) → its blob id.
    let tracked: [String: ObjectID]
    let settings: PytestSettings
    let selector: TestSelector
    /// Scans of the changed `.py` files by path (of every tracked one when the graph was rebuilt).
    let scans: [String: PythonImportScan]
    /// How many tracked `.py` files there are.
    let pythonFileCount: Int

    /// A changed file set beyond this reads the per-blob import cache rather than scanning blobs one by one.
    static let directScanLimit = 64
    /// A cached graph is rewritten once more files than this have changed since it was saved.
    static let staleFilesBeforeSaving = 16

    /// Reads the index, the cached graph (or the import cache when the graph must be rebuilt).
    /// - Parameter changed: the changed paths, deleted ones included: their importers must still be found,
    ///   and the scans of the changed modules are kept for the untracked-import check.
    static func load(session: RepositorySession, changed: [String] = []) -> PythonProject? {
        guard let index = try? StagedEntries(repository: session.repository) else { return nil }
        var tracked: [String: ObjectID] = [:]
        var python: [(path: String, id: String)] = []
        for (path, id) in index.files() {
            let text = String(decoding: path, as: UTF8.self)
            tracked[text] = id
            if path.last == UInt8(ascii: "y"), text.hasSuffix(".py") { python.append((text, id.hex)) }
        }
        let pythonFileCount = python.count
        let changedPython = Set(changed.filter { $0.hasSuffix(".py") })
        for path in changedPython where tracked[path] == nil { python.append((path, "-")) }
        python.sort { $0.path < $1.path }
        let files = python.map(\.path)
        let repository = session.repository
        let settings = PytestSettings.read { path in
            tracked[path].flatMap { try? Blob.lookup($0, in: repository) }.map { String(decoding: $0.content, as: UTF8.self) }
        }
        let content: (String) -> [UInt8]? = { path in tracked[path].flatMap { try? Blob.lookup($0, in: repository).content } }
        let graphCache = ImportGraphCache(gitCommonDirectory: repository.commonDirectory)
        let key = settings.graphKey

        if var entry = graphCache.load(files: files, key: key) {
            let stale = files.indices.filter { entry.ids[$0] != python[$0].id }.map { files[$0] }
            let wanted = Set(stale).union(changedPython)
            let scans = Self.scans(of: wanted, python: python, content: content, repository: repository)
            let testModules = Set(files.indices.lazy.filter { entry.testModules[$0] }.map { files[$0] })
            let moduleIndex = PythonModuleIndex(files: Set(files), roots: entry.roots)
            if !stale.isEmpty {
                entry.graph.update(stale, scans: scans, index: moduleIndex, isTestModule: testModules.contains)
                // Re-deriving a few files costs less than rewriting the cache; they are found stale again next time.
                if stale.count > Self.staleFilesBeforeSaving {
                    entry.ids = python.map(\.id)
                    graphCache.save(entry)
                }
            }
            let selector = TestSelector(settings: settings, index: moduleIndex, graph: entry.graph, testModules: testModules)
            return PythonProject(tracked: tracked, settings: settings, selector: selector, scans: scans,
                                 pythonFileCount: pythonFileCount)
        }

        var cache = ImportScanCache(gitCommonDirectory: repository.commonDirectory)
        var scans: [String: PythonImportScan] = [:]
        for (path, id) in python where id != "-" {
            scans[path] = cache.scan(id) { content(path) }
        }
        cache.save(keeping: Set(python.map(\.id)))
        let selector = TestSelector(settings: settings, pythonFiles: files, scans: scans)
        graphCache.save(ImportGraphCache.Entry(key: key, roots: selector.index.roots, graph: selector.graph,
                                               ids: python.map(\.id), testModules: files.map(selector.testModules.contains)))
        return PythonProject(tracked: tracked, settings: settings, selector: selector, scans: scans,
                             pythonFileCount: pythonFileCount)
    }

    /// The scans of `wanted` files: each blob scanned directly when there are few, from the import cache otherwise.
    private static func scans(of wanted: Set<String>, python: [(path: String, id: String)], content: (String) -> [UInt8]?,
                              repository: Repository) -> [String: PythonImportScan] {
        guard !wanted.isEmpty else { return [:] }
        var scans: [String: PythonImportScan] = [:]
        let targets = python.filter { wanted.contains($0.path) && $0.id != "-" }
        if targets.count <= directScanLimit {
            for (path, _) in targets { scans[path] = content(path).map(PythonImportScanner.scan) ?? PythonImportScan() }
            return scans
        }
        var cache = ImportScanCache(gitCommonDirectory: repository.commonDirectory)
        for (path, id) in targets { scans[path] = cache.scan(id) { content(path) } }
        cache.save(keeping: Set(python.map(\.id)))
        return scans
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
        // A related selection comes from the loaded project, whose settings say whether addopts has a
        // coverage threshold: it applies to the whole suite, and a run of some tests cannot meet it.
        guard case .related = selection, let settings = project.project?.settings else { return PytestChoice(selection: selection) }
        return PytestChoice(selection: selection, arguments: settings.enablesCoverage ? ["--no-cov"] : [])
    }

    static func selection(session: RepositorySession, changes: [ChangedFile], scope: RunSummary.Scope,
                          project loader: PythonProjectLoader) -> TestSelection {
        var changed: [String] = []
        for change in changes where !change.isSubmodule {
            changed.append(change.path.string)
            if let old = change.oldPath { changed.append(old.string) }
        }
        // A change with no Python in it, in a repository that shows no sign of being a Python project, affects no
        // test; for `--all-files` the change is every tracked file, so a Go repository starts no pytest.
        let isPythonFree = !changed.contains(where: { $0.hasSuffix(".py") || TestSelector.suiteWideFiles.contains($0) })
            && !pythonMarkers.contains(where: { FileBytes.exists(session.root + "/" + $0) })
        if case .allFiles = scope { return isPythonFree ? .none(reason: "no Python files") : .all(reason: "--all-files") }
        if session.config.builtins.pytestSelect == .all { return .all(reason: "builtins.pytest.select: all") }
        if isPythonFree { return .none(reason: "no staged Python files") }
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
