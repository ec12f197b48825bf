import TappsCore

/// Builders for staged changes in recommender tests: `edit("src/a.py", 3, 1)` is a modified file
/// with 3 lines added and 1 deleted.
enum Change {
    static func edit(_ path: String, _ added: Int, _ deleted: Int = 0) -> ChangedFile {
        ChangedFile(status: .modified, path: RepoPath(path), linesAdded: added, linesDeleted: deleted)
    }

    static func add(_ path: String, _ added: Int) -> ChangedFile {
        ChangedFile(status: .added, path: RepoPath(path), linesAdded: added)
    }

    static func delete(_ path: String, _ deleted: Int) -> ChangedFile {
        ChangedFile(status: .deleted, path: RepoPath(path), linesDeleted: deleted)
    }

    static func rename(_ old: String, _ new: String, _ added: Int = 0, _ deleted: Int = 0) -> ChangedFile {
        ChangedFile(status: .renamed, path: RepoPath(new), oldPath: RepoPath(old), linesAdded: added, linesDeleted: deleted)
    }

    static func binary(_ path: String, status: ChangeStatus = .added) -> ChangedFile {
        ChangedFile(status: status, path: RepoPath(path), isBinary: true)
    }

    static func unmerged(_ path: String) -> ChangedFile {
        ChangedFile(status: .unmerged, path: RepoPath(path))
    }

    static func submodule(_ path: String) -> ChangedFile {
        ChangedFile(status: .modified, path: RepoPath(path), linesAdded: 1, linesDeleted: 1, isSubmodule: true)
    }

    /// `count` files of `lines` added lines each, spread over `directories` top-level directories.
    static func spread(_ count: Int, lines: Int, directories: [String]) -> [ChangedFile] {
        (0..<count).map { index in
            edit("\(directories[index % directories.count])/module\(index)/impl\(index).py", lines, lines / 3)
        }
    }

    /// The classifier used by the labelled set: default test patterns, `tapps_agents/` as framework.
    static let classifier = FileClassifier(frameworkPaths: [PathPrefixOrGlob("tapps_agents/")])

    /// A context from `files`; nil means "no repository" and `[]` "nothing staged".
    static func context(_ files: [ChangedFile]?) -> FileContext {
        guard let files else { return .unavailable }
        return FileContext.build(from: files, classifier: classifier)
    }
}
