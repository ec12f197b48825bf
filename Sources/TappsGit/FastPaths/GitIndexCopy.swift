import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            unlink(scratch)
            unlink(scratch + ".lock")
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
        var directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if directory.isEmpty { directory = "/tmp" }
        if directory.hasSuffix("/") { directory.removeLast() }
        return directory + "/git-tapps-index-copy-\(getpid())-\(counter.wrappingAdd(1, ordering: .relaxed).newValue)"
    }

    private static func copy(_ source: String, to destination: String) -> Bool {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return false }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { return false }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { return false }
            if got == 0 {
                // The copy keeps the original's times, so that git sees its racily clean entries as such.
                var status = stat()
                guard fstat(input, &status) == 0 else { return false }
                var times = [status.st_atim, status.st_mtim]
                return futimens(output, &times) == 0
            }
            var written = 0
            while written < got {
                let wrote = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, got - written) }
                if wrote < 0, errno == EINTR { continue }
                guard wrote > 0 else { return false }
                written += wrote
            }
        }
    }

    /// Runs `arguments` (found on PATH) with `environment` added, stdin and stdout closed, stderr kept.
    private static func run(_ arguments: [String], environment: [String: String]) -> (status: Int32, errorText: String) {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return (-1, "cannot create a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 2)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])

        var variables: [String] = []
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? text
            if environment[name] == nil { variables.append(text) }
            index += 1
        }
        variables += environment.map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child = pid_t()
        let spawned = posix_spawnp(&child, arguments[0], &actions, nil, argv, envp)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard spawned == 0 else { return (-1, "cannot run git: " + String(cString: strerror(spawned))) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            if output.count < 1 << 16 { output += buffer[0..<got] }
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), String(decoding: output, as: UTF8.self))
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
