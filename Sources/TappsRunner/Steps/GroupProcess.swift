import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif
import TappsSystem

/// One command invocation: a program started in its own process group with stdout and stderr appended to a file.
struct ProcessInvocation: Sendable {
    /// A program name looked up on the environment's PATH, or an absolute path.
    var program: String
    var arguments: [[UInt8]]
    var environment: [String: String]
    var workingDirectory: String
    /// The file that receives stdout and stderr (appended, interleaved as written).
    var outputPath: String
    var timeout: Duration?
    /// How long the group gets between SIGTERM and SIGKILL.
    var terminationGrace: Duration
}

/// How an invocation ended.
enum ProcessEnd: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    /// The timeout expired; the whole group was sent SIGTERM, then SIGKILL.
    case timedOut
    /// The calling task was cancelled; the whole group was terminated.
    case interrupted
    /// No such program on PATH (or at the given path).
    case notFound
    /// Starting failed. `resourceShortage` is true for EAGAIN/EMFILE/ENFILE/ENOMEM: worth retrying alone.
    case couldNotStart(String, resourceShortage: Bool)

    /// True when the program ran to an end of its own (so the next chunk of files may run too).
    var ran: Bool {
        switch self {
        case .exited, .signalled: true
        case .timedOut, .interrupted, .notFound, .couldNotStart: false
        }
    }
}

/// Starts programs in their own process group so that a timeout or an interrupt can end everything they spawned.
enum GroupProcess {
    static func run(_ invocation: ProcessInvocation) async -> ProcessEnd {
        let fd: CInt
        do throws(Errno) {
            fd = try Descriptor.open(invocation.outputPath, [.writeOnly, .create, .append], permissions: 0o600).rawValue
        } catch {
            return .couldNotStart("cannot open the output file \(invocation.outputPath): \(error)",
                                  resourceShortage: isResourceShortage(error.rawValue))
        }
        let program = ExecutableLookup.resolve(invocation.program, path: invocation.environment["PATH"]) ?? invocation.program
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let options = platformOptions(grace: invocation.terminationGrace)
        // Subprocess hands raw byte strings to strdup: each needs its own NUL terminator.
        let environment: Environment = .custom(invocation.environment.map { Array("\($0.key)=\($0.value)".utf8) + [0] })
        let arguments = Arguments(invocation.arguments.map { $0 + [0] })
        let shared = InvocationState()

        let end: ProcessEnd = await withTaskGroup(of: ProcessEnd?.self) { tasks in
            tasks.addTask {
                do {
                    // The file descriptor is closed by Subprocess once the child has it (or spawning failed).
                    let result = try await Subprocess.run(
                        executable, arguments: arguments, environment: environment,
                        workingDirectory: FilePath(invocation.workingDirectory), platformOptions: options,
                        input: .none, output: .fileDescriptor(FileDescriptor(rawValue: fd), closeAfterSpawningProcess: true),
                        error: .combinedWithOutput
                    ) { execution in
                        shared.leader.withLock { $0 = execution.processIdentifier.value }
                    }
                    switch result.terminationStatus {
                    case .exited(let code): return .exited(code)
                    case .signaled(let signal): return .signalled(signal)
                    }
                } catch let error as SubprocessError {
                    return classify(error)
                } catch {
                    return .couldNotStart("\(error)", resourceShortage: false)
                }
            }
            if let timeout = invocation.timeout {
                tasks.addTask {
                    do { try await Task.sleep(for: timeout) } catch { return nil }
                    // Spawning may still be under way; the timer ends (cancelled) if it fails.
                    var started = shared.leader.withLock { $0 }
                    while started == nil {
                        do { try await Task.sleep(for: .milliseconds(10)) } catch { return nil }
                        started = shared.leader.withLock { $0 }
                    }
                    guard let leader = started else { return nil }
                    shared.timedOut.store(true, ordering: .relaxed)
                    ProcessGroupSignal.send(SignalNumber.terminate, to: leader)
                    do { try await Task.sleep(for: invocation.terminationGrace) } catch { return nil }
                    ProcessGroupSignal.send(SignalNumber.kill, to: leader)
                    return nil
                }
            }
            var end: ProcessEnd = .couldNotStart("the process did not report how it ended", resourceShortage: false)
            for await item in tasks {
                if let item {
                    end = item
                    tasks.cancelAll()
                }
            }
            return end
        }
        // Whatever the leader did, nothing it started may outlive the step.
        if let leader = shared.leader.withLock({ $0 }) { ProcessGroupSignal.send(SignalNumber.kill, to: leader) }
        if Task.isCancelled { return .interrupted }
        if shared.timedOut.load(ordering: .relaxed) { return .timedOut }
        return end
    }

    /// A new process group led by the child, so that signals reach everything it starts; on cancellation the group
    /// gets SIGTERM, then SIGKILL.
    private static func platformOptions(grace: Duration) -> PlatformOptions {
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: grace)]
        return options
    }

    private static func classify(_ error: SubprocessError) -> ProcessEnd {
        if error.code == .executableNotFound { return .notFound }
        if let underlying = error.underlyingError {
            if error.code == .spawnFailed, underlying == .noSuchFileOrDirectory { return .notFound }
            return .couldNotStart(error.description, resourceShortage: isResourceShortage(underlying.rawValue))
        }
        return .couldNotStart(error.description, resourceShortage: false)
    }

    static func isResourceShortage(_ code: Int32) -> Bool {
        let shortages: [Errno] = [.resourceTemporarilyUnavailable, .tooManyOpenFiles, .tooManyOpenFilesInSystem, .noMemory]
        return shortages.contains(Errno(rawValue: code))
    }
}

/// Signals to a whole process group.
enum ProcessGroupSignal {
    /// Sends `signal` to the group led by `leader`; a group that is already gone is not an error.
    static func send(_ signal: Int32, to leader: pid_t) {
        guard leader > 0 else { return }
        try? ProcessControl.send(signal, toGroup: leader)
    }
}

/// What the spawning task and the timer task of one invocation share.
private final class InvocationState: Sendable {
    /// The process group's leader, once spawned.
    let leader = Mutex<pid_t?>(nil)
    let timedOut = Atomic(false)
}
