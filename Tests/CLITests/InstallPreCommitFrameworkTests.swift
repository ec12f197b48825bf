import Foundation
import Testing
import TestSupport

/// `.pre-commit-hooks.yaml` works with the pre-commit framework (`pre-commit try-repo`).
/// Skipped when `pre-commit` is not installed (`pip install pre-commit`).
@Suite(.enabled(if: PreCommitFramework.executable != nil, "pre-commit is not installed"))
struct InstallPreCommitFrameworkTests {
    @Test func tryRepoRunsGitTappsAndPasses() throws {
        let (hookRepository, target, home) = try prepare()
        let path = InstallSupport.builtBinDirectory + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin")
        let result = try tryRepo(hookRepository, in: target, home: home, path: path, marker: nil)
        #expect(result.status == 0, "\(result.outputText)\(result.errorText)")
        #expect(result.outputText.contains("- hook id: git-tapps"))
        #expect(result.outputText.contains("Passed"))
    }

    @Test func tryRepoCallsGitTappsRunWithNoFileNames() throws {
        let (hookRepository, target, home) = try prepare()
        let fake = try FakeTapps()
        let path = fake.bin + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin")
        let result = try tryRepo(hookRepository, in: target, home: home, path: path, marker: fake.marker)
        #expect(result.status == 0, "\(result.outputText)\(result.errorText)")
        #expect(fake.lines == ["tapps run"])
    }

    /// A hook repository holding this repository's `.pre-commit-hooks.yaml` (committed, as
    /// try-repo reads HEAD), a target repository with a staged file, and a pre-commit home.
    private func prepare() throws -> (ScratchRepository, ScratchRepository, ScratchRepository) {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let manifest = try Data(contentsOf: packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"))
        let hookRepository = try ScratchRepository()
        try hookRepository.write(".pre-commit-hooks.yaml", bytes: Array(manifest))
        try hookRepository.commitAll("hooks")
        let target = try ScratchRepository()
        try target.write("notes.txt", "hello\n")
        try target.git("add", "notes.txt")
        return (hookRepository, target, try ScratchRepository(initialize: false))
    }

    private func tryRepo(_ hookRepository: ScratchRepository, in target: ScratchRepository, home: ScratchRepository,
                         path: String, marker: String?) throws -> ProcessResult {
        var environment = ScratchRepository.environment
        environment["PATH"] = path
        environment["PRE_COMMIT_HOME"] = home.root
        environment["TAPPS_MARKER"] = marker
        return try ProcessRunner.run(PreCommitFramework.executable ?? "pre-commit",
                                     ["try-repo", hookRepository.root, "git-tapps", "--verbose"],
                                     directory: target.root, environment: environment)
    }
}

enum PreCommitFramework {
    /// `pre-commit` on PATH, or nil.
    static let executable = InstallSupport.which("pre-commit")
}
