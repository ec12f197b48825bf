/// How a file changed in the staged change (git's `--name-status` letters).
public enum ChangeStatus: String, Sendable, Hashable, CaseIterable {
    case added = "A", modified = "M", deleted = "D", renamed = "R", copied = "C"
    case typeChanged = "T", unmerged = "U"
}

/// One file of a change, as read from git.
public struct ChangedFile: Sendable, Hashable {
    public var status: ChangeStatus
    /// The path after the change (for a deletion, the deleted path).
    public var path: RepoPath
    /// The path before a rename or copy; nil otherwise.
    public var oldPath: RepoPath?
    public var linesAdded: Int
    public var linesDeleted: Int
    public var isBinary: Bool
    public var isSubmodule: Bool
    public var isSymlink: Bool

    public init(status: ChangeStatus, path: RepoPath, oldPath: RepoPath? = nil, linesAdded: Int = 0,
                linesDeleted: Int = 0, isBinary: Bool = false, isSubmodule: Bool = false, isSymlink: Bool = false) {
        self.status = status
        self.path = path
        self.oldPath = oldPath
        self.linesAdded = linesAdded
        self.linesDeleted = linesDeleted
        self.isBinary = isBinary
        self.isSubmodule = isSubmodule
        self.isSymlink = isSymlink
    }
}
