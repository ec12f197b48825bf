import TappsGit

/// What a work-tree path holds, read without following symlinks and without any filter.
enum PathState: Equatable, Sendable {
    case absent
    /// A regular file: its raw bytes and permission bits (`st_mode & 0o7777`).
    case file(content: [UInt8], permissions: UInt32)
    /// A symbolic link: the raw bytes of its target.
    case symlink(target: [UInt8])
    /// A directory or a special file: never written, never removed.
    case untouchable

    /// True for the same kind and bytes, and for files the same executable bit — what git compares.
    /// Other permission bits are not part of git's content.
    func sameContent(as other: PathState) -> Bool {
        switch (self, other) {
        case (.absent, .absent): true
        case let (.file(a, pa), .file(b, pb)): a == b && (pa & 0o100) == (pb & 0o100)
        case let (.symlink(a), .symlink(b)): a == b
        default: false
        }
    }
}

/// Three-way merge of work-tree states, used when a step changed a path the user also had
/// unstaged changes in.
enum StateMerge {
    /// The user's (`ours`) and the step's (`theirs`) changes to `base` combined, or nil on a clash.
    static func merge(base: PathState, ours: PathState, theirs: PathState) -> PathState? {
        if theirs.sameContent(as: base) { return ours }
        if ours.sameContent(as: base) { return adopt(theirs, keepingPermissionsOf: ours) }
        if ours.sameContent(as: theirs) { return ours }
        guard case let .file(baseBytes, basePermissions) = base,
              case let .file(ourBytes, ourPermissions) = ours,
              case let .file(theirBytes, theirPermissions) = theirs else { return nil }
        let content: [UInt8]
        if theirBytes == baseBytes {
            content = ourBytes
        } else if ourBytes == baseBytes {
            content = theirBytes
        } else if ourBytes == theirBytes {
            content = ourBytes
        } else {
            guard let merged = FileMerge.merge(base: baseBytes, ours: ourBytes, theirs: theirBytes) else { return nil }
            content = merged
        }
        let baseExec = basePermissions & 0o100, ourExec = ourPermissions & 0o100, theirExec = theirPermissions & 0o100
        var permissions = ourPermissions
        if ourExec == baseExec && theirExec != baseExec {
            permissions = withExecutableBit(theirExec != 0, permissions)
        } else if ourExec != baseExec && theirExec != baseExec && ourExec != theirExec {
            return nil
        }
        return .file(content: content, permissions: permissions)
    }

    /// The step's state, but a file keeps the user's permission bits apart from the executable bit.
    private static func adopt(_ state: PathState, keepingPermissionsOf ours: PathState) -> PathState {
        guard case let .file(content, theirPermissions) = state,
              case let .file(_, ourPermissions) = ours else { return state }
        let permissions = withExecutableBit(theirPermissions & 0o100 != 0, ourPermissions)
        return .file(content: content, permissions: permissions)
    }

    /// `permissions` with the executable bits set (for whoever may read, as `chmod +x` does) or cleared.
    private static func withExecutableBit(_ executable: Bool, _ permissions: UInt32) -> UInt32 {
        executable ? permissions | ((permissions & 0o444) >> 2) : permissions & ~0o111
    }
}

