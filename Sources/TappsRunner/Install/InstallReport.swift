import TappsCore

/// What `git tapps install` or `uninstall` did.
public struct InstallReport: Sendable, Equatable {
    /// The pre-commit hook's absolute path.
    public var hookPath: String
    /// One of: `installed` (there was no hook), `chained` (the user's hook was kept as
    /// `pre-commit.tapps-previous` and runs first), `updated` (an older git-tapps hook was
    /// rewritten), `unchanged`, `replaced` (`--force`: the user's hook was moved to a backup),
    /// `removed`, `restored` (removed, and the kept hook put back), `not-installed`.
    public var action: String
    /// The kept previous hook: where it is after install, where it came from after uninstall.
    public var previousHookPath: String?
    /// Where `--force` moved the user's hook to, if it did.
    public var backupPath: String?
    /// One or two sentences for people.
    public var message: String

    public init(hookPath: String, action: String, previousHookPath: String? = nil, backupPath: String? = nil,
                message: String) {
        self.hookPath = hookPath
        self.action = action
        self.previousHookPath = previousHookPath
        self.backupPath = backupPath
        self.message = message
    }

    /// The stable JSON form: `action`, `hook`, `previous_hook`, `backup`, `message`.
    public var json: JSONValue {
        .object([
            ("action", .string(action)),
            ("hook", .string(hookPath)),
            ("previous_hook", previousHookPath.map(JSONValue.string) ?? .null),
            ("backup", backupPath.map(JSONValue.string) ?? .null),
            ("message", .string(message)),
        ])
    }
}
