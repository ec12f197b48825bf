import Testing
import TestSupport

/// The repository the index-format suites share: nested files in three directories, a binary, committed;
/// the changes they stage; and a hook whose step records what it saw.
enum IndexFormatFixture {
    static func repository() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        for top in ["in", "out", "other"] {
            for number in 0..<6 {
                try repo.write("\(top)/f\(number).txt", (0..<number + 2).map { "\(top) line \($0)\n" }.joined())
                try repo.write("\(top)/deep/g\(number).py", "value = \(number)\n")
            }
        }
        try repo.write("top.txt", "top\n")
        try repo.write("bin.dat", bytes: [0, 1, 2, 3, 0, 255])
        try repo.commitAll("base")
        return repo
    }

    /// Renames, a deletion, a binary, a mode change and new files, staged without touching paths outside a
    /// sparse cone ("in/" and the root).
    static func stageMixedChanges(_ repo: ScratchRepository) throws {
        try repo.write("in/f1.txt", "replaced\nlines\nhere\n")
        try repo.write("in/deep/new.py", "new = 1\n")
        try repo.write("top.txt", "top changed\n")
        try repo.write("bin.dat", bytes: [0, 9, 9, 9])
        try repo.git("mv", "in/f4.txt", "in/renamed.txt")
        try repo.git("rm", "-q", "--cached", "in/f2.txt")
        try repo.git("update-index", "--chmod=+x", "in/f3.txt")
        try repo.git("add", "-A", "in", "top.txt", "bin.dat")
    }

    /// The repository with the hook installed and one step, `look`, that writes what it sees of `in/f1.txt`
    /// to `.seen/f1` and the staged names to `.seen/names` (`.seen/` is ignored).
    static func repositoryWithLookingHook() throws -> ScratchRepository {
        let look = RunCommandTests.step("look", ["sh", "-c", "mkdir -p .seen && cat in/f1.txt > .seen/f1 && git diff --cached --name-only > .seen/names"])
        let repo = try repository()
        try repo.write(".tapps.yaml", RunCommandTests.config(look))
        try repo.write(".gitignore", ".seen/\n")
        try repo.commitAll("config")
        #expect(try repo.tapps(["install"]).status == 0, "git tapps install")
        return repo
    }
}
