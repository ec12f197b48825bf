import TappsCore
import TappsGit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the single-file guards (conflict-markers, private-keys, syntax, secrets) found in each staged blob,
/// kept in `<git-common-dir>/tapps/cache/guards` (``GuardResultFile``) so that checking the same blob again
/// reads nothing: a retried commit, `git tapps run` before `git commit`, or a commit of one re-edited file
/// among many.
///
/// A blob's findings depend only on its bytes, the kind of path it is checked under (the syntax guard's kind:
/// JSON, JSON with comments, YAML, TOML, none), the `builtins.secrets.allow` patterns and the guards'
/// implementation (the git-tapps version and the executable itself, so a rebuilt binary starts afresh).
/// Those make the key; the findings are stored without their file, which the caller adds.
///
/// Nothing here can fail a run: an unreadable, truncated or foreign file is ignored (and replaced on the next
/// write); writes go to a temporary file renamed over the old one, so a reader never sees half of a file.
final class GuardResultCache {
    static let fileName = "guards"
    /// Entries kept at most; past it the least recently used are dropped down to ``keptAfterPruning``.
    static let maxEntries = 20_000
    static let keptAfterPruning = 16_000
    /// Bump when a guard's findings change for the same bytes (the executable identity covers rebuilt binaries).
    static let implementationVersion = "1"

    let path: String
    let settings: UInt64
    private var file: GuardResultFile?
    private var learnt: [GuardResultFile.Key: GuardResultFile.Result] = [:]
    private var used: Set<GuardResultFile.Key> = []
    private let maxEntries: Int
    private let keptAfterPruning: Int

    init(path: String, secretsAllow: [String], maxEntries: Int = GuardResultCache.maxEntries,
         keptAfterPruning: Int = GuardResultCache.keptAfterPruning) {
        self.path = path
        self.maxEntries = maxEntries
        self.keptAfterPruning = min(keptAfterPruning, maxEntries)
        settings = Self.settingsHash(secretsAllow: secretsAllow)
        file = FileBytes.read(path).flatMap(GuardResultFile.init(bytes:))
    }

    /// The cache file of `repository` (beside the step-result cache, which `git tapps cache clear` empties).
    static func path(for repository: Repository) -> String {
        StepResultCache.directory(for: repository) + "/" + fileName
    }

    /// The slot a guard's findings have in a record (part of the file format: never renumber).
    static func slot(_ check: BuiltinCheck) -> Int? {
        switch check {
        case .conflictMarkers: 0
        case .privateKeys: 1
        case .syntax: 2
        case .secrets: 3
        default: nil
        }
    }

    /// The kind of path as the guards tell them apart: only `syntax` looks at the path, through its kind.
    static func pathKind(_ path: RepoPath) -> UInt8 {
        switch SyntaxCheck.kind(of: path) {
        case nil: 0
        case .json: 1
        case .jsonWithComments: 2
        case .yaml: 3
        case .toml: 4
        }
    }

    func key(_ id: ObjectID, file: RepoPath) -> GuardResultFile.Key? {
        GuardResultFile.Key(objectID: id.bytes, kind: Self.pathKind(file), settings: settings)
    }

    /// The stored result for `key` when it holds every guard in `checks`.
    func lookup(_ key: GuardResultFile.Key, checks: Set<BuiltinCheck>) -> GuardResultFile.Result? {
        guard let result = learnt[key] ?? file?.lookup(key), result.covers(checks.compactMap(Self.slot)) else { return nil }
        used.insert(key)
        return result
    }

    /// Records what a visit found; guards it did not run keep what an earlier visit stored.
    func learn(_ key: GuardResultFile.Key, _ result: GuardResultFile.Result) {
        var merged = result
        if let known = learnt[key] ?? file?.lookup(key), known.size == result.size, known.isBinary == result.isBinary {
            for slot in merged.findings.indices where merged.findings[slot] == nil { merged.findings[slot] = known.findings[slot] }
        }
        learnt[key] = merged
    }

    /// Whether the run learnt something the file does not hold yet.
    var hasNews: Bool { !learnt.isEmpty }

    /// Writes the file when something was learnt: merged with what is on disk now (another run may have written
    /// since this one loaded it), this run's entries stamped newest, the oldest dropped past the cap.
    func save() {
        guard hasNews else { return }
        let current = FileBytes.read(path).flatMap(GuardResultFile.init(bytes:)) ?? .empty
        let generation = max(current.generation, file?.generation ?? 0) &+ 1
        let entries = learnt.map { GuardResultFile.Entry(key: $0.key, result: $0.value, generation: generation) }
        let bytes = current.merged(adding: entries, restamping: Array(used), generation: generation,
                                   maxEntries: maxEntries, keptAfterPruning: keptAfterPruning)
        if StepFileSystem.replace(path, with: bytes) == nil {
            file = GuardResultFile(bytes: bytes)
            learnt = [:]
            used = []
        }
    }

    /// The first 8 bytes of a SHA-256 over everything a blob's findings depend on besides its bytes and path kind.
    static func settingsHash(secretsAllow: [String]) -> UInt64 {
        var hash = SHA256()
        for part in ["tapps-guard-results", String(GuardResultFile.formatVersion), implementationVersion,
                     GitTappsVersion.current, executableIdentity] + secretsAllow {
            hash.update(part.utf8)
            hash.update([0])
        }
        return hash.finalize().prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Size, modification time and inode of the running executable (Linux: `/proc/self/exe`), so that a
    /// rebuilt binary of the same version never trusts what an older build found.
    static let executableIdentity: String = {
        #if os(Linux)
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "" }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
        #else
        return ""
        #endif
    }()
}
