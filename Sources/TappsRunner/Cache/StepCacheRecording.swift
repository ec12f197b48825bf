import TappsCore

/// Which results of a run go into the cache.
enum StepCacheRecording {
    /// Stores the clean passes: status passed with no note (a note marks something unusual, such as coverage left
    /// unchecked or errors outside the staged files), not itself a cache hit, no files modified, and a key. Steps
    /// sharing a name are left out (a result could not be told apart). Evicts old entries when anything was stored.
    static func store(_ results: [StepResult], steps: [PlannedStep], keys: [PlannedStep: String], in cache: StepResultCache) {
        var stored = false
        for result in results where isCacheable(result) {
            let named = steps.filter { $0.name == result.name }
            guard named.count == 1, let step = named.first, let key = keys[step] else { continue }
            if cache.store(key, result: result) { stored = true }
        }
        if stored { cache.evict() }
    }

    static func isCacheable(_ result: StepResult) -> Bool {
        result.status == .passed && result.note == nil && !result.cached && result.modifiedFiles.isEmpty
    }
}

/// Hit and miss counts of one run, from whichever task looked a step up.
final class CacheLedger: @unchecked Sendable {
    private let lock = NSLockLite()
    private var counts = (hits: 0, misses: 0)

    func hit() { lock.withLock { counts.hits += 1 } }
    func miss() { lock.withLock { counts.misses += 1 } }
    var hits: Int { lock.withLock { counts.hits } }
    var misses: Int { lock.withLock { counts.misses } }
}
