import Foundation
import Testing
import TappsCore
@testable import TappsRunner

@Suite struct StepResultCacheTests {
    static func store() -> StepResultCache {
        StepResultCache(directory: FileManager.default.temporaryDirectory
            .appendingPathComponent("tapps-cache-\(UUID().uuidString)/tapps/cache").path)
    }

    static func key(_ number: Int) -> String {
        let digits = String(number, radix: 16)
        return String(repeating: "0", count: 64 - digits.count) + digits
    }

    @Test func onlyPassesAreStored() {
        let cache = Self.store()
        defer { cache.clear() }
        for status in [StepStatus.failed, .modified, .error, .timedOut, .interrupted, .skipped] {
            #expect(!cache.store(Self.key(1), result: StepResult(name: "s", phase: .test, status: status)))
        }
        #expect(!cache.store(Self.key(1), result: StepResult(name: "s", phase: .test, status: .passed, cached: true)))
        #expect(cache.lookup(Self.key(1), name: "s") == nil)
        #expect(cache.store(Self.key(1), result: StepResult(name: "s", phase: .test, status: .passed)))
        #expect(cache.lookup(Self.key(1), name: "s")?.cached == true)
        #expect(cache.statistics().entries == 1)
    }

    @Test func evictionDropsOldEntriesAndTheLeastRecentlyUsedBeyondTheLimit() throws {
        let cache = Self.store()
        defer { cache.clear() }
        let now = Int64(Date().timeIntervalSince1970)
        for number in 0..<6 {
            #expect(cache.store(Self.key(number), result: StepResult(name: "s", phase: .test, status: .passed)))
            let used = Date(timeIntervalSince1970: TimeInterval(now - Int64(number) * 100))
            try FileManager.default.setAttributes([.modificationDate: used], ofItemAtPath: cache.path(for: Self.key(number)))
        }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: TimeInterval(now - 40 * 24 * 3600))],
                                              ofItemAtPath: cache.path(for: Self.key(5)))
        #expect(cache.evict(now: now, maxEntries: 3) == 3)
        let kept = cache.files().filter(\.isEntry).map(\.name).sorted()
        #expect(kept == [0, 1, 2].map { Self.key($0) + ".json" })
    }

    @Test func countersAddUpAndClearResetsEverything() {
        let cache = Self.store()
        cache.count(hits: 2, misses: 1)
        cache.count(hits: 1, misses: 0)
        #expect(cache.store(Self.key(7), result: StepResult(name: "s", phase: .test, status: .passed)))
        let stats = cache.statistics()
        #expect(stats.hits == 3 && stats.misses == 1 && stats.entries == 1 && stats.hitRate == 0.75)
        #expect(cache.clear().entries == 1)
        let after = cache.statistics()
        #expect(after.entries == 0 && after.hits == 0 && after.misses == 0 && after.hitRate == nil)
    }
}
