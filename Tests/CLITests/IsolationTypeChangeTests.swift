import Foundation
import Testing
import TestSupport

/// Issue 9, item 4: a path staged as a type change (file ↔ symlink) that also has an unstaged
/// change holds its staged form while the steps run, and gets the user's form back afterwards.
@Suite struct IsolationTypeChangeTests {
    static let look = RunCommandTests.step("look", ["sh", "-c",
        "mkdir -p .seen; if [ -L c ]; then echo \"link $(readlink c)\"; elif [ -f c ]; then echo \"file $(cat c)\"; else echo missing; fi > .seen/c"])

    static func repository(head: (ScratchRepository) throws -> Void) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write(".tapps.yaml", RunCommandTests.config(look))
        try repo.write(".gitignore", ".seen/\n")
        try head(repo)
        try repo.commitAll("base")
        return repo
    }

    static func link(_ repo: ScratchRepository, _ target: String) throws {
        try? FileManager.default.removeItem(atPath: repo.path("c"))
        try FileManager.default.createSymbolicLink(atPath: repo.path("c"), withDestinationPath: target)
    }

    static func file(_ repo: ScratchRepository, _ content: String) throws {
        try? FileManager.default.removeItem(atPath: repo.path("c"))
        try repo.write("c", content)
    }

    static func check(_ repo: ScratchRepository, expecting seen: String) throws {
        try repo.write(".seen/c", "")
        let before = try WorkTreeSnapshot(of: repo)
        let run = try repo.tapps(["run"])
        #expect(run.status == 0, "\(run.outputText)\(run.errorText)")
        #expect(repo.readText(".seen/c") == seen + "\n", "the step saw \(repo.readText(".seen/c") ?? "nothing")")
        let differences = try WorkTreeSnapshot(of: repo).differences(from: before).filter { $0 != ".seen/c" }
        #expect(differences.isEmpty, "\(differences)")
        #expect(try repo.git("for-each-ref", "refs/tapps/").isEmpty)
    }

    @Test func fileStagedAsASymlinkWithTheFileBackInTheWorkTree() throws {
        let repo = try Self.repository { try Self.file($0, "old content\n") }
        try Self.link(repo, "staged-target")
        try repo.git("add", "c")
        try Self.file(repo, "the user's unstaged file\n")
        try Self.check(repo, expecting: "link staged-target")
    }

    @Test func fileStagedAsASymlinkWithAnotherTargetInTheWorkTree() throws {
        let repo = try Self.repository { try Self.file($0, "old content\n") }
        try Self.link(repo, "staged-target")
        try repo.git("add", "c")
        try Self.link(repo, "unstaged-target")
        try Self.check(repo, expecting: "link staged-target")
    }

    @Test func symlinkStagedAsAFileWithASymlinkBackInTheWorkTree() throws {
        let repo = try Self.repository { try Self.link($0, "head-target") }
        try Self.file(repo, "staged file\n")
        try repo.git("add", "c")
        try Self.link(repo, "unstaged-target")
        try Self.check(repo, expecting: "file staged file")
    }

    @Test func symlinkStagedAsAFileWithOtherBytesInTheWorkTree() throws {
        let repo = try Self.repository { try Self.link($0, "head-target") }
        try Self.file(repo, "staged file\n")
        try repo.git("add", "c")
        try Self.file(repo, "unstaged edit\n")
        try Self.check(repo, expecting: "file staged file")
    }

    @Test func symlinkStagedAsAFileDeletedInTheWorkTree() throws {
        let repo = try Self.repository { try Self.link($0, "head-target") }
        try Self.file(repo, "staged file\n")
        try repo.git("add", "c")
        try FileManager.default.removeItem(atPath: repo.path("c"))
        try Self.check(repo, expecting: "file staged file")
    }
}
