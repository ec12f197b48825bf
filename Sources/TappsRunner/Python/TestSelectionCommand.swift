import TappsCore

/// `git tapps select-tests` (hidden): which tests the built-in pytest would run for the staged change, and
/// how long deciding took — for benchmarks and for explaining a selection.
public enum TestSelectionCommand {
    public static func run(cold: Bool) throws(TappsError) -> JSONValue {
        guard let session = try RepositorySession.open() else {
            throw .repository("not a git repository (run git tapps select-tests inside a work tree)")
        }
        if cold {
            StepFileSystem.removeTree(ImportScanCache(gitCommonDirectory: session.repository.commonDirectory).path)
            StepFileSystem.removeTree(ImportGraphCache(gitCommonDirectory: session.repository.commonDirectory).path)
        }
        let clock = ContinuousClock()
        let changes = try ChangeSource.files(for: .staged, session: session, countLines: false)
        let started = clock.now
        let loader = PythonProjectLoader(session: session, changes: changes)
        let choice = PytestPlanning.choice(session: session, changes: changes, scope: .staged, project: loader)
        let (seconds, attoseconds) = (clock.now - started).components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        let python = loader.project
        var fields: [(String, JSONValue)] = []
        switch choice.selection {
        case .all(let reason): fields = [("selection", .string("all")), ("reason", .string(reason)), ("tests", .array([]))]
        case .none(let reason): fields = [("selection", .string("none")), ("reason", .string(reason)), ("tests", .array([]))]
        case .related(let tests, let reason):
            fields = [("selection", .string("related")), ("reason", .string(reason)), ("tests", .array(tests.map(JSONValue.string)))]
        }
        let collectable = python?.selector.testModules.count ?? 0
        return .object(fields + [
            ("arguments", .array(choice.arguments.map(JSONValue.string))),
            ("test_modules", .int(collectable)),
            ("python_files", .int(python?.pythonFileCount ?? 0)),
            ("duration_ms", .double((milliseconds * 100).rounded() / 100)),
        ])
    }
}
