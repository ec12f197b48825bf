import TappsCore
import TappsGit
import TappsSystem

/// Builds the cache keys of a run's steps, while the work tree holds the staged content.
enum StepCacheKeys {
    /// Configuration files a built-in tool reads from the repository root.
    static func configFiles(for builtin: BuiltinStep) -> [String] {
        switch builtin {
        case .mypy: ["mypy.ini", ".mypy.ini", "setup.cfg", "pyproject.toml"]
        case .pytest: ["pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg", "conftest.py"]
        }
    }

    /// Environment variables that change which tool runs or what it reads.
    static let environmentNames = ["PATH", "VIRTUAL_ENV", "PYTHONPATH", "MYPYPATH", "PYTEST_ADDOPTS"]

    /// Programs up to this size are identified by their content as well as their size and mtime.
    static let contentLimit: Int64 = 1 << 20

    /// The digest of each cacheable step: `cache: true`, not `modifies_files`, its program found, its input readable.
    /// Steps without a key are neither looked up nor stored.
    static func make(for steps: [PlannedStep], session: RepositorySession,
                     environment: StepEnvironment) -> [PlannedStep: String] {
        let cacheable = steps.filter { scope(of: $0) == .tree }
        guard !cacheable.isEmpty else { return [:] }
        var treeID: String??
        func stagedTree() -> String? {
            if let treeID { return treeID }
            let id = try? CheckpointStore.stagedTree(in: session.repository).hex
            treeID = .some(id)
            return id
        }
        var keys: [PlannedStep: String] = [:]
        for step in cacheable {
            if let key = key(for: step, stagedTree: stagedTree, environment: environment) {
                keys[step] = key.digest
            }
        }
        return keys
    }

    /// Built-ins whose checks are file-local (cached per file by default).
    static let fileLocalBuiltins: Set<String> = []

    /// How the step is cached: per file, whole tree, or (nil) not at all.
    static func scope(of step: PlannedStep) -> CacheScope? {
        CacheScope.effective(for: step.config, fileLocalBuiltin: step.builtin.map { fileLocalBuiltins.contains($0.rawValue) } ?? false,
                             isBuiltin: step.builtin != nil)
    }

    /// Root configuration files a file-local linter may read: part of every per-file key (a change to one checks
    /// every file again).
    static let fileLocalConfigFiles = ["pyproject.toml", "setup.cfg", "tox.ini", "ruff.toml", ".ruff.toml", ".flake8",
                                       ".shellcheckrc", ".editorconfig", "go.mod"]

    /// The per-file keys of each `cache: per-file` step: for every file it is given, the step's identity with that
    /// path and its staged blob id. A step whose program or files cannot be identified gets none (it runs whole).
    static func fileKeys(for steps: [PlannedStep], session: RepositorySession,
                         environment: StepEnvironment) -> [PlannedStep: [RepoPath: String]] {
        guard steps.contains(where: { scope(of: $0) == .perFile && !$0.files.isEmpty }),
              let index = try? session.repository.index() else { return [:] }
        return fileKeys(for: steps, environment: environment) { file in
            guard let entry = index.entry(at: file.bytes), !entry.isIntentToAdd else { return nil }
            return entry.id.hex
        }
    }

    /// The per-file keys with each file's content named by `contentID` (nil: the file is not cached).
    static func fileKeys(for steps: [PlannedStep], environment: StepEnvironment,
                         contentID: (RepoPath) -> String?) -> [PlannedStep: [RepoPath: String]] {
        let perFile = steps.filter { scope(of: $0) == .perFile && !$0.files.isEmpty }
        guard !perFile.isEmpty else { return [:] }
        let configFiles = fileLocalConfigFiles.map { name in
            (name, FileBytes.read(environment.root + "/" + name).map { SHA256.hex($0) })
        }
        var keys: [PlannedStep: [RepoPath: String]] = [:]
        for step in perFile {
            guard let programPath = program(of: step, environment: environment), let program = stamp(programPath) else { continue }
            var fileKeys: [RepoPath: String] = [:]
            for file in step.files {
                guard let content = contentID(file) else { continue }
                fileKeys[file] = StepCacheKey(
                    toolVersion: GitTappsVersion.current, step: step.config, builtin: step.builtin?.rawValue, coverage: nil,
                    program: program, input: .files([StepCacheKey.Pair(path: file, blob: content)]),
                    configFiles: configFiles, environment: environmentNames.map { ($0, environment.baseEnvironment[$0]) }
                ).digest
            }
            keys[step] = fileKeys
        }
        return keys
    }

    /// `sha256:` and the digest of the regular file at `path` in the work tree; nil for anything else (a link,
    /// a directory, a missing or unreadable file, a name that is not UTF-8), which is then not cached. Its own
    /// namespace, never equal to a blob id: a pass on staged content is never taken for a work-tree file.
    static func workTreeDigest(_ path: RepoPath, root: String) -> String? {
        guard let name = String(validating: path.bytes, as: UTF8.self) else { return nil }
        let full = root + "/" + name
        guard let info = try? FileSystem.linkStatus(full), info.isRegularFile, let bytes = FileBytes.read(full) else { return nil }
        return "sha256:" + SHA256.hex(bytes)
    }

    static func key(for step: PlannedStep, stagedTree: () -> String?,
                    environment: StepEnvironment) -> StepCacheKey? {
        guard let programPath = program(of: step, environment: environment),
              let program = stamp(programPath) else { return nil }
        // Always the whole staged tree: a step given a few files may still read others (imports,
        // fixtures, configuration), and a cache hit must never hide a failure.
        guard let tree = stagedTree() else { return nil }
        let input = StepCacheKey.Input.tree(tree)
        let configFiles = step.builtin.map(configFiles(for:)) ?? []
        return StepCacheKey(
            toolVersion: GitTappsVersion.current, step: step.config, builtin: step.builtin?.rawValue,
            coverage: step.coverage.map { ($0.minimum, $0.files) }, program: program, input: input,
            configFiles: configFiles.map { name in
                (name, FileBytes.read(environment.root + "/" + name).map { SHA256.hex($0) })
            },
            environment: environmentNames.map { ($0, environment.baseEnvironment[$0]) })
    }

    /// The executable the step runs, resolved as the executor resolves it; nil when it cannot be found.
    static func program(of step: PlannedStep, environment: StepEnvironment) -> String? {
        if let builtin = step.builtin {
            return ToolLocator.find(builtin.rawValue, root: environment.root, environment: environment.baseEnvironment)
        }
        guard let first = step.config.command.first, !first.isEmpty else { return nil }
        if first.hasPrefix("/") { return first }
        if first.contains("/") { return environment.root + "/" + first }
        let path = environment.baseEnvironment["PATH"] ?? ""
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = (directory.hasPrefix("/") ? String(directory) : environment.root + "/" + directory) + "/" + first
            if ToolLocator.isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    /// Size, modification time and (for small files) content digest of the file at `path`, following links.
    static func stamp(_ path: String) -> StepCacheKey.Program? {
        guard let info = try? FileSystem.status(path), info.isRegularFile else { return nil }
        var digest: String?
        if info.size <= contentLimit {
            guard let bytes = FileBytes.read(path) else { return nil }
            digest = SHA256.hex(bytes)
        }
        return StepCacheKey.Program(path: path, size: info.size, modifiedSeconds: info.modified.seconds,
                                    modifiedNanoseconds: info.modified.nanoseconds, contentDigest: digest)
    }
}
