import Synchronization
import TappsCore

/// Which results of a run go into the cache.
enum StepCacheRecording {
    /// Stores the clean passes: status passed with no note (a note marks something unusual, such as coverage left
    /// unchecked or errors outside the staged files), not itself a cache hit, no files modified, and a key. Steps
    /// sharing a name are left out (a result could not be told apart). Now and then (one storing run in 16) evicts
    /// old entries: eviction lists and stats the whole cache, which a hook should not pay on every commit; the
    /// limits are soft by a few runs' entries.
    static func store(_ results: [StepResult], steps: [PlannedStep], keys: [PlannedStep: String], in cache: StepResultCache) {
        var stored = false
        for result in results where isCacheable(result) {
            let named = steps.filter { $0.name == result.name }
            guard named.count == 1, let step = named.first, let key = keys[step] else { continue }
            if cache.store(key, result: result) { stored = true }
        }
        if stored, UInt8.random(in: 0..<16) == 0 { cache.evict() }
    }

    /// A clean pass. Notes that only describe the run ("3 passed in 2 files (related to calc.py)") do not
    /// matter; a pass that left something unchecked ("coverage not checked: …") is not reused.
    static func isCacheable(_ result: StepResult) -> Bool {
        result.status == .passed && !result.cached && result.modifiedFiles.isEmpty
            && !(result.note?.contains("not checked") ?? false)
    }
}

/// Hit and miss counts of one run, from whichever task looked a step up.
final class CacheLedger: Sendable {
    private let hitCount = Atomic(0)
    private let missCount = Atomic(0)

    func hit() { hitCount.add(1, ordering: .relaxed) }
    func miss() { missCount.add(1, ordering: .relaxed) }
    var hits: Int { hitCount.load(ordering: .relaxed) }
    var misses: Int { missCount.load(ordering: .relaxed) }
}
