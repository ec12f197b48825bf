import Testing
import TappsCore
import TappsGit
import TappsRunner
import TestSupport

@Suite struct StagedChangeSmokeTests {
    @Test func readsARenameAndAnAddition() throws {
        let repo = try ScratchRepository()
        try repo.write("README.md", "# demo\n")
        try repo.commitAll("base")
        try repo.git("mv", "README.md", "GUIDE.md")
        try repo.write("src/app.py", "print('hi')\n")
        try repo.git("add", "-A")
        let repository = try Repository.open(at: repo.root)
        let files = try StagedChangeReader.staged(in: repository)
        #expect(files.map(\.status) == [.renamed, .added])
        #expect(files.map(\.path.string) == ["GUIDE.md", "src/app.py"])
        #expect(files.first?.oldPath?.string == "README.md")
        #expect(files.last?.linesAdded == 1)
    }
}
