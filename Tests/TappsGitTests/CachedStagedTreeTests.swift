import Testing
import TappsGit
import TestSupport

@Suite struct CachedStagedTreeTests {
    @Test func theCacheTreeRootIsTheTreeGitWouldWriteAndIsIgnoredOnceInvalidated() throws {
        let repo = try ScratchRepository()
        try repo.write("a/b.txt", "b\n")
        try repo.write("c.txt", "c\n")
        try repo.git("add", "-A")
        let written = try repo.git("write-tree").trimmingCharacters(in: .whitespacesAndNewlines)
        let repository = try Repository.open(at: repo.root)
        #expect(repository.cachedStagedTreeID()?.hex == written)

        try repo.write("c.txt", "changed\n")
        try repo.git("add", "c.txt")
        #expect(try Repository.open(at: repo.root).cachedStagedTreeID() == nil, "git add invalidates the root")
    }
}
