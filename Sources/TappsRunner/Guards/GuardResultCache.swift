import TappsCore
import TappsGit
import TappsSystem

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
    /// The journal beside it (``GuardResultJournal``): a run that learnt little appends there.
    static let journalName = "guards.journal"
    /// Entries kept at most; past it the least recently written are dropped down to ``keptAfterPruning``.
    static let maxEntries = 16_384
    static let keptAfterPruning = 12_288
    /// Entries the journal takes before a run folds it into the sorted file.
    static let journalLimit = 512
    /// Bump when a guard's findings change for the same bytes (the executable identity covers rebuilt binaries).
    static let implementationVersion = "1"

    let path: String
    let journalPath: String
    let settings: UInt64
    private var file: GuardResultFile
    private var journal: [GuardResultFile.Key: GuardResultFile.Result] = [:]
    private var journalEntries = 0
    private var learnt: [GuardResultFile.Key: GuardResultFile.Result] = [:]
    /// Keys this run's lookups answered (a list: restamping the same key twice is harmless, and a set costs more).
    private var used: [GuardResultFile.Key] = []
    private let maxEntries: Int
    private let keptAfterPruning: Int
    private let journalLimit: Int

    init(path: String, secretsAllow: [String], maxEntries: Int = GuardResultCache.maxEntries,
         keptAfterPruning: Int = GuardResultCache.keptAfterPruning, journalLimit: Int = GuardResultCache.journalLimit) {
        self.path = path
        journalPath = path + ".journal"
        self.maxEntries = maxEntries
        self.keptAfterPruning = min(keptAfterPruning, maxEntries)
        self.journalLimit = journalLimit
        settings = Self.settingsHash(secretsAllow: secretsAllow)
        file = WholeFile.read(path).flatMap(GuardResultFile.init(bytes:)) ?? .empty
        let (logged, intact) = Self.readJournal(journalPath)
        // A damaged tail would hide every record appended after it: the next write folds the journal away.
        journalEntries = intact ? logged.count : Int.max / 2
        for entry in logged { journal[entry.key] = Self.merge(entry.result, into: journal[entry.key]) }
    }

    /// The cache file of `repository` (beside the step-result cache, which `git tapps cache clear` empties).
    static func path(for repository: Repository) -> String {
        StepResultCache.directory(for: repository) + "/" + fileName
    }

    /// Every entry stored (the sorted file's and the journal's, an entry in both counted once).
    static func storedEntries(at path: String) -> Int {
        let file = WholeFile.read(path).flatMap(GuardResultFile.init(bytes:)) ?? .empty
        let logged = Set(readJournal(path + ".journal").entries.map(\.key))
        return file.count + logged.count { file.lookup($0) == nil }
    }

    /// The journal's entries, and whether it was intact to its end.
    private static func readJournal(_ path: String) -> (entries: [GuardResultFile.Entry], intact: Bool) {
        guard let bytes = WholeFile.read(path) else { return ([], true) }
        let read = GuardResultJournal.entries(bytes)
        return (read.entries, read.validBytes == bytes.count)
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

    /// The kind of a record that holds a parsed Markdown document (``MarkdownDocumentRecord``), not a guard's findings.
    static let markdownDocumentKind: UInt8 = 5

    /// The parsed Markdown document of blob `id`, when it was kept.
    func document(_ id: ObjectID) -> MarkdownLinks.Document? {
        guard let key = documentKey(id), let result = known(key), let entries = result.findings.first ?? nil,
              let document = MarkdownDocumentRecord.decode(entries) else { return nil }
        used.append(key)
        return document
    }

    /// Keeps the parsed Markdown document of blob `id` (`size` bytes).
    func learn(document: MarkdownLinks.Document, of id: ObjectID, size: Int) {
        guard let key = documentKey(id) else { return }
        var result = GuardResultFile.Result(isBinary: false, size: size)
        result.findings[0] = MarkdownDocumentRecord.encode(document)
        learnt[key] = result
    }

    private func documentKey(_ id: ObjectID) -> GuardResultFile.Key? {
        GuardResultFile.Key(objectID: id.bytes, kind: Self.markdownDocumentKind, settings: settings)
    }

    func key(_ id: ObjectID, file: RepoPath) -> GuardResultFile.Key? {
        GuardResultFile.Key(objectID: id.bytes, kind: Self.pathKind(file), settings: settings)
    }

    /// The stored result for `key` when it holds every guard in `checks`.
    func lookup(_ key: GuardResultFile.Key, checks: Set<BuiltinCheck>) -> GuardResultFile.Result? {
        lookup(key, slots: checks.compactMap(Self.slot))
    }

    /// ``lookup(_:checks:)`` for a visit's guards.
    func lookup(_ key: GuardResultFile.Key, checks: VisitChecks) -> GuardResultFile.Result? {
        lookup(key, slots: checks.slots)
    }

    private func lookup(_ key: GuardResultFile.Key, slots: [Int]) -> GuardResultFile.Result? {
        guard let result = known(key), result.covers(slots) else { return nil }
        used.append(key)
        return result
    }

    private func known(_ key: GuardResultFile.Key) -> GuardResultFile.Result? {
        learnt[key] ?? journal[key] ?? file.lookup(key)
    }

    /// Records what a visit found; guards it did not run keep what an earlier visit stored.
    func learn(_ key: GuardResultFile.Key, _ result: GuardResultFile.Result) {
        learnt[key] = Self.merge(result, into: known(key))
    }

    /// `result` with the guards it lacks taken from `known` (a key's findings never change: the key holds all
    /// they depend on).
    private static func merge(_ result: GuardResultFile.Result, into known: GuardResultFile.Result?) -> GuardResultFile.Result {
        guard let known, known.size == result.size, known.isBinary == result.isBinary else { return result }
        var merged = result
        for slot in merged.findings.indices where merged.findings[slot] == nil { merged.findings[slot] = known.findings[slot] }
        return merged
    }

    /// Whether the run learnt something the file does not hold yet.
    var hasNews: Bool { !learnt.isEmpty }

    /// Writes what was learnt, if anything: appended to the journal while it is small (a few hundred bytes for a
    /// commit of a few files); otherwise the journal and this run's entries are folded into the sorted file, merged
    /// with what is on disk now (another run may have written since this one loaded it), this run's entries and
    /// those it used stamped newest, the oldest dropped past the cap. Failures are ignored: the cache only saves time.
    func save() {
        guard hasNews else { return }
        let generation = file.generation &+ 1
        let entries = learnt.map { GuardResultFile.Entry(key: $0.key, result: $0.value, generation: generation) }
        if journalEntries + entries.count <= journalLimit {
            if append(GuardResultJournal.record(entries, generation: generation)) { learnt = [:] }
            return
        }
        let current = WholeFile.read(path).flatMap(GuardResultFile.init(bytes:)) ?? .empty
        let folded = max(current.generation, file.generation) &+ 1
        let logged = Self.readJournal(journalPath).entries.map { GuardResultFile.Entry(key: $0.key, result: $0.result, generation: folded) }
        let mine = learnt.map { GuardResultFile.Entry(key: $0.key, result: Self.merge($0.value, into: journal[$0.key]), generation: folded) }
        let bytes = current.merged(adding: logged + mine, restamping: used, generation: folded,
                                   maxEntries: maxEntries, keptAfterPruning: keptAfterPruning)
        guard StepFileSystem.replace(path, with: bytes) == nil else { return }
        // What another run appended after the journal was read is lost with it: it is read again when needed.
        FileSystem.removeIfPresent(journalPath)
        file = GuardResultFile(bytes: bytes) ?? .empty
        journal = [:]
        journalEntries = 0
        learnt = [:]
        used = []
    }

    /// Appends one record to the journal (a file opened for appending, so that records of runs at once do not
    /// overwrite each other; a torn one is detected by its checksum).
    private func append(_ record: [UInt8]) -> Bool {
        do throws(Errno) {
            if let slash = journalPath.lastIndex(of: "/") { try FileSystem.makeDirectories(String(journalPath[..<slash])) }
            try FileContents.append(record, to: journalPath, permissions: 0o600)
            return true
        } catch {
            return false
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
        guard let info = try? FileSystem.status("/proc/self/exe") else { return "" }
        return "\(info.size) \(info.modified.seconds).\(info.modified.nanoseconds) \(info.inode)"
        #else
        return ""
        #endif
    }()
}
