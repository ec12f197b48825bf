import Foundation
import Testing
import TestSupport

/// `git tapps install` / `uninstall` end to end: the built binary installs the hook, then a real
/// `git commit` shows that git finds it, that the user's previous hook runs first, and that the
/// shim's exits and bypasses behave.
@Suite struct InstallCommandTests {
    @Test func aRealCommitRunsThePreviousHookThenGitTapps() throws {
        let repo = try based()
        let fake = try FakeTapps()
        try InstallSupport.writeExecutable(repo.path(".git/hooks/pre-commit"), InstallSupport.previousHook)
        let install = try repo.tapps(["install"])
        #expect(install.status == 0)
        #expect(install.outputText.contains("pre-commit.tapps-previous"))

        try InstallSupport.stageChange(repo)
        let path = InstallSupport.builtBinDirectory + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin")
        let commit = try InstallSupport.commit(repo, environment: ["PATH": path, "TAPPS_MARKER": fake.marker])
        #expect(commit.status == 0, "\(commit.errorText)")
        #expect(fake.lines == ["previous"])
        #expect(try InstallSupport.commitCount(repo) == 2)
    }

    @Test func theShimRunsThePreviousHookFirstThenExecsGitTappsRun() throws {
        let repo = try based()
        let fake = try FakeTapps()
        try InstallSupport.writeExecutable(repo.path(".git/hooks/pre-commit"), InstallSupport.previousHook)
        #expect(try repo.tapps(["install"]).status == 0)
        try InstallSupport.stageChange(repo)
        let commit = try InstallSupport.commit(repo, environment: fake.environment())
        #expect(commit.status == 0, "\(commit.errorText)")
        #expect(fake.lines == ["previous", "tapps run"])
        #expect(try InstallSupport.commitCount(repo) == 2)
    }

    @Test func aFailingPreviousHookStopsTheCommitWithItsStatus() throws {
        let repo = try based()
        let fake = try FakeTapps()
        try InstallSupport.writeExecutable(repo.path(".git/hooks/pre-commit"), InstallSupport.previousHook)
        #expect(try repo.tapps(["install"]).status == 0)
        try InstallSupport.stageChange(repo)
        let commit = try InstallSupport.commit(repo, environment: fake.environment(["PREVIOUS_STATUS": "3"]))
        #expect(commit.status != 0)
        #expect(fake.lines == ["previous"])
        #expect(try InstallSupport.commitCount(repo) == 1)
    }

    @Test func aFailingRunBlocksTheCommit() throws {
        let repo = try based()
        let fake = try FakeTapps()
        #expect(try repo.tapps(["install"]).status == 0)
        try InstallSupport.stageChange(repo)
        let commit = try InstallSupport.commit(repo, environment: fake.environment(["FAKE_TAPPS_STATUS": "1"]))
        #expect(commit.status != 0)
        #expect(fake.lines == ["tapps run"])
        #expect(try InstallSupport.commitCount(repo) == 1)
    }

    @Test func tappsSkipSkipsEverythingIncludingThePreviousHook() throws {
        let repo = try based()
        let fake = try FakeTapps()
        try InstallSupport.writeExecutable(repo.path(".git/hooks/pre-commit"), InstallSupport.previousHook)
        #expect(try repo.tapps(["install"]).status == 0)
        try InstallSupport.stageChange(repo)
        let commit = try InstallSupport.commit(repo, environment: fake.environment(["TAPPS_SKIP": "1", "FAKE_TAPPS_STATUS": "1"]))
        #expect(commit.status == 0, "\(commit.errorText)")
        #expect(fake.lines.isEmpty)
        #expect(try InstallSupport.commitCount(repo) == 2)
    }

    @Test func withoutGitTappsOnPathTheHookSaysHowToInstallOrBypass() throws {
        let repo = try based()
        let fake = try FakeTapps()
        #expect(try repo.tapps(["install"]).status == 0)
        try InstallSupport.stageChange(repo)
        let commit = try InstallSupport.commit(repo, environment: ["PATH": fake.gitOnly])
        #expect(commit.status != 0)
        #expect(commit.errorText.contains("git-tapps: not found on PATH"))
        #expect(commit.errorText.contains("--no-verify"))
        #expect(commit.errorText.contains("TAPPS_SKIP=1"))
        #expect(try InstallSupport.commitCount(repo) == 1)
    }

    @Test func uninstallPutsThePreviousHookBack() throws {
        let repo = try based()
        let fake = try FakeTapps()
        try InstallSupport.writeExecutable(repo.path(".git/hooks/pre-commit"), InstallSupport.previousHook)
        #expect(try repo.tapps(["install"]).status == 0)
        let uninstall = try repo.tapps(["uninstall", "--format", "json"])
        #expect(uninstall.status == 0)
        #expect(try json(uninstall)["action"] as? String == "restored")
        #expect(repo.readText(".git/hooks/pre-commit") == InstallSupport.previousHook)
        try InstallSupport.stageChange(repo)
        #expect(try InstallSupport.commit(repo, environment: fake.environment()).status == 0)
        #expect(fake.lines == ["previous"])
    }

    @Test func forceReportsTheBackupInJSON() throws {
        let repo = try based()
        try InstallSupport.writeExecutable(repo.path(".git/hooks/pre-commit"), InstallSupport.previousHook)
        let result = try repo.tapps(["install", "--force", "--format", "json"])
        #expect(result.status == 0)
        let report = try json(result)
        #expect(report["action"] as? String == "replaced")
        #expect(report["hook"] as? String == repo.path(".git/hooks/pre-commit"))
        #expect(report["backup"] as? String == repo.path(".git/hooks/pre-commit.tapps-backup"))
        #expect(report["previous_hook"] is NSNull)
        #expect(repo.readText(".git/hooks/pre-commit.tapps-backup") == InstallSupport.previousHook)
        #expect(try json(try repo.tapps(["install", "--format", "json"]))["action"] as? String == "unchanged")
    }

    @Test func outsideARepositoryInstallExits2() throws {
        let empty = try ScratchRepository(initialize: false)
        let parent = URL(fileURLWithPath: empty.root).deletingLastPathComponent().path
        for command in ["install", "uninstall"] {
            let result = try empty.tapps([command], environment: ["GIT_CEILING_DIRECTORIES": parent])
            #expect(result.status == 2)
            #expect(result.errorText.contains("not inside a git repository"))
        }
    }

    // MARK: - git runs the hook from where install put it

    @Test(arguments: [false, true])
    func coreHooksPathIsWhereGitFindsTheChainedHook(absolute: Bool) throws {
        let repo = try based()
        let elsewhere = try ScratchRepository(initialize: false)
        let directory = absolute ? elsewhere.path("hooks") : repo.path(".githooks")
        try repo.git("config", "core.hooksPath", absolute ? directory : ".githooks")
        try InstallSupport.writeExecutable(directory + "/pre-commit", InstallSupport.previousHook)
        let fake = try FakeTapps()
        let install = try repo.tapps(["install", "--format", "json"])
        #expect(try json(install)["hook"] as? String == directory + "/pre-commit")
        try InstallSupport.stageChange(repo)
        let commit = try InstallSupport.commit(repo, environment: fake.environment())
        #expect(commit.status == 0, "\(commit.errorText)")
        #expect(fake.lines == ["previous", "tapps run"])
    }

    @Test func aLinkedWorktreeUsesTheSharedHook() throws {
        let repo = try based()
        let worktree = repo.root + "-worktree"
        try repo.git("worktree", "add", "-q", worktree)
        defer { try? FileManager.default.removeItem(atPath: worktree) }
        let fake = try FakeTapps()
        #expect(try repo.tapps(["install"], in: worktree).status == 0)
        #expect(repo.read(".git/hooks/pre-commit") != nil)
        try InstallSupport.stageChange(repo, in: worktree)
        let commit = try InstallSupport.commit(repo, in: worktree, environment: fake.environment())
        #expect(commit.status == 0, "\(commit.errorText)")
        #expect(fake.lines == ["tapps run"])
    }

    @Test func aSubmoduleGetsItsOwnHookAndTheSuperprojectNone() throws {
        let repo = try based()
        let library = try ScratchRepository()
        try library.write("lib.txt", "lib\n")
        try library.commitAll("lib")
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.root, "lib")
        let submodule = repo.path("lib")
        let fake = try FakeTapps()
        #expect(try repo.tapps(["install"], in: submodule).status == 0)
        #expect(repo.read(".git/modules/lib/hooks/pre-commit") != nil)

        try InstallSupport.stageChange(repo, in: submodule)
        let inSubmodule = try InstallSupport.commit(repo, in: submodule, environment: fake.environment())
        #expect(inSubmodule.status == 0, "\(inSubmodule.errorText)")
        #expect(fake.lines == ["tapps run"])

        try repo.git("add", "lib")
        let inSuperproject = try InstallSupport.commit(repo, environment: fake.environment())
        #expect(inSuperproject.status == 0, "\(inSuperproject.errorText)")
        #expect(fake.lines == ["tapps run"])
    }

    // MARK: - Helpers

    /// A repository with one commit (hooks bypassed), so later commits can be counted.
    private func based() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("README.md", "# demo\n")
        try repo.commitAll("base")
        return repo
    }

    private func json(_ result: ProcessResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
    }
}
