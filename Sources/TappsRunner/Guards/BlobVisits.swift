import Dispatch
import Synchronization
import TappsCore
import TappsGit

/// One visit per staged blob for all the guards that read a single file: the blob is read once and
/// conflict-markers, private-keys, syntax and secrets scan it in turn. A big change is split between two
/// threads: libgit2's object lookups are thread-safe (its `GIT_FEATURE_THREADS` build), and the scanners are
/// pure functions of the bytes.
struct BlobVisits {
    /// The guards a visit runs, in the order it runs them.
    static let order: [BuiltinCheck] = [.conflictMarkers, .privateKeys, .syntax, .secrets]
    static let checks = Set(order)
    /// From this many blobs on, the visits are split between two threads (below it, waking a thread costs
    /// about what it saves).
    static let parallelThreshold = 48

    struct Item: Sendable {
        var file: RepoPath
        var id: ObjectID
        /// The file's blob before the change, for `secrets` (nil: the file is new, or was not a regular file).
        var oldID: ObjectID?
        var checks: VisitChecks
    }

    private(set) var items: [Item] = []

    /// The visits the native `steps` need, each staged regular file once, in the order the files first appear.
    init(steps: [PlannedStep], content: StagedContent) {
        var position: [RepoPath: Int] = [:]
        for step in steps {
            guard let check = step.check, Self.checks.contains(check) else { continue }
            for file in step.files {
                if let index = position[file] {
                    items[index].checks.insert(VisitChecks(check))
                    continue
                }
                guard let entry = content.entry(file), entry.isFile else { continue }
                position[file] = items.count
                items.append(Item(file: file, id: entry.id, oldID: nil, checks: VisitChecks(check)))
            }
        }
        // Only `secrets` looks at the old side (its findings are kept on added lines).
        for index in items.indices where items[index].checks.contains(.secrets) {
            items[index].oldID = content.oldEntry(items[index].file).flatMap { $0.isFile ? $0.id : nil }
            // An unchanged blob adds no line: `secrets` has nothing to look at there.
            if items[index].oldID == items[index].id { items[index].checks.remove(VisitChecks(.secrets)) }
        }
        items.removeAll { $0.checks.isEmpty }
    }

    /// Scans every blob: from `cache` when it knows the blob's findings for every guard asked, otherwise read and
    /// scanned (and what was found is given to `cache`); `allow` are the `builtins.secrets.allow` patterns.
    func scan(repository: Repository, allow: [String], cache: GuardResultCache? = nil) -> [BlobScan] {
        guard let cache else { return Self.read(items, repository: repository, allow: allow) }
        var scans = [BlobScan?](repeating: nil, count: items.count)
        var keys = [GuardResultFile.Key?](repeating: nil, count: items.count)
        var missing: [Int] = []
        for (index, item) in items.enumerated() {
            let started = Clock.now
            keys[index] = cache.key(item.id, file: item.file)
            if let key = keys[index], let result = cache.lookup(key, checks: item.checks) {
                scans[index] = BlobScan(item, cached: result, seconds: Clock.since(started))
            } else {
                missing.append(index)
            }
        }
        let read = Self.read(missing.map { items[$0] }, repository: repository, allow: allow)
        for (index, scan) in zip(missing, read) {
            scans[index] = scan
            if let key = keys[index], let result = scan.cacheable { cache.learn(key, result) }
        }
        return scans.compactMap { $0 }
    }

    /// Reads and scans `items`, on two threads for many.
    private static func read(_ items: [Item], repository: Repository, allow: [String]) -> [BlobScan] {
        let threads = items.count >= parallelThreshold && Libgit2Version.features.contains("threads") ? 2 : 1
        let slots = Mutex<[BlobScan?]>(Array(repeating: nil, count: items.count))
        // One iteration runs on this thread; two use a worker thread beside it.
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            // Each thread compiles its own patterns: a Regex is not shared between threads.
            let patterns = allow.compactMap { try? Regex($0) }
            let isAllowed = { (secret: String) in patterns.contains { (try? $0.firstMatch(in: secret)) != nil } }
            var done: [(Int, BlobScan)] = []
            for index in stride(from: worker, to: items.count, by: threads) {
                done.append((index, BlobScan.make(items[index], repository: repository, isAllowed: isAllowed)))
            }
            slots.withLock { slots in for (index, scan) in done { slots[index] = scan } }
        }
        return slots.withLock { $0.compactMap { $0 } }
    }
}

/// What one visit found: the blob's bytes (for the guards that run afterwards), each guard's findings and time.
struct BlobScan: Sendable {
    var file: RepoPath
    var id: ObjectID
    var oldID: ObjectID?
    var checks: VisitChecks
    var bytes: [UInt8]?
    /// The blob's size and git's binary verdict (known without its bytes when the result came from the cache).
    var size: Int?
    var isBinary = false
    /// The findings came from the guard-result cache: the blob was not read.
    var fromCache = false
    var error: GitError?
    var readSeconds = 0.0
    /// Each guard's findings (nil: not run on this blob) and time.
    var findings = PerVisitCheck<[Finding]?>(nil)
    var seconds = PerVisitCheck<Double>(0)

    static func make(_ item: BlobVisits.Item, repository: Repository, isAllowed: (String) -> Bool) -> BlobScan {
        var scan = BlobScan(file: item.file, id: item.id, oldID: item.oldID, checks: item.checks)
        let reading = Clock.now
        let bytes: [UInt8]
        do throws(GitError) { bytes = try repository.blobContent(item.id) } catch {
            scan.error = error
            return scan
        }
        scan.bytes = bytes
        scan.size = bytes.count
        scan.readSeconds = Clock.since(reading)
        // A binary blob (git's rule) is judged by none of them.
        scan.isBinary = TextLines.isBinary(bytes)
        guard !scan.isBinary else { return scan }
        for check in BlobVisits.order where item.checks.contains(check) {
            let started = Clock.now
            let found: [Finding]
            switch check {
            case .conflictMarkers: found = ConflictMarkers.scan(bytes, file: item.file)
            case .privateKeys: found = PrivateKeys.scan(bytes, file: item.file)
            case .syntax: found = SyntaxCheck.check(bytes, file: item.file).map { [$0] } ?? []
            // Every line as if added; the caller keeps a modified file's findings on its added lines.
            default: found = Secrets.scan(content: bytes, file: item.file, isAllowed: isAllowed)
            }
            scan.findings[check] = found
            scan.seconds[check] = Clock.since(started)
        }
        return scan
    }
}

extension BlobScan {
    /// A visit answered by the cache: the stored findings, with the file they are in.
    init(_ item: BlobVisits.Item, cached: GuardResultFile.Result, seconds: Double) {
        self.init(file: item.file, id: item.id, oldID: item.oldID, checks: item.checks, size: cached.size,
                  isBinary: cached.isBinary, fromCache: true, readSeconds: seconds)
        guard !cached.isBinary else { return }
        for check in BlobVisits.order where item.checks.contains(check) {
            guard let slot = GuardResultCache.slot(check), let found = cached.findings[slot] else { continue }
            findings[check] = found.isEmpty ? [] : found.map { finding in
                var finding = finding
                finding.file = item.file
                return finding
            }
        }
    }

    /// What the cache keeps of a visit that read its blob: the findings without their file.
    var cacheable: GuardResultFile.Result? {
        guard error == nil, let size else { return nil }
        var result = GuardResultFile.Result(isBinary: isBinary, size: size)
        guard !isBinary else { return result }
        for check in BlobVisits.order where checks.contains(check) {
            guard let slot = GuardResultCache.slot(check), let found = findings[check] else { return nil }
            result.findings[slot] = found.map { finding in
                var finding = finding
                finding.file = nil
                return finding
            }
        }
        return result
    }
}
