import Testing
import TappsCore

@Suite("FileContext")
struct FileContextTests {
    let classifier = FileClassifier(frameworkPaths: [PathPrefixOrGlob("framework/")])

    @Test("build classifies and sorts by path bytes")
    func build() {
        let context = FileContext.build(from: [
            Change.edit("src/b.py", 10, 2), Change.add("README.md", 5), Change.add("tests/test_b.py", 20),
            Change.edit("src/auth/login.py", 3, 3),
        ], classifier: classifier)
        #expect(context.hasRepository)
        #expect(context.files.map(\.path.string) == ["README.md", "src/auth/login.py", "src/b.py", "tests/test_b.py"])
        #expect(context.filesAffected == 4)
        #expect(context.linesAdded == 38 && context.linesDeleted == 5 && context.linesChanged == 43)
        #expect(context.testFiles == [RepoPath("tests/test_b.py")])
        #expect(context.securitySensitiveFiles == [RepoPath("src/auth/login.py")])
        #expect(context.securityTopics == ["auth"])
        #expect(context.sourceFiles.map(\.path.string) == ["src/auth/login.py", "src/b.py"])
        #expect(context.languages.first == "Python")
        #expect(context.addedFiles == 2)
        #expect(!context.isDocsOnly && !context.isTestsOnly && !context.isConfigOnly)
    }

    @Test("a rename carries the old path's framework and security status")
    func renames() {
        let context = FileContext.build(from: [Change.rename("framework/auth/keys.py", "lib/keys.py")], classifier: classifier)
        #expect(context.frameworkFiles == [RepoPath("lib/keys.py")])
        #expect(context.files[0].securityTopics == ["auth"])
        #expect(context.renamedFiles == 1)
    }

    @Test("only-kinds, binaries, submodules, unmerged")
    func kinds() {
        #expect(FileContext.build(from: [Change.edit("README.md", 1), Change.edit("docs/a.md", 1)], classifier: classifier).isDocsOnly)
        #expect(FileContext.build(from: [Change.edit("tests/test_a.py", 1)], classifier: classifier).isTestsOnly)
        #expect(FileContext.build(from: [Change.edit("app.yaml", 1)], classifier: classifier).isConfigOnly)
        let mixed = FileContext.build(from: [
            Change.binary("assets/a.png"), Change.submodule("vendor/lib"), Change.unmerged("src/c.py"), Change.delete("src/d.py", 9),
        ], classifier: classifier)
        #expect(mixed.binaryFiles == [RepoPath("assets/a.png")])
        #expect(mixed.submodules == [RepoPath("vendor/lib")])
        #expect(mixed.unmergedFiles == [RepoPath("src/c.py")])
        #expect(mixed.deletedFiles == 1)
        #expect(mixed.files.first { $0.change.isSubmodule }?.language == nil)
    }

    @Test("directory spread counts distinct directories and top-level directories, root as one")
    func spread() {
        let context = FileContext.build(from: [
            Change.edit("a.py", 1), Change.edit("src/x/a.py", 1), Change.edit("src/x/b.py", 1), Change.edit("src/y/c.py", 1),
            Change.edit("lib/d.py", 1),
        ], classifier: classifier)
        #expect(context.directoryCount == 4)
        #expect(context.topLevelDirectoryCount == 3)
    }

    @Test("an empty change and no repository")
    func empty() {
        let empty = FileContext.build(from: [], classifier: classifier)
        #expect(empty.isEmpty && empty.hasRepository)
        #expect(!empty.isDocsOnly && !empty.isTestsOnly && !empty.isConfigOnly)
        #expect(!FileContext.unavailable.hasRepository)
        #expect(FileContext.unavailable.isEmpty)
    }
}
