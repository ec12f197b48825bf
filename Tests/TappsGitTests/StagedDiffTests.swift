import Foundation
import Testing
import TestSupport
@testable import TappsGit

/// `Diff.staged` reads the index file itself and skips unchanged directories by their cache-tree
/// ids. Over many random edits it must agree with libgit2's own tree-to-index diff and with
/// `git diff --cached`.
@Suite struct StagedDiffTests {
    /// A small deterministic generator (SplitMix64), so a failure replays the same way.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    struct Summary: Equatable, CustomStringConvertible {
        var status: Character
        var path: [UInt8]
        var oldPath: [UInt8]?
        var added: Int
        var deleted: Int
        var binary: Bool
        var description: String {
            "\(status) \(String(decoding: oldPath ?? [], as: UTF8.self)) \(String(decoding: path, as: UTF8.self)) +\(added) -\(deleted)\(binary ? " binary" : "")"
        }
    }

    private func summarize(_ staged: StagedDiff) -> [Summary] {
        let files = staged.deltas.map { delta in
            Summary(status: delta.status.rawValue, path: delta.status == .deleted ? delta.oldPath : delta.newPath,
                    oldPath: delta.status == .renamed || delta.status == .copied ? delta.oldPath : nil,
                    added: delta.linesAdded, deleted: delta.linesDeleted, binary: delta.isBinary)
        }
        let unmerged = staged.unmergedPaths.map { Summary(status: "U", path: $0, added: 0, deleted: 0, binary: false) }
        return (files + unmerged).sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    private func gitSummary(_ repo: ScratchRepository) throws -> [Summary] {
        let names = try repo.gitBytes(["diff", "--cached", "--name-status", "-z"]).split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        let numstat = try repo.gitBytes(["diff", "--cached", "--numstat", "-z"]).split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        var counts: [[UInt8]: (Int, Int, Bool)] = [:]
        var position = 0
        while position < numstat.count, !numstat[position].isEmpty {
            let parts = numstat[position].split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
            let added = Int(String(decoding: parts[0], as: UTF8.self)), deleted = Int(String(decoding: parts[1], as: UTF8.self))
            let value = (added ?? 0, deleted ?? 0, added == nil)
            if !parts[2].isEmpty { counts[Array(parts[2])] = value; position += 1 } else { counts[numstat[position + 2]] = value; position += 3 }
        }
        var result: [Summary] = []
        position = 0
        while position < names.count, !names[position].isEmpty {
            let status = Character(UnicodeScalar(names[position][0]))
            let renamed = status == "R" || status == "C"
            let path = renamed ? names[position + 2] : names[position + 1]
            let count = counts[path] ?? (0, 0, false)
            result.append(Summary(status: status, path: path, oldPath: renamed ? names[position + 1] : nil,
                                  added: count.0, deleted: count.1, binary: count.2))
            position += renamed ? 3 : 2
        }
        return result.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    private func expectAgreement(_ repo: ScratchRepository, _ note: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try Diff.staged(in: try Repository.open(at: repo.root))
        let libgit2Repository = try Repository.open(at: repo.root)
        _ = try libgit2Repository.index() // a handed-out libgit2 index makes Diff.staged use libgit2's diff
        let slow = try Diff.staged(in: libgit2Repository)
        let git = try gitSummary(repo)
        #expect(summarize(fast) == git, "\(note)", sourceLocation: sourceLocation)
        #expect(summarize(slow) == git, "\(note) (libgit2 path)", sourceLocation: sourceLocation)
        #expect(fast.deltas.map(\.newID) == slow.deltas.map(\.newID), sourceLocation: sourceLocation)
        #expect(fast.deltas.map(\.oldMode) == slow.deltas.map(\.oldMode), sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 2, 3])
    func randomEditsAgreeWithGit(seed: UInt64) throws {
        var random = Random(state: seed)
        let repo = try ScratchRepository()
        var files: [String] = []
        for top in ["a", "b-c", "b", "b.d", "z"] {
            for middle in ["m", "m-n", "n"] {
                for leaf in 0..<3 { files.append("\(top)/\(middle)/f\(leaf).txt") }
            }
        }
        files.append("root.txt")
        for (number, file) in files.enumerated() {
            try repo.write(file, (0..<(5 + number % 7)).map { "line \($0) of \(file)\n" }.joined())
        }
        try repo.commitAll("base")
        try expectAgreement(repo, "clean")
        for round in 0..<8 {
            var touched: [String] = []
            for _ in 0..<(1 + random.next(5)) {
                let file = files[random.next(files.count)]
                guard FileManager.default.fileExists(atPath: repo.path(file)) else { continue }
                switch random.next(6) {
                case 0: try FileManager.default.removeItem(atPath: repo.path(file))
                case 1:
                    let target = "moved/r\(round)-\(random.next(1000)).txt"
                    try FileManager.default.createDirectory(atPath: repo.path("moved"), withIntermediateDirectories: true)
                    try FileManager.default.moveItem(atPath: repo.path(file), toPath: repo.path(target))
                    touched.append(target)
                case 2: chmod(repo.path(file), 0o755)
                case 3: try repo.write(file, bytes: [0, 1, 2, UInt8(random.next(255))])
                default: try repo.write(file, "rewritten \(round)\n" + (repo.readText(file) ?? ""))
                }
                touched.append(file)
            }
            let added = "new/r\(round)/n\(random.next(100)).txt"
            try repo.write(added, "added in round \(round)\n")
            touched.append(added)
            try repo.git(["add", "-A", "--"] + touched)
            try expectAgreement(repo, "round \(round)")
            if random.next(3) == 0 { try repo.git("commit", "-q", "--no-verify", "-m", "round \(round)") }
            files = try repo.git("ls-files").split(separator: "\n").map(String.init)
        }
        try repo.git("reset", "-q", "--soft", "HEAD~2")
        try expectAgreement(repo, "after reset --soft")
    }

    @Test func unbornBranchesAndEmptyIndexes() throws {
        let repo = try ScratchRepository()
        try expectAgreement(repo, "no index at all")
        try repo.write("x/y.txt", "y\n")
        try repo.git("add", "-A")
        try expectAgreement(repo, "first files")
    }

    @Test func manyStagedFilesOfEveryKindAreCountedLikeGit() throws {
        let repo = try ScratchRepository()
        try repo.write(".gitattributes", "*.nodiff -diff\n*.bin binary\n")
        for number in 0..<260 {
            let directory = "d\(number % 7)/e\(number % 3)"
            try repo.write("\(directory)/f\(number).txt", (0..<(3 + number % 11)).map { "line \($0) of \(number)\n" }.joined())
            if number % 25 == 0 { try repo.write("\(directory)/g\(number).nodiff", "text \(number)\nbut no diff\n") }
            if number % 40 == 0 { try repo.write("\(directory)/h\(number).bin", "looks like text \(number)\n") }
        }
        try repo.commitAll("base")
        var number = 0
        for file in try repo.git("ls-files").split(separator: "\n").map(String.init) where file != ".gitattributes" {
            number += 1
            switch number % 9 {
            case 0: try FileManager.default.removeItem(atPath: repo.path(file))
            case 1: try FileManager.default.moveItem(atPath: repo.path(file), toPath: repo.path(file + ".moved"))
            case 2: chmod(repo.path(file), 0o755)
            case 3: try repo.write(file, bytes: [0, 1, 2, 3, UInt8(number % 256)])
            case 4:
                try FileManager.default.removeItem(atPath: repo.path(file))
                try FileManager.default.createSymbolicLink(atPath: repo.path(file), withDestinationPath: "target-\(number)")
            default: try repo.write(file, "rewritten \(number)\n" + (repo.readText(file) ?? "") + "appended\n")
            }
        }
        for extra in 0..<30 { try repo.write("added/a\(extra).txt", "added \(extra)\nsecond\n") }
        try repo.git("add", "-A")
        let staged = try Diff.staged(in: try Repository.open(at: repo.root))
        #expect(staged.deltas.count > 250)
        let git = try gitSummary(repo)
        let ours = summarize(staged)
        #expect(ours.count == git.count)
        for (mine, theirs) in zip(ours, git) where mine != theirs {
            Issue.record("git-tapps \(mine) but git \(theirs)")
        }
    }
}
