import CLibgit2
import Synchronization

import TappsSystem

/// An open git repository (`git_repository`). Objects read from it keep it alive.
public final class Repository: @unchecked Sendable {
    /// The `git_repository` for calls that never touch the index (object, reference and config
    /// reads): a deferred `GIT_INDEX_FILE` override is *not* applied. Anything that may read the
    /// index through libgit2 (workdir diffs, checkout, `write_tree`) must use ``indexedHandle``.
    let objectsHandle: OpaquePointer
    /// A `GIT_INDEX_FILE`-style override is loaded only when something first needs libgit2's
    /// index: a hook that only inspects the staged change reads the file itself, far faster.
    private let indexState: Mutex<IndexState>
    /// Set when libgit2's index is a plain copy of a split or sparse index file.
    private let expansion = Mutex<IndexExpansion?>(nil)

    private enum IndexState {
        /// libgit2 loads its own index when it needs it (unless that is split or sparse).
        case untouched
        /// libgit2's index is set and readable.
        case ready
        case pending(String)
        case failed(GitError)
        /// libgit2's index object was handed out (it may hold unsaved changes).
        case materialized
    }

    /// The path of the index file git would commit from: the override given when opening
    /// (`GIT_INDEX_FILE` in a hook, e.g. the temporary index of `git commit -a`), or the
    /// repository's own `index` (for a linked worktree, its private one).
    public let indexPath: String

    /// The same `git_repository` for calls that may use the index: applies a deferred index
    /// override first (and loads libgit2's index for it), so it costs more than ``objectsHandle``.
    var indexedHandle: OpaquePointer {
        applyDeferredIndex()
        return objectsHandle
    }

    /// `indexFile` is an override still to be applied, unless `applied` says libgit2 already uses it.
    private init(_ handle: OpaquePointer, indexFile: String?, applied: Bool = false) {
        self.objectsHandle = handle
        self.indexPath = indexFile ?? (String(cString: git_repository_path(handle)) + "index")
        self.indexState = Mutex(applied ? .untouched : indexFile.map(IndexState.pending) ?? .untouched)
    }

    deinit { git_repository_free(objectsHandle) }

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
            return Repository(out, indexFile: environment.indexFile, applied: true)
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
        return Repository(out, indexFile: indexFile)
    }

    /// libgit2 refuses `OPEN_FROM_ENV` when `GIT_WORK_TREE` or `GIT_COMMON_DIR` is set, and an
    /// explicit start path bypasses the environment's search; both are handled here by hand.
    /// So is `GIT_INDEX_FILE`, which `OPEN_FROM_ENV` would load at once.
    private static func openManually(environment: GitEnvironment, startingAt path: String?) throws(GitError) -> Repository {
        var out: OpaquePointer?
        if let gitDir = environment.gitDir, path == nil {
            try check(git_repository_open_ext(&out, gitDir, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil))
        } else {
            let flags = environment.acrossFilesystems ? GIT_REPOSITORY_OPEN_CROSS_FS.rawValue : 0
            try check(git_repository_open_ext(&out, path ?? ".", flags, environment.ceilingDirectories))
        }
        guard let out else { throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, message: "no repository") }
        let repository = Repository(out, indexFile: environment.indexFile)
        if let workTree = environment.workTree, path == nil {
            try check(git_repository_set_workdir(out, workTree, 0))
        }
        return repository
    }

    /// Makes libgit2's index usable before a call that may read it: applies a deferred index
    /// override, and gives libgit2 a plain copy of a split or sparse index, which it cannot read.
    private func applyDeferredIndex() {
        indexState.withLock { state in
            let path: String
            switch state {
            case .pending(let pending): path = pending
            case .untouched: path = indexPath
            case .ready, .failed, .materialized: return
            }
            do throws(GitError) {
                if let expanded = try IndexExpansion.index(at: path, gitDirectory: gitDirectory, repository: self) {
                    git_repository_set_index(objectsHandle, expanded.pointer)
                    expansion.withLock { $0 = expanded.expansion }
                } else if case .pending = state {
                    let index = try Index.open(at: path)
                    git_repository_set_index(objectsHandle, index.pointer)
                }
                state = .ready
            } catch {
                state = .failed(explained(error, readingIndexAt: path))
            }
        }
    }

    /// A second, bare handle on the same repository (no work tree), sharing its object database
    /// and configuration, whose index is `index`. A diff in it reads attributes from that index
    /// alone: libgit2 would otherwise load the whole real index and resolve every changed path
    /// in the work tree (a `realpath` per file) to find `.gitattributes` files.
    func bareSibling(index: Index) throws(GitError) -> Repository {
        var out: OpaquePointer?
        try check(git_repository_open_ext(&out, git_repository_path(objectsHandle), GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
                                          | GIT_REPOSITORY_OPEN_BARE.rawValue, nil))
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "could not reopen the repository") }
        let sibling = Repository(out, indexFile: nil)
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, objectsHandle))
        defer { git_odb_free(odb) }
        try check(git_repository_set_odb(out, odb))
        var config: OpaquePointer?
        try check(git_repository_config(&config, objectsHandle))
        defer { git_config_free(config) }
        try check(git_repository_set_config(out, config))
        try check(git_repository_set_index(out, index.pointer))
        return sibling
    }

    /// True when libgit2's index object was handed out by ``index()``: it may hold changes not
    /// yet written, so readers must use it rather than the file.
    var isIndexMaterialized: Bool {
        indexState.withLock { if case .materialized = $0 { true } else { false } }
    }

    /// The `.git` directory (for a linked worktree, its private one), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(objectsHandle)) }

    /// The directory shared by all worktrees (objects, refs), with a trailing slash.
    public var commonDirectory: String { String(cString: git_repository_commondir(objectsHandle)) }

    /// The work tree root with a trailing slash, or nil for a bare repository.
    public var workingDirectory: String? {
        guard let path = git_repository_workdir(objectsHandle) else { return nil }
        return String(cString: path)
    }

    /// The commit HEAD points at, or nil on an unborn branch.
    public func headCommitID() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, objectsHandle, "HEAD")
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
        applyDeferredIndex()
        let failure: GitError? = indexState.withLock { state in
            if case .failed(let error) = state { return error }
            state = .materialized
            return nil
        }
        if let failure { throw failure }
        var out: OpaquePointer?
        do {
            try check(git_repository_index(&out, objectsHandle))
        } catch {
            throw explained(error, readingIndexAt: indexPath)
        }
        guard let out else { throw GitError(code: -1, errorClass: 0, message: "no index") }
        return Index(owning: out, repository: self, expansion: expansion.withLock { $0 })
    }

    /// libgit2's failure to load the index at `path`, as one line naming the file: for a format
    /// neither git-tapps nor git reads, what the file uses and what git said.
    private func explained(_ error: GitError, readingIndexAt path: String) -> GitError {
        if case .failure(let unreadable) = IndexFile.cachedLoad(at: path, gitDirectory: gitDirectory),
           unreadable.failure.isNewerFormat {
            return GitError(code: error.code, errorClass: error.errorClass, message: unreadable.message)
        }
        return GitError(code: error.code, errorClass: error.errorClass, message: "cannot read the index \(path): \(error.message)")
    }

    /// A snapshot of the repository's configuration.
    public func configuration() throws(GitError) -> Configuration {
        var out: OpaquePointer?
        try check(git_repository_config_snapshot(&out, objectsHandle))
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
    var acrossFilesystems = false
    /// Variables only `OPEN_FROM_ENV` knows how to apply.
    var objectDirectories = false

    static var current: GitEnvironment {
        func value(_ name: String) -> String? {
            guard let text = EnvironmentVariables.value(name) else { return nil }
            return text.isEmpty ? nil : text
        }
        return GitEnvironment(
            gitDir: value("GIT_DIR"), workTree: value("GIT_WORK_TREE"),
            commonDir: value("GIT_COMMON_DIR"), indexFile: value("GIT_INDEX_FILE"),
            ceilingDirectories: value("GIT_CEILING_DIRECTORIES"),
            acrossFilesystems: value("GIT_DISCOVERY_ACROSS_FILESYSTEM").map { TextConventions.isGitTrue($0) } ?? false,
            objectDirectories: value("GIT_OBJECT_DIRECTORY") != nil || value("GIT_ALTERNATE_OBJECT_DIRECTORIES") != nil
                || value("GIT_NAMESPACE") != nil)
    }

    var needsManualOpen: Bool { workTree != nil || commonDir != nil || (indexFile != nil && !objectDirectories) }
}
