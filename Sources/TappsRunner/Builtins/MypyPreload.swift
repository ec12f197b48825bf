import TappsCore
import TappsSystem

/// mypy's warm start: the built-in mypy runs through a small client that hands the run to a server of the same
/// interpreter which has already imported mypy, and gets back mypy's own output and exit code. The run is the
/// `mypy` console script's, forked instead of started, so its verdict is the plain run's; it skips mypy's import
/// (about a quarter of a second, most of a warm run). The server starts on the first run and ends after 15 idle
/// minutes or as soon as the interpreter's packages change; whenever it is missing or in doubt, the client execs the
/// plain `mypy` script.
enum MypyPreload {
    /// The warm start is used: `builtins: {mypy: {preload: …}}` when set; otherwise on, except when `CI` is set
    /// (a one-off machine never reuses the server) or `TAPPS_MYPY_PRELOAD=0`.
    static func isEnabled(configured: Bool?, environment: [String: String]) -> Bool {
        if let configured { return configured }
        if environment["TAPPS_MYPY_PRELOAD"] == "0" { return false }
        if let ci = environment["CI"], !ci.isEmpty, !["0", "false", "no"].contains(ci.lowercased()) { return false }
        return true
    }

    /// `invocation` run through the warm start, or nil when it cannot be: the tool is not a Python console script
    /// (a binary, an interpreter with options on its `#!` line, a pyenv shim whose choice is not plain) or no private
    /// directory can be had. A pyenv shim is replaced by the script it would run (see ``PyenvShim``).
    static func wrap(_ invocation: BuiltinInvocation, root: String, environment: [String: String]) -> BuiltinInvocation? {
        var tool = invocation.program
        var found = interpreter(ofScript: tool)
        if found == nil, let target = PyenvShim.target(of: tool, root: root, environment: environment) {
            tool = target
            found = interpreter(ofScript: target)
        }
        guard let interpreter = found,
              let directory = privateDirectory(environment: environment),
              let script = installScript(in: directory) else { return nil }
        var wrapped = invocation
        wrapped.program = interpreter
        wrapped.arguments = ["-S", "-E", script, tool] + invocation.arguments
        return wrapped
    }

    /// The interpreter on the script's `#!` line when it is an absolute path with no options.
    static func interpreter(ofScript path: String) -> String? {
        guard let bytes = FileBytes.read(path), bytes.starts(with: Array("#!".utf8)) else { return nil }
        let line = bytes.dropFirst(2).prefix { $0 != UInt8(ascii: "\n") }
        let words = line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 13 })
        guard words.count == 1, let word = words.first, word.first == UInt8(ascii: "/") else { return nil }
        let interpreter = String(decoding: word, as: UTF8.self)
        let name = interpreter.split(separator: "/").last.map(String.init) ?? ""
        guard name.hasPrefix("python"), FileSystem.mayExecute(interpreter) else { return nil }
        return interpreter
    }

    /// `$XDG_RUNTIME_DIR/git-tapps-<uid>` (else under `TMPDIR` or `/tmp`), created with mode 700; nil unless it is a
    /// directory of ours that nobody else can write, and short enough for the server's socket path.
    static func privateDirectory(environment: [String: String]) -> String? {
        let base = [environment["XDG_RUNTIME_DIR"], environment["TMPDIR"]].compactMap { $0 }.first { $0.hasPrefix("/") }
            ?? "/tmp"
        let directory = TextConventions.trimmingTrailingSlashes(base) + "/git-tapps-\(ProcessControl.userID)"
        // sockaddr_un holds 108 bytes: the socket's name adds 30.
        guard directory.utf8.count <= 70 else { return nil }
        do throws(Errno) {
            try FileSystem.makeDirectory(directory, permissions: 0o700)
        } catch where error != .fileExists {
            return nil
        } catch {}
        guard let info = try? FileSystem.linkStatus(directory), info.isDirectory, info.userID == ProcessControl.userID,
              info.mode & 0o077 == 0 else { return nil }
        return directory
    }

    /// The script's path in `directory`, named by its content so that a newer git-tapps never runs an older one.
    static func installScript(in directory: String) -> String? {
        let path = directory + "/" + scriptName
        if FileBytes.read(path) == scriptBytes { return path }
        return StepFileSystem.replace(path, with: scriptBytes) == nil ? path : nil
    }

    private static let scriptBytes = Array(MypyPreloadScript.source.utf8)
    /// Hashed once per process, not per run.
    private static let scriptName = "mypy-preload-" + String(SHA256.hex(scriptBytes).prefix(16)) + ".py"
}
