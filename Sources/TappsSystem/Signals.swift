#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide signal dispositions and the one kind of thread a signal relay needs.
public enum SignalHandling {
    /// A handler that may only do async-signal-safe work (no allocation, no locks).
    public typealias Handler = @convention(c) (Int32) -> Void

    /// Installs `handler` for `signal` with `SA_RESTART` (`sigaction`).
    public static func install(_ handler: Handler, for signal: Int32) {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        action.sa_flags = SA_RESTART
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }

    /// Restores the default disposition of `signal`.
    public static func restoreDefault(for signal: Int32) { _ = Glibc.signal(signal, SIG_DFL) }

    /// Starts a detached thread running `body(argument)` (`pthread_create`); false when it could not start.
    /// `body` is a C function so that it captures nothing; `argument` is passed through unchanged.
    public static func startThread(_ body: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?,
                                   argument: UnsafeMutableRawPointer?) -> Bool {
        var thread = pthread_t()
        guard pthread_create(&thread, nil, body, argument) == 0 else { return false }
        pthread_detach(thread)
        return true
    }
}

/// The signal numbers git-tapps sends, traps and reports.
public enum SignalNumber {
    public static let interrupt: Int32 = SIGINT
    public static let terminate: Int32 = SIGTERM
    public static let hangUp: Int32 = SIGHUP
    public static let kill: Int32 = SIGKILL
}
