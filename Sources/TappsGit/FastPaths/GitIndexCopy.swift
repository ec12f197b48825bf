import Synchronization

import TappsSystem

/// The fallback for an index file in a format this reader (and libgit2) does not know — a newer
/// index version or an unknown mandatory extension: git itself is asked for a plain copy
/// (`git update-index --no-split-index` on a private copy of the file, through `GIT_INDEX_FILE`),
/// which is then read here. The real index file is never rewritten from such a copy (see
/// ``IndexFile/readThroughGit``), so nothing git recorded in it is lost.
enum GitIndexCopy {
    /// The plain copy's parse, or the reason git gave for not reading the file either.
    static func plainCopy(of path: String, gitDirectory: String, because failure: IndexReadFailure) -> Result<IndexFile, GitRefusal> {
        let scratch = scratchPath()
        defer {
            FileSystem.removeIfPresent(scratch)
            FileSystem.removeIfPresent(scratch + ".lock")
        }
        guard copy(path, to: scratch) else { return .failure(GitRefusal(reason: "it could not be copied")) }
        // No hooks (`post-index-change` would run on the copy), no fsmonitor query.
        let arguments = ["git", "-c", "core.splitIndex=false", "-c", "index.sparse=false", "-c", "core.fsmonitor=false",
                         "-c", "core.hooksPath=/dev/null", "update-index", "--no-split-index", "--index-version", "2"]
        let outcome = run(arguments, environment: ["GIT_DIR": gitDirectory, "GIT_INDEX_FILE": scratch])
        guard outcome.status == 0 else {
            let said = outcome.errorText.split(separator: "\n").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
                .map { line in ["error: ", "fatal: "].first(where: line.hasPrefix).map { String(line.dropFirst($0.count)) } ?? line }
            return .failure(GitRefusal(reason: said.first.map { "git cannot read it either (\($0))" }
                                       ?? "git cannot read it either (git exited with \(outcome.status))"))
        }
        guard let file = IndexFile.readPlain(at: scratch, gitDirectory: gitDirectory),
              let original = MappedFile.modificationTime(of: path) else {
            return .failure(GitRefusal(reason: "git's plain copy of it could not be read"))
        }
        file.readThroughGit = failure
        // Entries changed in the real index's last second are racily clean, not the copy's.
        file.modified = original
        return .success(file)
    }

    /// Why git did not give a plain copy, as the end of a sentence naming the index file.
    struct GitRefusal: Error, Equatable, Sendable {
        var reason: String
    }

    private static let counter = Atomic<Int>(0)

    private static func scratchPath() -> String {
        var directory = EnvironmentVariables.value("TMPDIR") ?? "/tmp"
        if directory.isEmpty { directory = "/tmp" }
        if directory.hasSuffix("/") { directory.removeLast() }
        return directory + "/git-tapps-index-copy-\(ProcessControl.currentID)-\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    /// A private copy of `source` that keeps its times, so that git sees its racily clean entries as such.
    private static func copy(_ source: String, to destination: String) -> Bool {
        do throws(Errno) {
            let input = try Descriptor.open(source, .readOnly)
            defer { input.closeQuietly() }
            let bytes = try input.readToEnd()
            let status = try input.status()
            let output = try Descriptor.open(destination, [.writeOnly, .create, .exclusive], permissions: 0o600)
            defer { output.closeQuietly() }
            try output.writeAll(bytes)
            try output.setTimes(accessed: status.accessed, modified: status.modified)
            return true
        } catch {
            return false
        }
    }

    /// Runs `arguments` (found on PATH) with `environment` added, stdin and stdout closed, stderr kept.
    private static func run(_ arguments: [String], environment: [String: String]) -> (status: Int32, errorText: String) {
        guard let (reader, writer) = try? Descriptor.pipe() else { return (-1, "cannot create a pipe") }
        defer { reader.closeQuietly() }
        let child: Int32
        do throws(Errno) {
            child = try ProcessControl.spawn(arguments, adding: environment, input: .null, output: .null, error: .descriptor(writer))
            writer.closeQuietly()
        } catch {
            writer.closeQuietly()
            return (-1, "cannot run git: \(error)")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = (try? buffer.withUnsafeMutableBytes { buffer in Result { () throws(Errno) in try reader.read(into: buffer) } }.get()) ?? -1
            guard got > 0 else { break }
            if output.count < 1 << 16 { output += buffer[0..<got] }
        }
        let end = (try? ProcessControl.wait(for: child)) ?? .exited(0)
        return (end.shellStatus, String(decoding: output, as: UTF8.self))
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
