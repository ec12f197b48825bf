import CLibgit2
import TappsSystem

/// Stage-0 entries of the index git will commit from, looked up by path: through the memory-mapped
/// ``IndexFile`` a run has already parsed (binary search, no copy of the index), or libgit2's index for
/// files that reader does not handle.
public final class StagedEntries: @unchecked Sendable {
    private enum Source {
        case file(IndexFile)
        case libgit2(Index)
    }

    private let source: Source

    /// The index of `repository` (its index override honoured, as for ``Diff/staged(in:request:)``).
    public init(repository: Repository) throws(GitError) {
        if !repository.isIndexMaterialized, let file = repository.indexFile() {
            source = .file(file)
        } else {
            source = .libgit2(try repository.index())
        }
    }

    /// The blob id and mode at `path` (stage 0, not an intent-to-add placeholder), or nil.
    public func entry(at path: [UInt8]) -> (id: ObjectID, mode: UInt32)? {
        switch source {
        case .libgit2(let index):
            guard let entry = index.entry(at: path), !entry.isIntentToAdd else { return nil }
            return (entry.id, entry.mode)
        case .file(let file):
            let low = Self.lowerBound(path, in: file)
            // Entries of one path are ordered by stage; stage 0 comes first when it exists.
            guard low < file.entries.count else { return nil }
            let entry = file.entries[low]
            guard entry.stage == 0, !entry.isIntentToAdd, Self.compare(file.path(entry), path) == 0 else { return nil }
            return (Self.id(entry, in: file), entry.mode)
        }
    }

    /// Whether some entry lies under the directory `path` (no trailing slash).
    public func containsDirectory(_ path: [UInt8]) -> Bool {
        let prefix = path + [UInt8(ascii: "/")]
        switch source {
        case .libgit2(let index):
            return index.entries.contains { $0.stage == 0 && !$0.isIntentToAdd && $0.path.starts(with: prefix) }
        case .file(let file):
            var position = Self.lowerBound(prefix, in: file)
            while position < file.entries.count {
                let entry = file.entries[position]
                guard file.path(entry).starts(with: prefix) else { return false }
                if entry.stage == 0 && !entry.isIntentToAdd { return true }
                position += 1
            }
            return false
        }
    }

    /// The first entry position whose path is not below `path` in index order.
    private static func lowerBound(_ path: [UInt8], in file: IndexFile) -> Int {
        var low = 0, high = file.entries.count
        while low < high {
            let middle = (low + high) / 2
            if compare(file.path(file.entries[middle]), path) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Every stage-0 file (no submodules, no intent-to-add placeholders) with its blob id, in index order.
    public func files() -> [(path: [UInt8], id: ObjectID)] {
        switch source {
        case .libgit2(let index):
            return index.entries.filter { $0.stage == 0 && !$0.isIntentToAdd && !$0.isSubmodule }.map { ($0.path, $0.id) }
        case .file(let file):
            var result: [(path: [UInt8], id: ObjectID)] = []
            result.reserveCapacity(file.entries.count)
            for entry in file.entries where entry.stage == 0 && !entry.isIntentToAdd && entry.mode != 0o160000 && entry.mode != 0o040000 {
                result.append((Array(file.path(entry)), Self.id(entry, in: file)))
            }
            return result
        }
    }

    /// Every stage-0 path (no intent-to-add placeholders), in index order.
    public func paths() -> [[UInt8]] {
        switch source {
        case .libgit2(let index):
            return index.entries.filter { $0.stage == 0 && !$0.isIntentToAdd }.map(\.path)
        case .file(let file):
            return file.entries.filter { $0.stage == 0 && !$0.isIntentToAdd }.map { Array(file.path($0)) }
        }
    }

    private static func id(_ entry: IndexFile.Entry, in file: IndexFile) -> ObjectID {
        ObjectID(bytes: Array(UnsafeRawBufferPointer(start: file.data.baseAddress.map { $0 + entry.idOffset }, count: 20)))
    }

    /// git's index order: bytewise, shorter first on a common prefix.
    private static func compare(_ left: UnsafeRawBufferPointer, _ right: [UInt8]) -> Int {
        let common = min(left.count, right.count)
        if common > 0, let leftBase = left.baseAddress {
            let result = right.withUnsafeBytes { rightBytes in
                rightBytes.baseAddress.map { RawMemory.compare(leftBase, $0, common) } ?? 0
            }
            if result != 0 { return Int(result) }
        }
        return left.count - right.count
    }
}
