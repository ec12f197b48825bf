import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Catches SIGINT and SIGTERM for the duration of a run so that the user's work is restored
/// before exiting (130/143). Further signals while restoring are absorbed, never fatal: a second
/// Ctrl-C must not cut a restore short.
final class SignalTrap: @unchecked Sendable {
    private let queue = DispatchQueue(label: "git-tapps.signals")
    private var sources: [any DispatchSourceSignal] = []
    private struct State {
        var first: Int32?
        var handler: (@Sendable (Int32) -> Void)?
    }
    private let state = Mutex(State())

    init() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.deliver(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Called once, with the first signal.
    func onSignal(_ body: @escaping @Sendable (Int32) -> Void) {
        let pending: Int32? = state.withLock {
            $0.handler = body
            return $0.first
        }
        if let pending { body(pending) }
    }

    /// The first signal received, if any (SIGHUP is reported as SIGTERM).
    var received: Int32? { state.withLock { $0.first.map { $0 == SIGHUP ? SIGTERM : $0 } } }

    private func deliver(_ number: Int32) {
        let body: (@Sendable (Int32) -> Void)? = state.withLock {
            guard $0.first == nil else { return nil }
            $0.first = number
            return $0.handler
        }
        body?(number)
    }

    /// Puts the default dispositions back.
    func restore() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }
}
