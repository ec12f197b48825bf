import Foundation
import Testing
import TappsGit
import TestSupport

/// The stat-first work-tree scan agrees with `git diff` (index against work tree), on a tree large
/// enough for the parallel stat pass, including racily clean same-size rewrites.
@Suite struct WorkTreeScanTests {
    @Test func theScanFindsWhatGitDiffFinds() throws {
        let repo = try ScratchRepository()
        for number in 0..<3_000 { try repo.write("d\(number % 37)/f\(number).txt", "content \(number)\n") }
        try repo.write("link-me.txt", "x\n")
        try repo.commitAll("base")
        try repo.git("update-index", "--refresh")
        try repo.write("d1/f1.txt", "content 1 changed\n")                 // bigger
        try repo.write("d2/f2.txt", "content X\n")                          // same size, same second: racy
        try repo.write("d3/f3.txt", "content 3\n")                          // rewritten, same bytes
        try FileManager.default.removeItem(atPath: repo.path("d4/f4.txt"))  // deleted
        chmod(repo.path("d5/f5.txt"), 0o755)                                // mode
        try FileManager.default.removeItem(atPath: repo.path("link-me.txt"))
        try FileManager.default.createSymbolicLink(atPath: repo.path("link-me.txt"), withDestinationPath: "x")
        try FileManager.default.removeItem(atPath: repo.path("d6"))         // a whole directory
        try repo.write("untracked.txt", "not in the index\n")

        let repository = try Repository.open(at: repo.root)
        let found = try repository.workTreeChanges(against: repository.index()).map { String(decoding: $0.path, as: UTF8.self) }
        let git = try repo.git("diff", "--name-only").split(separator: "\n").map(String.init)
        #expect(Set(found) == Set(git), "scan: \(found.sorted()) git: \(git.sorted())")
        #expect(!found.contains("d3/f3.txt") && found.contains("d2/f2.txt"))
    }
}
