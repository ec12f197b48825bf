import CLibgit2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open git repository (`git_repository`). Objects read from it keep it alive.
public final class Repository: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit { git_repository_free(pointer) }

    /// Opens the repository the way git itself finds it: `GIT_DIR`, `GIT_WORK_TREE`,
    /// `GIT_INDEX_FILE`, `GIT_OBJECT_DIRECTORY`, `GIT_CEILING_DIRECTORIES` and friends are
    /// honoured (as git sets them for hooks), otherwise the search starts at `path` (default:
    /// the current directory) and walks up.
    ///
    /// Returns nil when there is no repository at all. Wraps `git_repository_open_ext`
    /// with `GIT_REPOSITORY_OPEN_FROM_ENV`.
    public static func discover(from path: String? = nil) throws(GitError) -> Repository? {
        _ = Libgit2.ready
        let environment = GitEnvironment.current
        do {
            if environment.needsManualOpen || path != nil {
                return try openManually(environment: environment, startingAt: path)
            }
            var out: OpaquePointer?
            try check(git_repository_open_ext(&out, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil))
            guard let out else { return nil }
            return Repository(out)
        } catch where error.isNotFound {
            return nil
        }
    }

    /// Opens exactly the repository at `path` (a work tree or a `.git` directory), ignoring
    /// git's environment variables. Wraps `git_repository_open_ext` with `GIT_REPOSITORY_OPEN_NO_SEARCH`.
    ///
    /// `indexFile` makes the repository use that index instead of its own (what `GIT_INDEX_FILE`
    /// does for git), e.g. the temporary index of `git commit -a`.
    public static func open(at path: String, indexFile: String? = nil) throws(GitError) -> Repository {
        _ = Libgit2.ready
        var out: OpaquePointer?
        try check(git_repository_open_ext(&out, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "could not open \(path)") }
        let repository = Repository(out)
        if let indexFile {
            let index = try Index.open(at: indexFile)
            git_repository_set_index(out, index.pointer)
        }
        return repository
    }

    /// libgit2 refuses `OPEN_FROM_ENV` when `GIT_WORK_TREE` or `GIT_COMMON_DIR` is set, and an
    /// explicit start path bypasses the environment's search; both are handled here by hand.
    private static func openManually(environment: GitEnvironment, startingAt path: String?) throws(GitError) -> Repository {
        var out: OpaquePointer?
        if let gitDir = environment.gitDir, path == nil {
            try check(git_repository_open_ext(&out, gitDir, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil))
        } else {
            try check(git_repository_open_ext(&out, path ?? ".", 0, environment.ceilingDirectories))
        }
        guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "no repository") }
        let repository = Repository(out)
        if let workTree = environment.workTree, path == nil {
            try check(git_repository_set_workdir(out, workTree, 0))
        }
        if let indexFile = environment.indexFile {
            let index = try Index.open(at: indexFile)
            git_repository_set_index(out, index.pointer)
        }
        return repository
    }

    /// The `.git` directory (for a linked worktree, its private one), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(pointer)) }

    /// The directory shared by all worktrees (objects, refs), with a trailing slash.
    public var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

    /// The work tree root with a trailing slash, or nil for a bare repository.
    public var workingDirectory: String? {
        guard let path = git_repository_workdir(pointer) else { return nil }
        return String(cString: path)
    }

    /// True for a linked worktree (`git worktree add`).
    public var isLinkedWorktree: Bool { git_repository_is_worktree(pointer) == 1 }

    /// True when HEAD names a branch that has no commit yet.
    public var isHeadUnborn: Bool { git_repository_head_unborn(pointer) == 1 }

    /// The commit HEAD points at, or nil on an unborn branch.
    public func headCommitID() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, "HEAD")
        if result == GIT_ENOTFOUND.rawValue || result == GIT_EUNBORNBRANCH.rawValue {
            git_error_clear()
            return nil
        }
        try check(result)
        return ObjectID(oid)
    }

    /// The tree of the HEAD commit, or nil on an unborn branch.
    public func headTree() throws(GitError) -> Tree? {
        guard let commit = try headCommitID() else { return nil }
        return try Commit.lookup(commit, in: self).tree()
    }

    /// The index git would commit from (honours `GIT_INDEX_FILE` when opened with ``discover(from:)``).
    public func index() throws(GitError) -> Index {
        var out: OpaquePointer?
        try check(git_repository_index(&out, pointer))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "no index") }
        return Index(owning: out, repository: self)
    }

    /// A snapshot of the repository's configuration.
    public func configuration() throws(GitError) -> Configuration {
        var out: OpaquePointer?
        try check(git_repository_config_snapshot(&out, pointer))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "no config") }
        return Configuration(owning: out, repository: self)
    }
}

/// git's environment variables that choose the repository, read once.
struct GitEnvironment {
    var gitDir: String?
    var workTree: String?
    var commonDir: String?
    var indexFile: String?
    var ceilingDirectories: String?

    static var current: GitEnvironment {
        func value(_ name: String) -> String? {
            guard let raw = getenv(name) else { return nil }
            let text = String(cString: raw)
            return text.isEmpty ? nil : text
        }
        return GitEnvironment(
            gitDir: value("GIT_DIR"), workTree: value("GIT_WORK_TREE"),
            commonDir: value("GIT_COMMON_DIR"), indexFile: value("GIT_INDEX_FILE"),
            ceilingDirectories: value("GIT_CEILING_DIRECTORIES"))
    }

    var needsManualOpen: Bool { workTree != nil || commonDir != nil }
}
