import TappsCore
import TappsGit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        var common = repository.commonDirectory
        if common.count > 1, common.hasSuffix("/") { common.removeLast() }
        return common + "/tapps/cache"
    }

    func path(for key: String) -> String { directory + "/" + key + ".json" }

    /// The cached pass of step `name` under `key`, or nil. A corrupt entry is removed; a hit is marked used (its
    /// modification time is what eviction goes by).
    public func lookup(_ key: String, name: String) -> StepResult? {
        let file = path(for: key)
        guard let bytes = FileBytes.read(file) else { return nil }
        guard let result = StepCacheEntry.decode(bytes, key: key, name: name) else {
            unlink(file)
            return nil
        }
        utimensat(AT_FDCWD, file, nil, 0)
        return result
    }

    /// Stores a passed result; anything else is refused (only passes are ever cached). Returns whether it was stored.
    @discardableResult
    public func store(_ key: String, result: StepResult, now: Int64? = nil) -> Bool {
        guard result.status == .passed, !result.cached, result.modifiedFiles.isEmpty else { return false }
        let json = StepCacheEntry.encode(key: key, result: result, createdAt: ISOTime.string(epoch: now ?? ISOTime.nowEpoch))
        return writeAtomically(Array((json.serialized() + "\n").utf8), to: path(for: key))
    }

    /// Adds to the hit and miss counters (best effort: a lost update only skews the statistics).
    public func count(hits: Int, misses: Int) {
        guard hits + misses > 0 else { return }
        let (oldHits, oldMisses) = counters()
        let json = JSONValue.object([("hits", .int(oldHits + hits)), ("misses", .int(oldMisses + misses))])
        _ = writeAtomically(Array((json.serialized() + "\n").utf8), to: directory + "/" + Self.countersFile)
    }

    func counters() -> (hits: Int, misses: Int) {
        guard let bytes = FileBytes.read(directory + "/" + Self.countersFile),
              let json = try? JSONParser.parse(bytes) else { return (0, 0) }
        return (max(0, json["hits"]?.intValue ?? 0), max(0, json["misses"]?.intValue ?? 0))
    }

    /// Removes entries unused for ``maxAgeSeconds`` and, beyond ``maxEntries``, the least recently used ones;
    /// also leftover temporary files older than an hour. Returns how many entries were removed.
    @discardableResult
    public func evict(now: Int64? = nil, maxEntries: Int = maxEntries, maxAge: Int64 = maxAgeSeconds) -> Int {
        let now = now ?? ISOTime.nowEpoch
        var removed = 0
        var kept: [(name: String, used: Int64)] = []
        for file in files() {
            if file.isEntry {
                if now - file.modified > maxAge { unlink(directory + "/" + file.name); removed += 1 }
                else { kept.append((file.name, file.modified)) }
            } else if file.isTemporary, now - file.modified > 3600 {
                unlink(directory + "/" + file.name)
            }
        }
        if kept.count > maxEntries {
            for file in kept.sorted(by: { ($0.used, $0.name) < ($1.used, $1.name) }).prefix(kept.count - maxEntries) {
                unlink(directory + "/" + file.name)
                removed += 1
            }
        }
        return removed
    }

    /// Entries, their bytes, and the counters.
    public func statistics() -> CacheStatistics {
        let entries = files().filter(\.isEntry)
        let (hits, misses) = counters()
        return CacheStatistics(entries: entries.count, bytes: entries.reduce(0) { $0 + $1.size }, hits: hits,
                               misses: misses, directory: directory)
    }

    /// Removes every entry, the counters and leftover temporary files. Returns the statistics before clearing.
    @discardableResult
    public func clear() -> CacheStatistics {
        let before = statistics()
        for file in files() where file.isEntry || file.isTemporary || file.name == Self.countersFile {
            unlink(directory + "/" + file.name)
        }
        rmdir(directory)
        return before
    }

    struct FileInfo {
        var name: String
        var size: Int
        var modified: Int64
        /// `<64 hex digits>.json`
        var isEntry: Bool { name.utf8.count == 69 && name.hasSuffix(".json") && name.utf8.prefix(64).allSatisfy(Self.isHex) }
        var isTemporary: Bool { name.hasPrefix(".tmp-") }
        static func isHex(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) }
    }

    func files() -> [FileInfo] {
        guard let names = try? DirectoryListing.names(in: directory) else { return [] }
        return names.compactMap { name in
            var info = stat()
            guard lstat(directory + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            return FileInfo(name: name, size: Int(info.st_size), modified: Int64(info.st_mtim.tv_sec))
        }
    }

    private func writeAtomically(_ bytes: [UInt8], to target: String) -> Bool {
        guard StepFileSystem.createDirectories(directory) == nil else { return false }
        let temporary = directory + "/.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard StepFileSystem.write(bytes, to: temporary) == nil else {
            unlink(temporary)
            return false
        }
        guard rename(temporary, target) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
