import Foundation

/// A real git repository in a fresh temporary directory, with a fixed identity and no global or
/// system configuration, for tests. Removed when the object goes away.
public final class ScratchRepository: @unchecked Sendable {
    /// The work-tree root (no trailing slash).
    public let root: String
    private let keep: Bool

    /// The environment every git and git-tapps process in tests runs with.
    public static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("GIT_") { env.removeValue(forKey: key) }
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = "Test Author"
        env["GIT_AUTHOR_EMAIL"] = "author@example.com"
        env["GIT_COMMITTER_NAME"] = "Test Committer"
        env["GIT_COMMITTER_EMAIL"] = "committer@example.com"
        env["GIT_AUTHOR_DATE"] = "2026-01-01T00:00:00Z"
        env["GIT_COMMITTER_DATE"] = "2026-01-01T00:00:00Z"
        env["NO_COLOR"] = "1"
        env["TAPPS_SKIP"] = nil
        env["SKIP"] = nil
        return env
    }()

    /// Makes `git init -b main` in a new temporary directory (set TAPPS_KEEP_SCRATCH=1 to keep it).
    /// Tests that use libgit2 in-process read git's configuration from this process's environment:
    /// point it away from the developer's global and system files too, before libgit2 starts.
    private static let isolateThisProcess: Void = {
        setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1)
        setenv("GIT_CONFIG_NOSYSTEM", "1", 1)
    }()

    public init(initialize: Bool = true) throws {
        _ = Self.isolateThisProcess
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.path
        keep = ProcessInfo.processInfo.environment["TAPPS_KEEP_SCRATCH"] == "1"
        if initialize { try git("init", "-q", "-b", "main") }
    }

    deinit {
        if !keep { try? FileManager.default.removeItem(atPath: root) }
    }

    /// The absolute path of `relative` inside the work tree.
    public func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes `content` to `relative`, creating directories.
    public func write(_ relative: String, _ content: String) throws {
        try write(relative, bytes: Array(content.utf8))
    }

    /// Writes raw bytes to a path given as raw bytes (for non-UTF-8 names).
    public func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes to a path given as raw bytes, relative to the root (any bytes but NUL and '/').
    public func write(rawName: [UInt8], bytes content: [UInt8]) throws {
        let full = Array(root.utf8) + [UInt8(ascii: "/")] + rawName + [0]
        let fd = full.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
        }
        guard fd >= 0 else { throw ScratchError.io("cannot create raw-named file") }
        defer { close(fd) }
        _ = content.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    }

    /// The bytes of `relative`, or nil if it does not exist.
    public func read(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path(relative)).map { Array($0) }
    }

    /// The text of `relative`, or nil.
    public func readText(_ relative: String) -> String? {
        read(relative).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs git in the work tree; throws when it exits non-zero. Returns stdout as text.
    @discardableResult
    public func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try git(arguments, environment: environment)
    }

    /// Runs git with an argument array; throws when it exits non-zero. Returns stdout as text.
    @discardableResult
    public func git(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> String {
        let result = try ProcessRunner.run("/usr/bin/env", ["git"] + arguments, directory: directory ?? root,
                                           environment: Self.environment.merging(environment) { $1 })
        guard result.status == 0 else {
            throw ScratchError.command("git \(arguments.joined(separator: " ")) exited \(result.status): \(result.errorText)")
        }
        return result.outputText
    }

    /// Runs git and returns raw stdout bytes (for `-z` output with any bytes in names).
    public func gitBytes(_ arguments: [String], environment: [String: String] = [:]) throws -> [UInt8] {
        let result = try ProcessRunner.run("/usr/bin/env", ["git"] + arguments, directory: root,
                                           environment: Self.environment.merging(environment) { $1 })
        guard result.status == 0 else { throw ScratchError.command("git \(arguments) exited \(result.status)") }
        return result.output
    }

    /// `git add -A && git commit -m message` (hooks bypassed).
    public func commitAll(_ message: String = "commit") throws {
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "--allow-empty", "-m", message)
    }

    /// Runs the built `git-tapps` in `directory` (default: the root).
    public func tapps(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil,
                      input: [UInt8]? = nil) throws -> ProcessResult {
        try ProcessRunner.run(TestPaths.executable, arguments, directory: directory ?? root,
                              environment: Self.environment.merging(environment) { $1 })
    }
}

public enum ScratchError: Error, CustomStringConvertible {
    case command(String)
    case io(String)

    public var description: String {
        switch self {
        case .command(let text), .io(let text): text
        }
    }
}
