
import TappsGit
import TappsSystem

/// Installs and removes git-tapps's pre-commit hook without ever losing the user's own hook:
/// an existing hook is kept beside ours as `pre-commit.tapps-previous` and runs first (the shim
/// does that), `--force` moves it to `pre-commit.tapps-backup` instead, and uninstall puts a
/// kept hook back.
public enum HookInstaller {
    /// Suffix of the user's hook kept and chained at install; the shim runs `"$0.tapps-previous"`.
    public static let previousSuffix = ".tapps-previous"
    /// Suffix of the user's hook moved aside by `--force`.
    public static let backupSuffix = ".tapps-backup"

    private static let mode: UInt32 = 0o755

    /// Installs the hook into the repository's hooks directory (see ``hooksDirectory(session:)``).
    /// Installing again is a no-op; an older git-tapps hook is rewritten in place.
    /// Throws ``TappsError/repository(_:)`` when a user's hook could not be kept (a kept
    /// `pre-commit.tapps-previous` already exists and `force` is off) or a file operation fails.
    public static func install(session: RepositorySession, force: Bool) throws(TappsError) -> InstallReport {
        let directory = try hooksDirectory(session: session)
        try HookFiles.makeDirectories(directory)
        let hook = directory + "/" + HookScript.name
        let previous = hook + previousSuffix
        let kept = HookFiles.exists(previous) ? previous : nil
        let chainNote = kept.map { " Your previous hook \($0) still runs first." } ?? ""

        switch HookFiles.kind(of: hook) {
        case .absent:
            try writeHook(at: hook, displacing: nil)
            return InstallReport(hookPath: hook, action: "installed", previousHookPath: kept,
                                 message: "Installed the git-tapps pre-commit hook at \(hook)." + chainNote)
        case .directory, .other:
            throw .repository("cannot install the pre-commit hook: \(hook) is not a file")
        case .file(let currentMode) where isOurs(hook):
            if FileBytes.read(hook) == Array(HookScript.text.utf8) {
                if currentMode == mode {
                    return InstallReport(hookPath: hook, action: "unchanged", previousHookPath: kept,
                                         message: "The git-tapps pre-commit hook is already installed at \(hook)." + chainNote)
                }
                try HookFiles.setMode(hook, mode)
            } else {
                try writeHook(at: hook, displacing: nil)
            }
            return InstallReport(hookPath: hook, action: "updated", previousHookPath: kept,
                                 message: "Updated the git-tapps pre-commit hook at \(hook)." + chainNote)
        case .file, .symlink:
            if force {
                let backup = try freeBackupPath(for: hook)
                try writeHook(at: hook, displacing: backup)
                return InstallReport(hookPath: hook, action: "replaced", previousHookPath: kept, backupPath: backup,
                                     message: "Replaced the pre-commit hook at \(hook); your hook was moved to \(backup) and does not run."
                                         + chainNote)
            }
            if let kept {
                throw .repository("""
                    cannot keep your pre-commit hook: \(hook) exists and \(kept) already holds a kept hook; \
                    move one of them away, or use --force to replace \(hook) (it is moved to a backup)
                    """)
            }
            try writeHook(at: hook, displacing: previous)
            return InstallReport(hookPath: hook, action: "chained", previousHookPath: previous,
                                 message: "Installed the git-tapps pre-commit hook at \(hook); your hook was kept as \(previous) and runs first.")
        }
    }

    /// Removes git-tapps's hook and puts a kept previous hook back in its place. A hook that is
    /// not git-tapps's is left alone (action `not-installed`); a `--force` backup is never touched.
    public static func uninstall(session: RepositorySession) throws(TappsError) -> InstallReport {
        let directory = try hooksDirectory(session: session)
        let hook = directory + "/" + HookScript.name
        let previous = hook + previousSuffix
        let hasPrevious = HookFiles.exists(previous)

        switch HookFiles.kind(of: hook) {
        case .absent where hasPrevious:
            try HookFiles.move(previous, to: hook)
            return InstallReport(hookPath: hook, action: "restored", previousHookPath: previous,
                                 message: "The git-tapps hook was already gone; restored your previous hook from \(previous) to \(hook).")
        case .absent:
            return InstallReport(hookPath: hook, action: "not-installed",
                                 message: "No pre-commit hook is installed at \(hook); nothing to do.")
        case .file where isOurs(hook):
            if hasPrevious {
                // rename() replaces ours in one step, so there is never a moment without either hook.
                try HookFiles.move(previous, to: hook)
                return InstallReport(hookPath: hook, action: "restored", previousHookPath: previous,
                                     message: "Removed the git-tapps pre-commit hook; restored your previous hook to \(hook).")
            }
            try HookFiles.remove(hook)
            return InstallReport(hookPath: hook, action: "removed",
                                 message: "Removed the git-tapps pre-commit hook from \(hook).")
        default:
            return InstallReport(hookPath: hook, action: "not-installed",
                                 message: "The pre-commit hook at \(hook) is not git-tapps's; left it alone.")
        }
    }

    /// Where git runs hooks from: `core.hooksPath` (relative to the work-tree root, where git
    /// runs hooks) when set, else `<common git dir>/hooks` — shared by linked worktrees; a
    /// submodule has its own (`.git/modules/<name>/hooks`). No trailing slash.
    public static func hooksDirectory(session: RepositorySession) throws(TappsError) -> String {
        let configured: String?
        do {
            configured = try session.repository.configuration().path("core.hooksPath")
        } catch {
            throw .repository("cannot read core.hooksPath: \(error.message)")
        }
        if let configured, !configured.isEmpty {
            let absolute = configured.hasPrefix("/") ? configured : session.root + "/" + configured
            return trimmed(absolute)
        }
        return trimmed(session.repository.commonDirectory) + "/hooks"
    }

    private static func isOurs(_ path: String) -> Bool {
        HookFiles.contains(path, marker: Array(HookScript.marker.utf8))
    }

    /// Writes our hook beside `hook` first and then swaps it in, so a failure leaves the old
    /// hook in place; `displacing` is where the existing hook is moved to first, if anywhere.
    private static func writeHook(at hook: String, displacing: String?) throws(TappsError) {
        let temporary = hook + ".tapps-new-\(ProcessControl.currentID)"
        try? HookFiles.remove(temporary)
        try HookFiles.create(temporary, bytes: Array(HookScript.text.utf8), mode: mode)
        do throws(TappsError) {
            if let displacing { try HookFiles.move(hook, to: displacing) }
            do throws(TappsError) {
                try HookFiles.move(temporary, to: hook)
            } catch {
                if let displacing { try? HookFiles.move(displacing, to: hook) }
                throw error
            }
        } catch {
            try? HookFiles.remove(temporary)
            throw error
        }
    }

    /// `pre-commit.tapps-backup`, or `.tapps-backup.2`, `.3` … when earlier backups exist.
    private static func freeBackupPath(for hook: String) throws(TappsError) -> String {
        let base = hook + backupSuffix
        if !HookFiles.exists(base) { return base }
        for number in 2...1000 where !HookFiles.exists(base + ".\(number)") {
            return base + ".\(number)"
        }
        throw .repository("cannot back up \(hook): too many backups beside it; remove old \(base).* files")
    }

    private static func trimmed(_ path: String) -> String {
        TextConventions.trimmingTrailingSlashes(path)
    }
}
