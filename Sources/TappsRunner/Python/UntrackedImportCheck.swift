import TappsCore
import TappsGit

/// The `untracked-imports` built-in: fails when a staged module imports a module that exists only as an
/// untracked, non-ignored file (the commit would not contain it). In-process, before any step runs.
enum UntrackedImportCheck {
    static let name = "untracked-imports"

    /// The check's result, or nil when it does not apply (turned off, skipped, not a staged run, no staged Python).
    static func run(session: RepositorySession, changes: [ChangedFile], project: () -> PythonProject?,
                    scope: RunSummary.Scope, skip: Set<String>) -> StepResult? {
        guard scope == .staged, session.config.builtins.contains(name) else { return nil }
        let staged = changes.filter { $0.status != .deleted && !$0.isSubmodule && $0.path.fileExtension == "py" }
            .map(\.path.string)
        guard !staged.isEmpty else { return nil }
        if skip.contains(name) { return StepResult(name: name, phase: .test, status: .skipped, note: "skipped by SKIP") }
        let clock = ContinuousClock()
        let started = clock.now
        guard let project = project() else { return nil }
        let root = session.root
        let findings = UntrackedImports.find(staged: staged, scans: project.scans, index: project.selector.index) { path in
            guard project.tracked[path] == nil, FileBytes.exists(root + "/" + path) else { return false }
            return (try? session.repository.isIgnored(Array(path.utf8))) != true
        }
        let (seconds, attoseconds) = (clock.now - started).components
        let duration = Double(seconds) + Double(attoseconds) / 1e18
        let files = "\(staged.count) staged module\(staged.count == 1 ? "" : "s")"
        return StepResult(name: name, phase: .test, status: findings.isEmpty ? .passed : .failed, duration: duration,
                          findings: findings, note: findings.isEmpty ? "imports of \(files) are all tracked"
                              : "git add the untracked modules, or builtins: {untracked-imports: false}",
                          fileCount: staged.count)
    }
}
