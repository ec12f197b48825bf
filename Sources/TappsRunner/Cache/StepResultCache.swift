import TappsCore
import TappsGit
import TappsSystem

/// The step-result cache on disk: `<git-common-dir>/tapps/cache/<sha256>.json`, one small file per key, written
/// atomically (temporary file + rename), plus `counters.json` (hits and misses, best effort).
///
/// Nothing here ever fails a run: an unreadable or corrupt entry is a miss (and is removed), a write that fails is
/// simply not cached.
public struct StepResultCache: Sendable {
    /// Entries kept at most; the least recently used go first.
    public static let maxEntries = 2_000
    /// Entries not used for this long are removed.
    public static let maxAgeSeconds: Int64 = 30 * 24 * 3600
    static let countersFile = "counters.json"

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache of `repository` (shared by its worktrees).
    public static func directory(for repository: Repository) -> String {
        TappsDirectory.path("cache", in: repository.commonDirectory)
    }

    func path(for key: String) -> String { directory + "/" + key + ".json" }

    /// The cached pass of step `name` under `key`, or nil. A corrupt entry is removed; a hit is marked used (its
    /// modification time is what eviction goes by).
    public func lookup(_ key: String, name: String) -> StepResult? {
        let file = path(for: key)
        guard let bytes = FileBytes.read(file) else { return nil }
        guard let result = StepCacheEntry.decode(bytes, key: key, name: name) else {
            FileSystem.removeIfPresent(file)
            return nil
        }
        try? FileSystem.touch(file)
        return result
    }

    /// Stores a passed result; anything else is refused (only passes are ever cached). Returns whether it was stored.
    @discardableResult
    public func store(_ key: String, result: StepResult, now: Int64? = nil) -> Bool {
        guard result.status == .passed, !result.cached, result.modifiedFiles.isEmpty else { return false }
        let json = StepCacheEntry.encode(key: key, result: result, createdAt: ISOTime.string(epoch: now ?? ISOTime.nowEpoch))
        return writeAtomically(Array((json.serialized() + "\n").utf8), to: path(for: key))
    }

    // MARK: per-file entries (`cache: per-file`): `f<sha256>.json`, one per step, path and staged blob

    func path(forFileKey key: String) -> String { directory + "/f" + key + ".json" }

    /// When step `name` passed on the file `key` names, or nil. A corrupt entry is removed; a hit is marked used.
    public func lookupFile(_ key: String, name: String) -> String? {
        let file = path(forFileKey: key)
        guard let bytes = FileBytes.read(file) else { return nil }
        guard let createdAt = FileCacheEntry.decode(bytes, key: key, name: name) else {
            FileSystem.removeIfPresent(file)
            return nil
        }
        try? FileSystem.touch(file)
        return createdAt
    }

    /// Records that step `name` passed on `path` (its staged blob is part of `key`).
    @discardableResult
    public func storeFile(_ key: String, name: String, path file: RepoPath, now: Int64? = nil) -> Bool {
        let json = FileCacheEntry.encode(key: key, step: name, path: file, createdAt: ISOTime.string(epoch: now ?? ISOTime.nowEpoch))
        return writeAtomically(Array((json.serialized(pretty: false) + "\n").utf8), to: path(forFileKey: key))
    }

    /// Lookups of one run: whole-step hits and misses, and per-file ones (one per file looked up).
    public struct Counts: Sendable, Equatable {
        public var hits = 0, misses = 0, fileHits = 0, fileMisses = 0
        public init(hits: Int = 0, misses: Int = 0, fileHits: Int = 0, fileMisses: Int = 0) {
            self.hits = hits
            self.misses = misses
            self.fileHits = fileHits
            self.fileMisses = fileMisses
        }
        var isEmpty: Bool { hits + misses + fileHits + fileMisses == 0 }
        static func + (lhs: Counts, rhs: Counts) -> Counts {
            Counts(hits: lhs.hits + rhs.hits, misses: lhs.misses + rhs.misses, fileHits: lhs.fileHits + rhs.fileHits,
                   fileMisses: lhs.fileMisses + rhs.fileMisses)
        }
    }

    /// Adds to the hit and miss counters (best effort: a lost update only skews the statistics).
    public func count(hits: Int, misses: Int) { count(Counts(hits: hits, misses: misses)) }

    public func count(_ counts: Counts) {
        guard !counts.isEmpty else { return }
        let total = counters() + counts
        let json = JSONValue.object([("hits", .int(total.hits)), ("misses", .int(total.misses)),
                                     ("file_hits", .int(total.fileHits)), ("file_misses", .int(total.fileMisses))])
        _ = writeAtomically(Array((json.serialized() + "\n").utf8), to: directory + "/" + Self.countersFile)
    }

    func counters() -> Counts {
        guard let bytes = FileBytes.read(directory + "/" + Self.countersFile),
              let json = try? JSONParser.parse(bytes) else { return Counts() }
        func value(_ key: String) -> Int { max(0, json[key]?.intValue ?? 0) }
        return Counts(hits: value("hits"), misses: value("misses"), fileHits: value("file_hits"), fileMisses: value("file_misses"))
    }

    /// Removes entries unused for ``maxAgeSeconds`` and, beyond ``maxEntries``, the least recently used ones;
    /// also leftover temporary files older than an hour. Returns how many entries were removed.
    @discardableResult
    public func evict(now: Int64? = nil, maxEntries: Int = maxEntries, maxAge: Int64 = maxAgeSeconds) -> Int {
        let now = now ?? ISOTime.nowEpoch
        var removed = 0
        var kept: [(name: String, used: Int64)] = []
        for file in files() {
            if file.isEntry || file.isFileEntry {
                if now - file.modified > maxAge { FileSystem.removeIfPresent(directory + "/" + file.name); removed += 1 }
                else { kept.append((file.name, file.modified)) }
            } else if file.isTemporary, now - file.modified > 3600 {
                FileSystem.removeIfPresent(directory + "/" + file.name)
            }
        }
        if kept.count > maxEntries {
            for file in kept.sorted(by: { ($0.used, $0.name) < ($1.used, $1.name) }).prefix(kept.count - maxEntries) {
                FileSystem.removeIfPresent(directory + "/" + file.name)
                removed += 1
            }
        }
        return removed
    }

    /// Entries, their bytes, and the counters.
    public func statistics() -> CacheStatistics {
        let all = files()
        let entries = all.filter(\.isEntry), fileEntries = all.filter(\.isFileEntry)
        let counts = counters()
        var statistics = CacheStatistics(entries: entries.count, bytes: (entries + fileEntries).reduce(0) { $0 + $1.size },
                                         hits: counts.hits, misses: counts.misses, directory: directory)
        statistics.fileEntries = fileEntries.count
        statistics.fileHits = counts.fileHits
        statistics.fileMisses = counts.fileMisses
        let guardFiles = all.filter { $0.name == GuardResultCache.fileName || $0.name == GuardResultCache.journalName }
        if !guardFiles.isEmpty {
            statistics.guardBytes = guardFiles.reduce(0) { $0 + $1.size }
            statistics.guardEntries = GuardResultCache.storedEntries(at: directory + "/" + GuardResultCache.fileName)
        }
        return statistics
    }

    /// Removes every entry, the guard-result cache, the counters and leftover temporary files. Returns the
    /// statistics before clearing.
    @discardableResult
    public func clear() -> CacheStatistics {
        let before = statistics()
        for file in files() where file.isEntry || file.isFileEntry || file.isTemporary || file.name == Self.countersFile
            || file.name == GuardResultCache.fileName || file.name == GuardResultCache.journalName
            || file.name.hasPrefix(GuardResultCache.fileName + ".tmp-")
            || file.name == GuardRunMemo.fileName || file.name.hasPrefix(GuardRunMemo.fileName + ".tmp-") {
            FileSystem.removeIfPresent(directory + "/" + file.name)
        }
        try? FileSystem.removeDirectory(directory)
        return before
    }

    struct FileInfo {
        var name: String
        var size: Int
        var modified: Int64
        /// `<64 hex digits>.json`
        var isEntry: Bool { name.utf8.count == 69 && name.hasSuffix(".json") && name.utf8.prefix(64).allSatisfy(Self.isHex) }
        /// `f<64 hex digits>.json`
        var isFileEntry: Bool {
            name.utf8.count == 70 && name.hasPrefix("f") && name.hasSuffix(".json") && name.utf8.dropFirst().prefix(64).allSatisfy(Self.isHex)
        }
        var isTemporary: Bool { name.hasPrefix(".tmp-") }
        static func isHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) }
    }

    func files() -> [FileInfo] {
        guard let names = try? DirectoryListing.names(in: directory) else { return [] }
        return names.compactMap { name in
            guard let info = try? FileSystem.linkStatus(directory + "/" + name), info.isRegularFile else { return nil }
            return FileInfo(name: name, size: Int(info.size), modified: info.modified.seconds)
        }
    }

    private func writeAtomically(_ bytes: [UInt8], to target: String) -> Bool {
        guard StepFileSystem.createDirectories(directory) == nil else { return false }
        let temporary = directory + "/.tmp-\(ProcessControl.currentID)-\(UInt32.random(in: 0...UInt32.max))"
        return (try? FileContents.replace(target, with: bytes, temporaryPath: temporary)) != nil
    }
}
