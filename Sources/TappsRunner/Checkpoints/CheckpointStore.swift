import TappsCore
import TappsGit

/// A checkpoint as found under `refs/tapps/checkpoints/<id>`.
public struct StoredCheckpoint: Sendable {
    /// The full reference name.
    public var reference: String
    /// The commit the reference points at (the latest saved state).
    public var commit: ObjectID
    /// How many states the run saved (the commit chain's length).
    public var states: Int
    public var checkpoint: Checkpoint
}

/// Checkpoints as git refs: one ref per run, one commit per saved state (parent: the run's previous state).
/// Each commit's tree holds `checkpoint.json` and every step's full output under `outputs/`.
public enum CheckpointStore {
    public static let prefix = "refs/tapps/checkpoints/"
    static let fileName = "checkpoint.json"
    /// The run's full text report, in each state's tree (`git show refs/tapps/checkpoints/<id>:report.txt`).
    public static let reportFileName = "report.txt"

    /// Writes `checkpoint` as a new state of its run and moves the ref compare-and-swap: it must still point at
    /// `expected` (nil: the run has no checkpoint yet). Returns the new commit.
    @discardableResult
    /// `report` (the run's `--full` text report) is stored beside it as `report.txt`.
    public static func save(_ checkpoint: Checkpoint, expecting expected: ObjectID?,
                            in repository: Repository, report: String? = nil) throws(GitError) -> ObjectID {
        let (json, outputs) = CheckpointCoding.encode(checkpoint)
        var entries = [IndexEntry(path: Array(fileName.utf8), mode: 0o100644,
                                  id: try repository.writeBlob(Array((json.serialized() + "\n").utf8)))]
        for output in outputs {
            entries.append(IndexEntry(path: Array(("outputs/" + output.file).utf8), mode: 0o100644,
                                      id: try repository.writeBlob(Array(output.content.utf8))))
        }
        if let report {
            entries.append(IndexEntry(path: Array(reportFileName.utf8), mode: 0o100644,
                                      id: try repository.writeBlob(Array(report.utf8))))
        }
        let tree = try repository.writeTree(entries)
        let time = ISOTime.epoch(checkpoint.createdAt) ?? ISOTime.nowEpoch
        let signature = Signature(name: "git-tapps", email: "git-tapps@localhost", time: time)
        let pending = checkpoint.pending.map(\.name).joined(separator: ", ")
        let message = "git-tapps checkpoint \(checkpoint.id): \(checkpoint.reason.rawValue)"
            + (pending.isEmpty ? "" : " (pending: \(pending))") + "\n"
        let commit = try repository.writeCommit(tree: tree, parents: expected.map { [$0] } ?? [], message: message,
                                                signature: signature)
        CrashPoint.midCheckpoint.reach()
        try repository.updateReference(reference(for: checkpoint.id), to: commit, expecting: expected, message: message)
        return commit
    }

    public static func reference(for id: String) -> String { prefix + id }

    /// Whether `id` can name a ref (a run id, or anything git accepts as one ref component).
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && !id.hasPrefix(".") && !id.hasSuffix(".lock") && !id.contains("..")
            && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7f && !"/\\~^:?*[@{".unicodeScalars.contains($0) }
    }

    /// The checkpoint `id`, or nil when there is no such ref. Throws when it exists but cannot be read.
    public static func load(_ id: String, in repository: Repository) throws(TappsError) -> StoredCheckpoint? {
        guard isValidID(id) else { return nil }
        return try load(reference: reference(for: id), in: repository)
    }

    static func load(reference: String, in repository: Repository) throws(TappsError) -> StoredCheckpoint? {
        do {
            guard let target = try repository.referenceTarget(reference) else { return nil }
            let commit = try Commit.lookup(target, in: repository)
            let tree = try commit.tree()
            guard let entry = try tree.entry(at: Array(fileName.utf8)) else {
                throw TappsError.repository("\(reference) holds no \(fileName)")
            }
            let bytes = try Blob.lookup(entry.id, in: repository).content
            let checkpoint = try CheckpointCoding.decode(bytes) { file in
                guard let found = try? tree.entry(at: Array(file.utf8)),
                      let blob = try? Blob.lookup(found.id, in: repository) else { return nil }
                return String(decoding: blob.content, as: UTF8.self)
            }
            return StoredCheckpoint(reference: reference, commit: target, states: chainLength(commit), checkpoint: checkpoint)
        } catch let error as TappsError {
            throw error
        } catch let error as GitError {
            throw .repository("cannot read \(reference): \(error.message)")
        } catch {
            throw .repository("cannot read \(reference): \(error)")
        }
    }

    /// Every checkpoint ref, readable or not (unreadable ones carry their problem), newest first.
    public static func list(in repository: Repository) throws(TappsError) -> [Result<StoredCheckpoint, CheckpointProblem>] {
        let names: [String]
        do { names = try repository.referenceNames(matching: prefix + "*") } catch {
            throw .repository("cannot list checkpoints: \(error.message)")
        }
        var found: [Result<StoredCheckpoint, CheckpointProblem>] = []
        for name in names {
            do {
                if let stored = try load(reference: name, in: repository) { found.append(.success(stored)) }
            } catch {
                found.append(.failure(CheckpointProblem(reference: name, message: error.description)))
            }
        }
        return found.sorted { newer($0, than: $1) }
    }

    /// The newest checkpoint that still has pending steps.
    public static func newestResumable(in repository: Repository) throws(TappsError) -> StoredCheckpoint? {
        try list(in: repository).compactMap { try? $0.get() }.first { $0.checkpoint.isResumable }
    }

    /// Deletes the checkpoint's ref (its commits become unreachable and go with git's next gc).
    public static func drop(_ id: String, in repository: Repository) throws(TappsError) {
        do { try repository.deleteReference(reference(for: id)) } catch {
            throw .repository("cannot delete \(reference(for: id)): \(error.message)")
        }
    }

    /// The tree id of the index's staged content (stage 0, intent-to-add placeholders left out), written from an
    /// in-memory copy so that the real index is never touched.
    public static func stagedTree(in repository: Repository) throws(TappsError) -> ObjectID {
        if let cached = repository.cachedStagedTreeID() { return cached }
        do {
            let real = try repository.index()
            let copy = try Index.inMemory()
            for entry in real.entries where entry.stage == 0 && !entry.isIntentToAdd { try copy.add(entry) }
            return try copy.writeTree(to: repository)
        } catch {
            throw .repository("cannot read the staged content: \(error.message)")
        }
    }

    private static func chainLength(_ commit: Commit) -> Int {
        var count = 1
        var current = commit
        while count < 10_000, let parent = current.parentIDs.first,
              let next = try? Commit.lookup(parent, in: current.repository) {
            count += 1
            current = next
        }
        return count
    }

    private static func newer(_ lhs: Result<StoredCheckpoint, CheckpointProblem>,
                              than rhs: Result<StoredCheckpoint, CheckpointProblem>) -> Bool {
        switch (lhs, rhs) {
        case let (.success(a), .success(b)):
            return (a.checkpoint.createdAt, a.checkpoint.id) > (b.checkpoint.createdAt, b.checkpoint.id)
        case (.success, .failure): return true
        case (.failure, .success): return false
        case let (.failure(a), .failure(b)): return a.reference < b.reference
        }
    }
}

/// A checkpoint ref that could not be read.
public struct CheckpointProblem: Error, Sendable {
    public var reference: String
    public var message: String
}
