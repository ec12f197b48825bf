import Foundation
import Testing
import TappsCore
import TappsGit
import TappsRunner
import TestSupport

/// One work-tree entry as the file system has it, read raw.
enum TreeItem: Equatable, CustomStringConvertible {
    case file([UInt8], permissions: UInt32)
    case symlink([UInt8])
    case directory

    var description: String {
        switch self {
        case let .file(bytes, permissions): "file(\(String(permissions, radix: 8)), \(bytes.count) bytes: \(String(decoding: bytes.prefix(60), as: UTF8.self).debugDescription))"
        case let .symlink(target): "symlink(\(String(decoding: target, as: UTF8.self)))"
        case .directory: "directory"
        }
    }
}

/// Everything the promise covers: every work-tree byte, the index and what git status says.
struct RepoSnapshot: Equatable {
    var tree: [[UInt8]: TreeItem]
    var lsFiles: [UInt8]
    var status: [UInt8]
    var indexFile: [UInt8]?

    /// The paths whose entries differ between two snapshots, for readable failures.
    func differences(from other: RepoSnapshot) -> [String] {
        var result: [String] = []
        for path in Set(tree.keys).union(other.tree.keys) where tree[path] != other.tree[path] {
            result.append("\(RepoPath(bytes: path).quoted): \(other.tree[path].map(\.description) ?? "missing") -> \(tree[path].map(\.description) ?? "missing")")
        }
        if lsFiles != other.lsFiles { result.append("ls-files: \(String(decoding: other.lsFiles, as: UTF8.self)) -> \(String(decoding: lsFiles, as: UTF8.self))") }
        if status != other.status { result.append("status: \(String(decoding: other.status, as: UTF8.self)) -> \(String(decoding: status, as: UTF8.self))") }
        if indexFile != other.indexFile { result.append("index file bytes changed") }
        return result.sorted()
    }
}

/// A repository under test plus the index it runs with.
struct IsolationHarness {
    let repo: ScratchRepository
    /// The work tree to use (a linked worktree's directory, or the repository root).
    var workTree: String
    /// An index file other than the repository's (GIT_INDEX_FILE), or nil.
    var indexFile: String?

    init(_ repo: ScratchRepository, workTree: String? = nil, indexFile: String? = nil) {
        self.repo = repo
        self.workTree = workTree ?? repo.root
        self.indexFile = indexFile
    }

    var environment: [String: String] {
        var env = ["GIT_OPTIONAL_LOCKS": "0"]
        if let indexFile { env["GIT_INDEX_FILE"] = indexFile }
        return env
    }

    func git(_ arguments: String...) throws -> [UInt8] {
        let result = try ProcessRunner.run("/usr/bin/env", ["git"] + arguments, directory: workTree,
                                           environment: ScratchRepository.environment.merging(environment) { $1 })
        guard result.status == 0 else { throw ScratchError.command("git \(arguments) exited \(result.status): \(result.errorText)") }
        return result.output
    }

    func session() throws -> RepositorySession {
        try RepositorySession.open(root: workTree, indexFile: indexFile)
    }

    func snapshot() throws -> RepoSnapshot {
        let indexPath = try indexPath()
        return RepoSnapshot(tree: RawTree.read(root: workTree), lsFiles: try git("ls-files", "-s", "-z"),
                            status: try git("status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignored"),
                            indexFile: FileManager.default.contents(atPath: indexPath).map(Array.init))
    }

    /// The tracked paths whose work-tree content differs from the index, per `git diff`.
    /// `git diff` refreshes and rewrites the index it reads, so it gets a copy.
    func unstagedPaths() throws -> Set<[UInt8]> {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-index-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: try indexPath(), toPath: copy)
        var env = ScratchRepository.environment.merging(environment) { $1 }
        env["GIT_INDEX_FILE"] = copy
        let result = try ProcessRunner.run("/usr/bin/env", ["git", "diff", "--name-only", "-z", "--no-ext-diff", "--ignore-submodules=all"],
                                           directory: workTree, environment: env)
        guard result.status == 0 else { throw ScratchError.command("git diff exited \(result.status): \(result.errorText)") }
        return Set(result.output.split(separator: 0).map(Array.init))
    }

    /// The index file git uses here.
    func indexPath() throws -> String {
        if let indexFile { return indexFile }
        let relative = String(decoding: try git("rev-parse", "--git-path", "index"), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return relative.hasPrefix("/") ? relative : workTree + "/" + relative
    }

    func backupRefs() throws -> String {
        String(decoding: try git("for-each-ref", "--format=%(refname)", "refs/tapps/backup/"), as: UTF8.self)
    }

    /// Runs `body` inside an isolation and proves the promise: during it the work tree holds the
    /// staged content (only `hiddenIntentToAdd` may differ, being absent), afterwards every byte,
    /// the index and `git status` are as before, and no backup ref is left.
    @discardableResult
    func roundTrip(runID: String = "run-1", hiddenIntentToAdd: Set<String> = [],
                   sourceLocation: SourceLocation = #_sourceLocation,
                   during: (StagedIsolation) throws -> Void = { _ in }) throws -> IsolationOutcome {
        let before = try snapshot()
        let isolation = try StagedIsolation.begin(session: try session(), runID: runID)
        #expect(isolation.backupReference == "refs/tapps/backup/" + runID, sourceLocation: sourceLocation)
        let unstaged = try unstagedPaths()
        #expect(unstaged.isSubset(of: Set(hiddenIntentToAdd.map { Array($0.utf8) })),
                "work tree differs from the index during isolation: \(unstaged.map { RepoPath(bytes: $0).quoted })",
                sourceLocation: sourceLocation)
        for name in hiddenIntentToAdd {
            #expect(RawTree.read(root: workTree)[Array(name.utf8)] == nil, "intent-to-add \(name) still present", sourceLocation: sourceLocation)
        }
        try during(isolation)
        let outcome = isolation.finish()
        let after = try snapshot()
        #expect(after.differences(from: before) == [], sourceLocation: sourceLocation)
        #expect(outcome.problems == [], sourceLocation: sourceLocation)
        #expect(try backupRefs() == "", sourceLocation: sourceLocation)
        return outcome
    }
}

/// Reads a directory tree with raw (possibly non-UTF-8) names, without following symlinks.
enum RawTree {
    static func read(root: String) -> [[UInt8]: TreeItem] {
        var result: [[UInt8]: TreeItem] = [:]
        walk(Array(root.utf8), relative: [], into: &result)
        return result
    }

    private static func walk(_ directory: [UInt8], relative: [UInt8], into result: inout [[UInt8]: TreeItem]) {
        guard let handle = (directory + [0]).withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }) else { return }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name == Array(".".utf8) || name == Array("..".utf8) { continue }
            if relative.isEmpty && name == Array(".git".utf8) { continue }
            names.append(name)
        }
        for name in names {
            let full = directory + [UInt8(ascii: "/")] + name
            let path = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            var info = stat()
            guard (full + [0]).withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &info) } }) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                result[path] = .directory
                walk(full, relative: path, into: &result)
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: 4096)
                let count = (full + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { readlink($0.baseAddress!, &buffer, 4096) } }
                result[path] = .symlink(buffer.prefix(max(count, 0)).map { UInt8(bitPattern: $0) })
            default:
                result[path] = .file(readRaw(full), permissions: UInt32(info.st_mode & 0o7777))
            }
        }
    }

    private static func readRaw(_ path: [UInt8]) -> [UInt8] {
        let fd = (path + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_RDONLY) } }
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// The bytes of a file read through a raw name.
    static func bytes(root: String, _ relative: [UInt8]) -> [UInt8]? {
        if case let .file(bytes, _) = read(root: root)[relative] { return bytes }
        return nil
    }
}

extension ScratchRepository {
    /// The bytes at `relative` as a string-named path.
    func bytes(_ relative: String) -> [UInt8]? { read(relative) }
}
