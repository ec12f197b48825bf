#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process, other processes, and starting a child by hand (for the few places that cannot
/// use swift-subprocess: a fast path that must not start threads).
public enum ProcessControl {
    /// This process's id (`getpid`).
    @inlinable public static var currentID: Int32 { getpid() }

    /// This process's real user id (`getuid`).
    @inlinable public static var userID: UInt32 { UInt32(getuid()) }

    /// Sends `signal` to process `id` (`kill`).
    @inlinable public static func send(_ signal: Int32, to id: Int32) throws(Errno) {
        try nothingOrErrno { kill(id, signal) }
    }

    /// Sends `signal` to every process in the group led by `leader` (`killpg`).
    @inlinable public static func send(_ signal: Int32, toGroup leader: Int32) throws(Errno) {
        try nothingOrErrno { killpg(leader, signal) }
    }

    /// Whether a process with this id exists (`kill(id, 0)`; one we may not signal still exists).
    @inlinable public static func exists(_ id: Int32) -> Bool {
        kill(id, 0) == 0 || errno == EPERM
    }

    /// Sends `signal` to this process and returns (unless it kills us).
    @inlinable public static func raiseSignal(_ signal: Int32) { _ = kill(getpid(), signal) }

    /// Sleeps the calling thread for `microseconds` (`usleep`).
    @inlinable public static func sleep(microseconds: UInt32) { _ = usleep(microseconds) }

    /// Where a child's standard stream goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// The same stream as ours.
        case inherited
        /// This descriptor (duplicated onto the stream in the child).
        case descriptor(Descriptor)
    }

    /// How a child ended.
    @frozen public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)

        /// The status a shell reports: the exit code, or 128 + the signal.
        @inlinable public var shellStatus: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// Starts `arguments[0]` (looked up on PATH) with `arguments`, this process's environment with
    /// `environment` added or replaced, and the given standard streams (`posix_spawnp`). Returns the
    /// child's id; wait for it with ``wait(for:)``.
    public static func spawn(_ arguments: [String], adding environment: [String: String] = [:],
                             input: Stream = .inherited, output: Stream = .inherited,
                             error: Stream = .inherited) throws(Errno) -> Int32 {
        guard let program = arguments.first else { throw .invalidArgument }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var toClose: Set<CInt> = []
        for (target, stream) in [(CInt(0), input), (1, output), (2, error)] {
            switch stream {
            case .inherited: break
            case .null: posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            case .descriptor(let descriptor):
                posix_spawn_file_actions_adddup2(&actions, descriptor.rawValue, target)
                if descriptor.rawValue > 2 { toClose.insert(descriptor.rawValue) }
            }
        }
        for descriptor in toClose.sorted() { posix_spawn_file_actions_addclose(&actions, descriptor) }

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
        let spawned = posix_spawnp(&child, program, &actions, nil, argv, envp)
        guard spawned == 0 else { throw Errno(rawValue: spawned) }
        return child
    }

    /// Waits for child `id` to end (`waitpid`, retrying `EINTR`).
    public static func wait(for id: Int32) throws(Errno) -> Termination {
        var status: Int32 = 0
        _ = try valueOrErrno { waitpid(id, &status, 0) }
        return status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    }
}

/// This process's environment variables.
public enum EnvironmentVariables {
    /// The value of `name`, or nil when it is not set (`getenv`).
    @inlinable public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Sets `name` to `value`, replacing it (`setenv`).
    public static func set(_ name: String, to value: String) { _ = setenv(name, value, 1) }

    /// Removes `name` (`unsetenv`).
    public static func remove(_ name: String) { _ = unsetenv(name) }
}

/// Limits of this machine and system (`sysconf`).
public enum SystemLimits {
    /// The number of online cores, at least 1.
    public static var onlineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
    /// The most bytes of arguments and environment an `exec` accepts (`ARG_MAX`).
    public static var argumentBytes: Int { Int(sysconf(Int32(_SC_ARG_MAX))) }
}

/// Names of this machine.
public enum MachineNames {
    /// The host name (`gethostname`), or nil when it cannot be read.
    public static var hostName: String? {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension EnvironmentVariables {
    /// Every variable of this process's environment (`environ`).
    public static var all: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

extension ProcessControl {
    /// Ends this process with `status` (`exit`: buffered output is flushed, `atexit` handlers run).
    public static func exit(_ status: Int32) -> Never { Glibc.exit(status) }
}
