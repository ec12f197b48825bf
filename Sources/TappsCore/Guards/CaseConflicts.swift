/// Paths that differ only in case: on a case-insensitive file system (macOS, Windows) one of them
/// overwrites the other at checkout. Directories count as well (`Docs/a.md` beside `docs/b.md`).
public enum CaseConflicts {
    /// The conflicts that the `added` paths take part in, among `all` paths of the resulting tree
    /// (which include `added`). One finding per added path, naming the paths it clashes with.
    public static func find(added: [RepoPath], all: [RepoPath]) -> [Finding] {
        guard !added.isEmpty else { return [] }
        var spellings: [ByteKey: Set<ByteKey>] = [:]
        spellings.reserveCapacity(all.count)
        for path in all {
            forEachPrefix(path.bytes) { prefix in
                spellings[ByteKey(folded(prefix)), default: []].insert(ByteKey(Array(prefix)))
            }
        }
        var findings: [Finding] = []
        var reported: Set<ByteKey> = []
        for path in added {
            var clash: (Set<ByteKey>, ArraySlice<UInt8>)?
            forEachPrefix(path.bytes) { prefix in
                guard clash == nil, let names = spellings[ByteKey(folded(prefix))], names.count > 1 else { return }
                clash = (names, prefix)
            }
            guard let (names, prefix) = clash, reported.insert(ByteKey(folded(prefix))).inserted else { continue }
            let others = names.map(\.bytes).filter { $0 != Array(prefix) }.sorted { $0.lexicographicallyPrecedes($1) }
                .map { RepoPath(bytes: $0).quoted }
            let what = prefix.count == path.bytes.count ? "" : " (directory \(RepoPath(bytes: Array(prefix)).quoted))"
            findings.append(Finding(file: path, severity: "error", code: "case-conflict",
                                    message: "differs only in case from \(others.joined(separator: ", "))\(what): one overwrites the other on macOS and Windows"))
        }
        return findings
    }

    /// Each directory prefix of `path` and the path itself.
    private static func forEachPrefix(_ path: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        for index in path.indices where path[index] == UInt8(ascii: "/") { body(path[..<index]) }
        body(path[...])
    }

    /// ASCII bytes lowered; valid UTF-8 lowered by Unicode rules when it has non-ASCII letters.
    static func folded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            return bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { return Array(bytes) }
        return Array(text.lowercased().utf8)
    }
}

/// Bytes as a dictionary key, hashed in one call (`[UInt8]`'s own hashing feeds the hasher byte by byte).
struct ByteKey: Hashable {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
