import CLibgit2
import TappsSystem

/// One path whose staged entry differs from HEAD's.
struct RawChange {
    /// `.added`, `.deleted`, `.modified` or `.typeChanged`.
    var status: DeltaStatus
    var path: [UInt8]
    var oldMode: UInt32
    var newMode: UInt32
    var oldID: git_oid
    var newID: git_oid
    /// The size the index recorded for the new side (the work-tree file's when it was staged).
    var newSize: UInt32 = 0
}

/// Compares HEAD's tree with an index file the way `git diff-index --cached` does: one merge
/// walk per directory, skipping every directory whose cache-tree id equals HEAD's subtree id
/// (nothing below it is staged), so only the trees along changed paths are read.
///
/// Entries with conflict stages are reported once in ``unmerged`` (as git's `U`); entries added
/// with `git add -N` count as absent, as they do for `git diff --cached`.
struct StagedWalk {
    let repository: OpaquePointer
    let index: IndexFile
    private(set) var changes: [RawChange] = []
    private(set) var unmerged: [[UInt8]] = []

    init(repository: OpaquePointer, index: IndexFile) {
        self.repository = repository
        self.index = index
    }

    /// Walks from the root; `headTree` is nil on an unborn branch.
    mutating func run(headTree: git_oid?) throws(GitError) {
        if let headTree, isUnchanged(tree: headTree, cache: index.cacheTree) { return }
        try walk(prefix: [], tree: headTree, range: 0..<index.entries.count, cache: index.cacheTree)
    }

    private func isUnchanged(tree: git_oid, cache: CacheTree?) -> Bool {
        guard let cache, let offset = cache.idOffset else { return false }
        var id = tree
        return withUnsafeBytes(of: &id) { RawMemory.compare($0.baseAddress!, index.data.baseAddress! + offset, 20) == 0 }
    }

    /// One directory: `tree` is HEAD's tree for it (nil when HEAD has none), `range` the index
    /// entries below it, `cache` its cache-tree node.
    private mutating func walk(prefix: [UInt8], tree: git_oid?, range: Range<Int>, cache: CacheTree?) throws(GitError) {
        var treeObject: OpaquePointer?
        if var tree {
            try check(git_tree_lookup(&treeObject, repository, &tree))
        }
        defer { if let treeObject { git_tree_free(treeObject) } }
        let treeCount = treeObject.map { git_tree_entrycount($0) } ?? 0
        var treePosition = 0
        var position = range.lowerBound
        while treePosition < treeCount || position < range.upperBound {
            let treeSide: TreeSide? = treePosition < treeCount ? TreeSide(git_tree_entry_byindex(treeObject, treePosition)) : nil
            let indexSide: IndexSide? = position < range.upperBound ? group(at: position, prefixLength: prefix.count, end: range.upperBound) : nil
            let order: Int
            switch (indexSide, treeSide) {
            case (let indexSide?, let treeSide?): order = Self.compare(indexSide, treeSide)
            case (.some, nil): order = -1
            default: order = 1
            }
            if order > 0, let treeSide {
                treePosition += 1
                if treeSide.isDirectory {
                    try walk(prefix: prefix + treeSide.name + [UInt8(ascii: "/")], tree: treeSide.id,
                             range: position..<position, cache: nil)
                } else {
                    record(.deleted, prefix: prefix, name: treeSide.name, old: treeSide, new: nil)
                }
                continue
            }
            guard let indexSide else { break }
            position = indexSide.range.upperBound
            let matched = order == 0 ? treeSide : nil
            if order == 0 { treePosition += 1 }
            if indexSide.isDirectory, let sparse = sparseDirectory(indexSide, prefixLength: prefix.count) {
                // A sparse index's directory entry stands for its whole tree.
                let headTree = matched?.isDirectory == true ? matched?.id : nil
                let stagedTree = index.id(sparse).baseAddress!.loadUnaligned(as: git_oid.self)
                if let headTree, withUnsafeBytes(of: headTree, { $0.elementsEqual(index.id(sparse)) }) { continue }
                try compareTrees(prefix: prefix + Array(indexSide.name), old: headTree, new: stagedTree)
            } else if indexSide.isDirectory {
                let name = Array(indexSide.name)
                let child = matched.flatMap { _ in cache?.children[Array(name.dropLast())] }
                if let matched, isUnchanged(tree: matched.id, cache: child) { continue }
                try walk(prefix: prefix + name, tree: matched?.id, range: indexSide.range, cache: child)
            } else {
                compareFile(indexSide, matched, prefix: prefix)
            }
        }
    }

    /// The entry of `side` when it is one sparse-directory entry for exactly that directory.
    private func sparseDirectory(_ side: IndexSide, prefixLength: Int) -> IndexFile.Entry? {
        guard side.range.count == 1 else { return nil }
        let entry = index.entries[side.range.lowerBound]
        guard entry.isSparseDirectory, entry.pathLength == prefixLength + side.name.count else { return nil }
        return entry
    }

    /// HEAD's tree `old` against the staged tree `new` below `prefix` (ending in "/"), as
    /// `git diff --cached` reports them: file by file, subtrees with equal ids skipped.
    private mutating func compareTrees(prefix: [UInt8], old: git_oid?, new: git_oid?) throws(GitError) {
        var oldTree: OpaquePointer?, newTree: OpaquePointer?
        if var old { try check(git_tree_lookup(&oldTree, repository, &old)) }
        defer { if let oldTree { git_tree_free(oldTree) } }
        if var new { try check(git_tree_lookup(&newTree, repository, &new)) }
        defer { if let newTree { git_tree_free(newTree) } }
        let oldCount = oldTree.map { git_tree_entrycount($0) } ?? 0
        let newCount = newTree.map { git_tree_entrycount($0) } ?? 0
        var oldPosition = 0, newPosition = 0
        while oldPosition < oldCount || newPosition < newCount {
            let left: TreeSide? = oldPosition < oldCount ? TreeSide(git_tree_entry_byindex(oldTree, oldPosition)) : nil
            let right: TreeSide? = newPosition < newCount ? TreeSide(git_tree_entry_byindex(newTree, newPosition)) : nil
            let order: Int
            switch (left, right) {
            case (let left?, let right?): order = Self.compare(left, right)
            case (.some, nil): order = -1
            default: order = 1
            }
            if order < 0, let left {
                oldPosition += 1
                if left.isDirectory {
                    try compareTrees(prefix: prefix + left.name + [UInt8(ascii: "/")], old: left.id, new: nil)
                } else {
                    recordTree(.deleted, path: prefix + left.name, old: left, new: nil)
                }
            } else if order > 0, let right {
                newPosition += 1
                if right.isDirectory {
                    try compareTrees(prefix: prefix + right.name + [UInt8(ascii: "/")], old: nil, new: right.id)
                } else {
                    recordTree(.added, path: prefix + right.name, old: nil, new: right)
                }
            } else if let left, let right {
                oldPosition += 1
                newPosition += 1
                let sameID = RawMemory.compare(left.idPointer, right.idPointer, 20) == 0
                if left.isDirectory {
                    if !sameID { try compareTrees(prefix: prefix + left.name + [UInt8(ascii: "/")], old: left.id, new: right.id) }
                } else if !sameID || left.mode != right.mode {
                    let status: DeltaStatus = left.mode & 0o170000 == right.mode & 0o170000 ? .modified : .typeChanged
                    recordTree(status, path: prefix + left.name, old: left, new: right)
                }
            }
        }
    }

    private mutating func recordTree(_ status: DeltaStatus, path: [UInt8], old: TreeSide?, new: TreeSide?) {
        var change = RawChange(status: status, path: path, oldMode: 0, newMode: 0, oldID: git_oid(), newID: git_oid())
        if let old {
            change.oldMode = old.mode
            change.oldID = old.id
        }
        if let new {
            change.newMode = new.mode
            change.newID = new.id
        }
        changes.append(change)
    }

    /// git's `base_name_compare` for two tree entries (a directory sorts as if its name ended in "/").
    private static func compare(_ left: TreeSide, _ right: TreeSide) -> Int {
        let common = min(left.name.count, right.name.count)
        let order = common == 0 ? 0 : RawMemory.compare(left.name.baseAddress!, right.name.baseAddress!, common)
        if order != 0 { return Int(order) }
        let leftNext: UInt8 = left.name.count > common ? left.name[common] : (left.isDirectory ? UInt8(ascii: "/") : 0)
        let rightNext: UInt8 = right.name.count > common ? right.name[common] : (right.isDirectory ? UInt8(ascii: "/") : 0)
        return Int(leftNext) - Int(rightNext)
    }

    private mutating func compareFile(_ indexSide: IndexSide, _ treeSide: TreeSide?, prefix: [UInt8]) {
        let entries = index.entries[indexSide.range]
        if entries.contains(where: { $0.stage != 0 }) {
            unmerged.append(prefix + indexSide.name)
            return
        }
        guard let entry = entries.first, !entry.isIntentToAdd else {
            if let treeSide { record(.deleted, prefix: prefix, name: indexSide.name, old: treeSide, new: nil) }
            return
        }
        guard let treeSide else {
            record(.added, prefix: prefix, name: indexSide.name, old: nil, new: entry)
            return
        }
        let newMode = Self.canonical(entry.mode)
        let sameID = RawMemory.compare(index.data.baseAddress! + entry.idOffset, treeSide.idPointer, 20) == 0
        if sameID && newMode == treeSide.mode { return }
        let status: DeltaStatus = newMode & 0o170000 == treeSide.mode & 0o170000 ? .modified : .typeChanged
        record(status, prefix: prefix, name: indexSide.name, old: treeSide, new: entry)
    }

    private mutating func record(_ status: DeltaStatus, prefix: [UInt8], name: UnsafeRawBufferPointer,
                                 old: TreeSide?, new: IndexFile.Entry?) {
        var change = RawChange(status: status, path: prefix + name, oldMode: 0, newMode: 0, oldID: git_oid(), newID: git_oid())
        if let old {
            change.oldMode = old.mode
            change.oldID = old.id
        }
        if let new {
            change.newMode = Self.canonical(new.mode)
            change.newSize = new.size
            withUnsafeMutableBytes(of: &change.newID) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: index.data.baseAddress! + new.idOffset, count: 20))
            }
        }
        changes.append(change)
    }

    /// The modes git records: regular files are 644 or 755, whatever the stored permission bits.
    static func canonical(_ mode: UInt32) -> UInt32 {
        switch mode & 0o170000 {
        case 0o100000: mode & 0o111 != 0 ? 0o100755 : 0o100644
        default: mode & 0o170000
        }
    }

    // MARK: - The two sides of the merge

    /// A tree entry: its name (with a trailing slash for a directory, to sort as git does).
    private struct TreeSide {
        let name: UnsafeRawBufferPointer
        let isDirectory: Bool
        let mode: UInt32
        let idPointer: UnsafeRawPointer
        var id: git_oid { idPointer.loadUnaligned(as: git_oid.self) }

        init(_ entry: OpaquePointer?) {
            let rawName = git_tree_entry_name(entry)!
            let mode = git_tree_entry_filemode(entry).rawValue
            isDirectory = mode == GIT_FILEMODE_TREE.rawValue
            self.mode = StagedWalk.canonical(mode)
            idPointer = UnsafeRawPointer(git_tree_entry_id(entry)!)
            // Tree entry names are NUL-terminated; a directory's key is "name/", spelled with
            // the bytes of its own name plus one: the slash is supplied by the comparison.
            name = UnsafeRawBufferPointer(start: rawName, count: RawMemory.cStringLength(rawName))
        }
    }

    /// The index entries for one name in a directory: a file's entry (all its conflict stages),
    /// or every entry below a subdirectory. `name` includes the trailing slash for a directory.
    private struct IndexSide {
        let name: UnsafeRawBufferPointer
        let isDirectory: Bool
        let range: Range<Int>
    }

    private func group(at position: Int, prefixLength: Int, end: Int) -> IndexSide {
        let path = index.path(index.entries[position])
        let rest = UnsafeRawBufferPointer(rebasing: path[prefixLength...])
        if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
            let keyLength = prefixLength + slash + 1
            // Entries sharing the directory prefix are contiguous: find where they stop.
            var low = position + 1, high = end
            while low < high {
                let middle = (low + high) / 2
                let other = index.path(index.entries[middle])
                if other.count >= keyLength, RawMemory.compare(other.baseAddress!, path.baseAddress!, keyLength) == 0 {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            return IndexSide(name: UnsafeRawBufferPointer(rebasing: rest[..<(slash + 1)]), isDirectory: true,
                             range: position..<low)
        }
        var last = position + 1
        while last < end, Self.equal(index.path(index.entries[last]), path) { last += 1 }
        return IndexSide(name: rest, isDirectory: false, range: position..<last)
    }

    private static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        lhs.count == rhs.count && RawMemory.compare(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0
    }

    /// git's `base_name_compare`: a directory sorts as if its name ended in "/".
    private static func compare(_ indexSide: IndexSide, _ treeSide: TreeSide) -> Int {
        let left = indexSide.name // already ends in "/" for a directory
        let right = treeSide.name
        let common = min(left.count, right.count)
        let order = common == 0 ? 0 : RawMemory.compare(left.baseAddress!, right.baseAddress!, common)
        if order != 0 { return Int(order) }
        let leftNext: UInt8 = left.count > common ? left[common] : 0
        let rightNext: UInt8 = right.count > common ? right[common] : (treeSide.isDirectory ? UInt8(ascii: "/") : 0)
        if leftNext == rightNext {
            // Equal so far: the longer one (a tree directory's implicit "/") decides.
            let leftLength = left.count
            let rightLength = right.count + (treeSide.isDirectory ? 1 : 0)
            return leftLength == rightLength ? 0 : (leftLength < rightLength ? -1 : 1)
        }
        return Int(leftNext) - Int(rightNext)
    }
}
