import CLibgit2

import TappsSystem

/// The `.gitattributes` files that apply to a set of changed paths, as git picks them for a
/// diff: in each directory on the way to a path, the work-tree file, or the index's when the
/// work tree has none. Collected into a small in-memory index so that a bare libgit2 handle
/// applies exactly them (see ``Repository/bareSibling(index:)``).
enum AttributeFiles {
    private static let name = Array(".gitattributes".utf8)

    /// The index, or nil when a work-tree file is not stored as a blob (edited and not staged,
    /// or untracked) or is not a plain file: the caller then lets libgit2 read the work tree.
    static func effective(for changes: [RawChange], index file: IndexFile, in repository: Repository) throws(GitError) -> Index? {
        var indexed: [[UInt8]: (mode: UInt32, id: git_oid)] = [:]
        for entry in file.entries where entry.stage == 0 && entry.pathLength >= name.count {
            let path = file.path(entry)
            guard path.count == name.count || path[path.count - name.count - 1] == UInt8(ascii: "/"),
                  path.suffix(name.count).elementsEqual(name) else { continue }
            var id = git_oid()
            withUnsafeMutableBytes(of: &id) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: file.data.baseAddress! + entry.idOffset, count: 20))
            }
            indexed[Array(path)] = (entry.mode, id)
        }
        var directories: Set<[UInt8]> = [[]]
        for change in changes {
            for (position, byte) in change.path.enumerated() where byte == UInt8(ascii: "/") {
                directories.insert(Array(change.path[...position]))
            }
        }
        let root = repository.workingDirectory.map { Array($0.utf8) }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, repository.objectsHandle))
        defer { git_odb_free(odb) }
        let result = try Index.inMemory()
        for directory in directories.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let path = directory + name
            var chosen = indexed[path]
            if let root {
                switch readRegularFile(root + path) {
                case .missing: break
                case .unusable: return nil
                case .content(let bytes):
                    var id = git_oid()
                    try check(bytes.withUnsafeBytes { git_odb_hash(&id, $0.baseAddress, $0.count, GIT_OBJECT_BLOB) })
                    guard git_odb_exists(odb, &id) == 1 else { return nil }
                    chosen = (0o100644, id)
                }
            }
            if let chosen { try Diff.add(path, mode: chosen.mode, id: chosen.id, to: result) }
        }
        return result
    }

    private enum FileRead {
        case missing, unusable
        case content([UInt8])
    }

    private static func readRegularFile(_ path: [UInt8]) -> FileRead {
        withCPath(path) { cPath in
            do throws(Errno) {
                guard try FileSystem.linkStatus(cPath).isRegularFile else { return .unusable }
            } catch {
                return error == .noSuchFileOrDirectory || error == .notDirectory ? .missing : .unusable
            }
            guard let bytes = try? FileContents.read(cPath, followingLinks: false) else { return .unusable }
            return .content(bytes)
        }
    }
}
