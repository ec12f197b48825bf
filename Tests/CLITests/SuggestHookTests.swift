import Foundation
import Testing
import TestSupport

/// `suggest` inside a real pre-commit hook, where git hands over a temporary index through
/// `GIT_INDEX_FILE`: what it reports must be what `git diff --cached` says in that same hook.
@Suite struct SuggestHookTests {
    /// Installs a hook that records git-tapps' answer and git's, then runs `git commit arguments`.
    private func commitCapturing(_ repo: ScratchRepository, _ arguments: [String]) throws -> HookCapture {
        let output = try ScratchRepository(initialize: false)
        let hook = """
            #!/bin/sh
            "$TAPPS_BIN" suggest --format json > "$CAPTURE/tapps.json" 2> "$CAPTURE/tapps.err"
            echo $? > "$CAPTURE/tapps.status"
            git diff --cached --name-status -z > "$CAPTURE/names"
            git diff --cached --numstat -z > "$CAPTURE/numstat"
            printf '%s' "$GIT_INDEX_FILE" > "$CAPTURE/index"
            """
        try repo.write(".git/hooks/pre-commit", hook)
        chmod(repo.path(".git/hooks/pre-commit"), 0o755)
        try repo.git(["commit", "-q", "-m", "hooked"] + arguments,
                     environment: ["TAPPS_BIN": TestPaths.executable, "CAPTURE": output.root])
        let read = { (name: String) in output.read(name) ?? [] }
        return HookCapture(status: String(decoding: read("tapps.status"), as: UTF8.self),
                           error: String(decoding: read("tapps.err"), as: UTF8.self),
                           tapps: try Parity.tapps(read("tapps.json")),
                           git: Parity.join(nameStatus: read("names"), numstat: read("numstat")),
                           indexFile: String(decoding: read("index"), as: UTF8.self),
                           keep: output)
    }

    private struct HookCapture {
        var status: String
        var error: String
        var tapps: [StagedRecord]
        var git: [StagedRecord]
        var indexFile: String
        var keep: ScratchRepository
    }

    private func repositoryWithWork() throws -> ScratchRepository {
        let repo = try ScratchRepository()
        try repo.write("staged.txt", "one\n")
        try repo.write("unstaged.txt", "one\n")
        try repo.write("nested/path/file.py", "x = 1\n")
        try repo.write("gone.txt", "bye\n")
        try repo.commitAll("base")
        try repo.write("staged.txt", "one\ntwo\n")
        try repo.git("add", "staged.txt")
        try repo.write("unstaged.txt", "one\nchanged but not added\n")
        try repo.write("nested/path/file.py", "x = 2\ny = 3\n")
        try FileManager.default.removeItem(atPath: repo.path("gone.txt"))
        return repo
    }

    @Test func commitAllSeesTheTemporaryIndex() throws {
        let repo = try repositoryWithWork()
        let capture = try commitCapturing(repo, ["-a"])
        #expect(capture.status == "0\n", "\(capture.error)")
        #expect(!capture.indexFile.isEmpty)
        #expect(capture.tapps == capture.git)
        // `commit -a` stages every tracked change for the hook, not just what was added.
        #expect(capture.git.map { String(decoding: $0.path, as: UTF8.self) }
                == ["gone.txt", "nested/path/file.py", "staged.txt", "unstaged.txt"])
    }

    @Test func commitWithPathsSeesOnlyThosePaths() throws {
        let repo = try repositoryWithWork()
        let capture = try commitCapturing(repo, ["nested/path/file.py"])
        #expect(capture.status == "0\n", "\(capture.error)")
        #expect(capture.indexFile.contains("next-index") || !capture.indexFile.hasSuffix("/index"))
        #expect(capture.tapps == capture.git)
        #expect(capture.git.map { String(decoding: $0.path, as: UTF8.self) } == ["nested/path/file.py"])
    }

    @Test func plainCommitMatchesGit() throws {
        let repo = try repositoryWithWork()
        let capture = try commitCapturing(repo, [])
        #expect(capture.status == "0\n", "\(capture.error)")
        #expect(capture.tapps == capture.git)
        #expect(capture.git.map { String(decoding: $0.path, as: UTF8.self) } == ["staged.txt"])
    }
}
