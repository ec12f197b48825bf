import Foundation
import Testing
import TappsRunner
import TestSupport

/// HookInstaller on real repositories: where the hook goes, and that no user hook is ever lost.
@Suite struct InstallTests {
    static let userHook = "#!/bin/sh\necho user hook\n"

    @Test func embeddedHookIsTheRepositoryFileByteForByte() throws {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try Data(contentsOf: packageRoot.appendingPathComponent("hooks/pre-commit"))
        #expect(Array(file) == Array(HookScript.text.utf8))
        #expect(HookScript.text.contains(HookScript.marker))
        #expect(HookScript.text.contains("\"$0\(HookInstaller.previousSuffix)\""))
    }

    @Test func freshInstallWritesAnExecutableHookAndCreatesTheDirectory() throws {
        let repo = try ScratchRepository()
        try FileManager.default.removeItem(atPath: repo.path(".git/hooks"))
        let report = try HookInstaller.install(session: try session(repo), force: false)
        let hook = repo.path(".git/hooks/pre-commit")
        #expect(report.action == "installed")
        #expect(report.hookPath == hook)
        #expect(report.previousHookPath == nil && report.backupPath == nil)
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))
        #expect(try permissions(hook) == 0o755)
    }

    @Test func installingTwiceChangesNothing() throws {
        let repo = try ScratchRepository()
        _ = try HookInstaller.install(session: try session(repo), force: false)
        let again = try HookInstaller.install(session: try session(repo), force: false)
        #expect(again.action == "unchanged")
        #expect(try hookFiles(repo) == ["pre-commit"])
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))
    }

    @Test func anOlderGitTappsHookIsUpdatedNotChained() throws {
        let repo = try ScratchRepository()
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\n\(HookScript.marker) (old)\nexec git-tapps run\n")
        try setPermissions(repo.path(".git/hooks/pre-commit"), 0o700)
        let report = try HookInstaller.install(session: try session(repo), force: false)
        #expect(report.action == "updated")
        #expect(try hookFiles(repo) == ["pre-commit"])
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))
        #expect(try permissions(repo.path(".git/hooks/pre-commit")) == 0o755)
    }

    @Test func anExistingHookIsKeptAndChained() throws {
        let repo = try ScratchRepository()
        try repo.write(".git/hooks/pre-commit", Self.userHook)
        try setPermissions(repo.path(".git/hooks/pre-commit"), 0o750)
        let report = try HookInstaller.install(session: try session(repo), force: false)
        #expect(report.action == "chained")
        #expect(report.previousHookPath == repo.path(".git/hooks/pre-commit.tapps-previous"))
        #expect(repo.readText(".git/hooks/pre-commit.tapps-previous") == Self.userHook)
        #expect(try permissions(repo.path(".git/hooks/pre-commit.tapps-previous")) == 0o750)
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))

        let again = try HookInstaller.install(session: try session(repo), force: false)
        #expect(again.action == "unchanged")
        #expect(repo.readText(".git/hooks/pre-commit.tapps-previous") == Self.userHook)
        #expect(try hookFiles(repo) == ["pre-commit", "pre-commit.tapps-previous"])
    }

    @Test func aSecondForeignHookIsRefusedRatherThanLost() throws {
        let repo = try ScratchRepository()
        try repo.write(".git/hooks/pre-commit", Self.userHook)
        _ = try HookInstaller.install(session: try session(repo), force: false)
        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho another tool\n")
        #expect(throws: TappsError.self) { try HookInstaller.install(session: try session(repo), force: false) }
        #expect(repo.readText(".git/hooks/pre-commit") == "#!/bin/sh\necho another tool\n")
        #expect(repo.readText(".git/hooks/pre-commit.tapps-previous") == Self.userHook)
    }

    @Test func forceReplacesButKeepsABackupEveryTime() throws {
        let repo = try ScratchRepository()
        try repo.write(".git/hooks/pre-commit", Self.userHook)
        let report = try HookInstaller.install(session: try session(repo), force: true)
        #expect(report.action == "replaced")
        #expect(report.backupPath == repo.path(".git/hooks/pre-commit.tapps-backup"))
        #expect(report.previousHookPath == nil)
        #expect(repo.readText(".git/hooks/pre-commit.tapps-backup") == Self.userHook)
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))

        try repo.write(".git/hooks/pre-commit", "#!/bin/sh\necho second\n")
        let second = try HookInstaller.install(session: try session(repo), force: true)
        #expect(second.backupPath == repo.path(".git/hooks/pre-commit.tapps-backup.2"))
        #expect(repo.readText(".git/hooks/pre-commit.tapps-backup") == Self.userHook)
        #expect(repo.readText(".git/hooks/pre-commit.tapps-backup.2") == "#!/bin/sh\necho second\n")
        #expect(try hookFiles(repo) == ["pre-commit", "pre-commit.tapps-backup", "pre-commit.tapps-backup.2"])

        #expect(try HookInstaller.install(session: try session(repo), force: true).action == "unchanged")
    }

    @Test func uninstallRestoresTheKeptHook() throws {
        let repo = try ScratchRepository()
        try repo.write(".git/hooks/pre-commit", Self.userHook)
        try setPermissions(repo.path(".git/hooks/pre-commit"), 0o755)
        _ = try HookInstaller.install(session: try session(repo), force: false)
        let report = try HookInstaller.uninstall(session: try session(repo))
        #expect(report.action == "restored")
        #expect(repo.readText(".git/hooks/pre-commit") == Self.userHook)
        #expect(try permissions(repo.path(".git/hooks/pre-commit")) == 0o755)
        #expect(try hookFiles(repo) == ["pre-commit"])
        #expect(try HookInstaller.uninstall(session: try session(repo)).action == "not-installed")
        #expect(repo.readText(".git/hooks/pre-commit") == Self.userHook)
    }

    @Test func uninstallRemovesOnlyOurHook() throws {
        let repo = try ScratchRepository()
        _ = try HookInstaller.install(session: try session(repo), force: false)
        #expect(try HookInstaller.uninstall(session: try session(repo)).action == "removed")
        #expect(try hookFiles(repo).isEmpty)
        #expect(try HookInstaller.uninstall(session: try session(repo)).action == "not-installed")

        try repo.write(".git/hooks/pre-commit", Self.userHook)
        #expect(try HookInstaller.uninstall(session: try session(repo)).action == "not-installed")
        #expect(repo.readText(".git/hooks/pre-commit") == Self.userHook)
    }

    @Test func uninstallLeavesForceBackupsAlone() throws {
        let repo = try ScratchRepository()
        try repo.write(".git/hooks/pre-commit", Self.userHook)
        _ = try HookInstaller.install(session: try session(repo), force: true)
        #expect(try HookInstaller.uninstall(session: try session(repo)).action == "removed")
        #expect(try hookFiles(repo) == ["pre-commit.tapps-backup"])
        #expect(repo.readText(".git/hooks/pre-commit.tapps-backup") == Self.userHook)
    }

    @Test func aSymlinkedHookCountsAsExistingAndComesBackAsASymlink() throws {
        let repo = try ScratchRepository()
        try repo.write("tools/hook.sh", Self.userHook)
        let hook = repo.path(".git/hooks/pre-commit")
        try FileManager.default.createSymbolicLink(atPath: hook, withDestinationPath: "../../tools/hook.sh")
        #expect(try HookInstaller.install(session: try session(repo), force: false).action == "chained")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook + ".tapps-previous") == "../../tools/hook.sh")
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))

        #expect(try HookInstaller.uninstall(session: try session(repo)).action == "restored")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook) == "../../tools/hook.sh")
        #expect(repo.readText("tools/hook.sh") == Self.userHook)
    }

    @Test func aDanglingSymlinkIsStillTheUsersHook() throws {
        let repo = try ScratchRepository()
        let hook = repo.path(".git/hooks/pre-commit")
        try FileManager.default.createSymbolicLink(atPath: hook, withDestinationPath: "/nonexistent/hook")
        let report = try HookInstaller.install(session: try session(repo), force: true)
        #expect(report.action == "replaced")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: hook + ".tapps-backup") == "/nonexistent/hook")
    }

    // MARK: - Where the hook goes

    @Test func relativeHooksPathIsResolvedFromTheWorkTreeRoot() throws {
        let repo = try ScratchRepository()
        try repo.git("config", "core.hooksPath", ".githooks")
        let report = try HookInstaller.install(session: try session(repo), force: false)
        #expect(report.hookPath == repo.path(".githooks/pre-commit"))
        #expect(repo.read(".githooks/pre-commit") == Array(HookScript.text.utf8))
        #expect(repo.read(".git/hooks/pre-commit") == nil)
    }

    @Test func absoluteHooksPathIsUsedAsIs() throws {
        let repo = try ScratchRepository()
        let elsewhere = try ScratchRepository(initialize: false)
        try repo.git("config", "core.hooksPath", elsewhere.path("shared/hooks"))
        let report = try HookInstaller.install(session: try session(repo), force: false)
        #expect(report.hookPath == elsewhere.path("shared/hooks/pre-commit"))
        #expect(elsewhere.read("shared/hooks/pre-commit") == Array(HookScript.text.utf8))
    }

    @Test func aLinkedWorktreeInstallsIntoTheSharedHooks() throws {
        let repo = try ScratchRepository()
        try repo.commitAll("base")
        let worktree = repo.root + "-wt"
        try repo.git("worktree", "add", "-q", worktree)
        defer { try? FileManager.default.removeItem(atPath: worktree) }
        let report = try HookInstaller.install(session: try RepositorySession.open(root: worktree), force: false)
        #expect(report.hookPath == repo.path(".git/hooks/pre-commit"))
        #expect(repo.read(".git/hooks/pre-commit") == Array(HookScript.text.utf8))
    }

    @Test func aSubmoduleHasItsOwnHooks() throws {
        let repo = try ScratchRepository()
        let library = try ScratchRepository()
        try library.write("lib.txt", "lib\n")
        try library.commitAll("lib")
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.root, "lib")
        let report = try HookInstaller.install(session: try RepositorySession.open(root: repo.path("lib")), force: false)
        #expect(report.hookPath == repo.path(".git/modules/lib/hooks/pre-commit"))
        #expect(repo.read(".git/modules/lib/hooks/pre-commit") == Array(HookScript.text.utf8))
        #expect(repo.read(".git/hooks/pre-commit") == nil)
    }

    // MARK: - Helpers

    private func session(_ repo: ScratchRepository) throws -> RepositorySession {
        try RepositorySession.open(root: repo.root)
    }

    /// The hook-related files in `.git/hooks` (the samples left out), sorted.
    private func hookFiles(_ repo: ScratchRepository) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: repo.path(".git/hooks"))
            .filter { $0.hasPrefix("pre-commit") && !$0.hasSuffix(".sample") }.sorted()
    }

    private func permissions(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    private func setPermissions(_ path: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }
}
