import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line counts of many staged files spread over the cores: each patch loads two blobs and runs
/// xdiff, by far the largest cost of a large staged change, and the files are independent.
///
/// libgit2 objects are not shared between threads: every worker has its own bare handle on the
/// repository (sharing only the object database, which is thread-safe) with its own copy of the
/// attribute files, and patches each delta from its two blobs as the diff would.
enum ParallelLineCounts {
    /// Below this many files one thread is as fast (opening a handle per worker costs ≈1 ms).
    static let threshold = 200

    static var workerCount: Int { max(1, min(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) }

    /// Fills `linesAdded`, `linesDeleted` and `isBinary` of every delta but unmerged ones.
    /// `attributes` builds the attribute index for one worker's handle.
    static func fill(_ deltas: inout [DiffDelta], in repository: Repository, workers: Int,
                     attributes: () throws(GitError) -> Index) throws(GitError) {
        guard !deltas.isEmpty else { return }
        let workers = min(workers, deltas.count)
        var handles: [Repository] = []
        for _ in 0..<workers { handles.append(try repository.bareSibling(index: try attributes())) }
        let results = Results(deltas)
        let sendableHandles = handles
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Interleaved, so that large files in one directory do not all land on one worker.
            for position in stride(from: worker, to: results.count, by: workers) {
                var delta = results.get(position)
                guard delta.status != .unmerged else { continue }
                do throws(GitError) {
                    try Diff.countLinesFromContent(&delta, in: sendableHandles[worker])
                    results.set(position, delta)
                } catch {
                    results.fail(error)
                }
            }
        }
        if let failure = results.failure { throw failure }
        deltas = results.deltas
    }

    /// The deltas being filled, in one fixed buffer; each worker touches only its own positions.
    private final class Results: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<DiffDelta>
        private let firstFailure = Mutex<GitError?>(nil)

        init(_ deltas: [DiffDelta]) {
            storage = .allocate(capacity: deltas.count)
            _ = storage.initialize(from: deltas)
        }

        deinit {
            storage.deinitialize()
            storage.deallocate()
        }

        var count: Int { storage.count }
        var deltas: [DiffDelta] { Array(storage) }
        var failure: GitError? { firstFailure.withLock { $0 } }
        func get(_ position: Int) -> DiffDelta { storage[position] }
        func set(_ position: Int, _ delta: DiffDelta) { storage[position] = delta }
        func fail(_ error: GitError) { firstFailure.withLock { if $0 == nil { $0 = error } } }
    }
}
