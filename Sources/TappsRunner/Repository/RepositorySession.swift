import TappsCore
import TappsGit

import TappsSystem

/// An opened repository with its `.tapps.yaml` loaded: what every command starts from.
public struct RepositorySession: Sendable {
    public let repository: Repository
    /// The work-tree root, with no trailing slash.
    public let root: String
    public let config: TappsConfig

    /// A session over an already opened repository (tests, or a caller that chose the index).
    public init(repository: Repository, root: String, config: TappsConfig) {
        self.repository = repository
        self.root = root
        self.config = config
    }

    /// Opens the work tree at `root` (ignoring git's environment), optionally with another index.
    public static func open(root: String, indexFile: String? = nil) throws(TappsError) -> RepositorySession {
        do {
            let repository = try Repository.open(at: root, indexFile: indexFile)
            let workRoot = TextConventions.trimmingTrailingSlashes(repository.workingDirectory ?? root)
            return RepositorySession(repository: repository, root: workRoot, config: try ConfigFile.load(root: workRoot))
        } catch let error as GitError {
            throw .repository("cannot open the git repository at \(root): \(error.message)")
        } catch let error as TappsError {
            throw error
        } catch {
            throw .repository("cannot open \(root): \(error)")
        }
    }

    /// Opens the repository git would use here and reads its configuration.
    /// Returns nil outside any repository; throws ``TappsError`` for a bare repository or bad config.
    public static func open() throws(TappsError) -> RepositorySession? {
        let repository: Repository
        do {
            guard let found = try Repository.discover() else { return nil }
            repository = found
        } catch {
            throw .repository("cannot open the git repository: \(error.message)")
        }
        guard let workingDirectory = repository.workingDirectory else {
            throw .repository("this is a bare repository; run git tapps inside a work tree")
        }
        let root = TextConventions.trimmingTrailingSlashes(workingDirectory)
        let config = try ConfigFile.load(root: root)
        return RepositorySession(repository: repository, root: root, config: config)
    }
}

/// Reads `.tapps.yaml` from a work-tree root.
public enum ConfigFile {
    /// The configuration at `root`, or the defaults when there is no file.
    public static func load(root: String) throws(TappsError) -> TappsConfig {
        let path = root + "/" + ConfigLoader.fileName
        guard let data = FileBytes.read(path) else {
            guard !FileSystem.resolves(path) else {
                throw .config(ConfigError(file: ConfigLoader.fileName, line: 0, column: 0,
                                          message: "exists but cannot be read as a file"))
            }
            return TappsConfig()
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .config(ConfigError(file: ConfigLoader.fileName, line: 0, column: 0, message: "is not valid UTF-8"))
        }
        do {
            return try ConfigLoader.parse(text, file: ConfigLoader.fileName)
        } catch {
            throw .config(error)
        }
    }
}

/// Whole-file reads without Foundation.
public enum FileBytes {
    /// The file's bytes, or nil when it cannot be read (missing, a directory, no permission).
    public static func read(_ path: String) -> [UInt8]? {
        try? FileContents.read(path)
    }

    /// Whether anything exists at `path` (a dangling symbolic link counts).
    public static func exists(_ path: String) -> Bool {
        FileSystem.exists(path)
    }
}
