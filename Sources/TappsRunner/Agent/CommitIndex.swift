import TappsCore
import TappsGit
import TappsSystem

/// A temporary index holding what a `git commit` command would commit when that is not simply what is staged:
/// `-a`, paths (`--only`, `-i`), or `git add` commands before it in the same line. Built by git itself (a copy of
/// the index, or HEAD's tree for `--only`, then `git add …` with `GIT_INDEX_FILE` pointing at the copy), so the
/// real index is never written.
struct CommitIndex {
    let path: String

    /// Builds it in `<git-dir>/tapps/`; `directory` is where the commit command runs.
    static func prepare(_ commit: CommitCommand, directory: String,
                        session: RepositorySession) async throws(TappsError) -> CommitIndex {
        let gitDirectory = TextConventions.trimmingTrailingSlashes(session.repository.gitDirectory)
        let folder = gitDirectory + "/tapps"
        if let problem = StepFileSystem.createDirectories(folder) {
            throw .repository("cannot create \(folder): \(problem)")
        }
        let index = CommitIndex(path: folder + "/agent-index-\(ProcessControl.currentID)-\(UInt32.random(in: 0...UInt32.max))")
        let only = !commit.paths.isEmpty && !commit.include
        if only {
            let head = (try? session.repository.headCommitID()) ?? nil
            try await index.git(head == nil ? ["read-tree", "--empty"] : ["read-tree", "HEAD"], in: directory)
        } else {
            let bytes = FileBytes.read(session.repository.indexPath) ?? []
            if !bytes.isEmpty, let problem = StepFileSystem.write(bytes, to: index.path) {
                throw .repository("cannot copy the index to \(index.path): \(problem)")
            }
            for staging in commit.stagingBefore {
                let place = staging.directory.map { CommitCommand.join(directory, $0) } ?? directory
                try await index.git(staging.arguments, in: place)
            }
            if commit.all { try await index.git(["add", "-u", "--", ":/"], in: directory) }
        }
        if !commit.paths.isEmpty { try await index.git(["add", "--"] + commit.paths, in: directory) }
        return index
    }

    func remove() {
        FileSystem.removeIfPresent(path)
        FileSystem.removeIfPresent(path + ".lock")
    }

    private func git(_ arguments: [String], in directory: String) async throws(TappsError) {
        var environment = ProcessEnvironment.current
        environment["GIT_INDEX_FILE"] = path
        let output = path + ".out"
        defer { FileSystem.removeIfPresent(output) }
        let end = await GroupProcess.run(ProcessInvocation(
            program: "git", arguments: arguments.map { Array($0.utf8) }, environment: environment,
            workingDirectory: directory, outputPath: output, timeout: .seconds(120), terminationGrace: .seconds(2)))
        guard end == .exited(0) else {
            let message = String(decoding: FileBytes.read(output) ?? [], as: UTF8.self)
                .split(separator: "\n").first.map(String.init) ?? "\(end)"
            remove()
            throw .usage("git \(arguments.joined(separator: " ")) would fail: \(message)")
        }
    }
}
