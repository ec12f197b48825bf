import Synchronization
import TappsSystem

/// Catches SIGINT, SIGTERM and SIGHUP for the whole of a run — recovery of leftovers, hiding, steps,
/// restoring, the checkpoint — so that the user's work is restored and the checkpoint written
/// before exiting (130/143). Further signals are absorbed, never fatal: a second Ctrl-C must not cut
/// a restore or a checkpoint write short.
///
/// The handler itself only records the signal (in an atomic, so ``received`` knows at once — the
/// scheduler starts no step after it) and wakes a relay thread through a pipe; the relay calls the
/// ``onSignal(_:)`` body outside signal context.
final class SignalTrap: @unchecked Sendable {
    private struct State {
        var first: Int32?
        var handler: (@Sendable (Int32) -> Void)?
    }
    private let state = Mutex(State())
    private let baseCount: UInt64

    init() {
        baseCount = SignalRelay.install()
        SignalRelay.register(self)
    }

    /// Called once, with the first signal (at once if one came before).
    func onSignal(_ body: @escaping @Sendable (Int32) -> Void) {
        let pending: Int32? = state.withLock {
            $0.handler = body
            return $0.first
        }
        if let pending { body(pending) }
    }

    /// The first signal received, if any (SIGHUP is reported as SIGTERM). True from the moment the
    /// handler ran, before the relay thread has woken.
    var received: Int32? {
        let number = state.withLock { $0.first } ?? SignalRelay.signalSince(baseCount)
        return number.map { $0 == SignalNumber.hangUp ? SignalNumber.terminate : $0 }
    }

    fileprivate func deliver(_ number: Int32) {
        let body: (@Sendable (Int32) -> Void)? = state.withLock {
            guard $0.first == nil else { return nil }
            $0.first = number
            return $0.handler
        }
        body?(number)
    }

    /// Stops catching (the default dispositions come back once no trap is left).
    func restore() {
        SignalRelay.unregister(self)
    }
}

/// Signals seen by the handler: how many (to tell which came after a trap was made) and the latest.
private let signalCount = Atomic<UInt64>(0)
private let latestSignal = Atomic<Int32>(0)
/// The write end of the relay pipe (-1 before the first trap).
private let relayPipe = Atomic<Int32>(-1)

/// The process-wide half of ``SignalTrap``: the `sigaction` handler, the pipe and the relay thread.
private enum SignalRelay {
    static let numbers = [SignalNumber.interrupt, SignalNumber.terminate, SignalNumber.hangUp]
    private static let traps = Mutex<[ObjectIdentifier: SignalTrap]>([:])

    /// Installs the handler (and, the first time, the pipe and the relay thread); returns the
    /// current signal count.
    static func install() -> UInt64 {
        let count = signalCount.load(ordering: .sequentiallyConsistent)
        _ = latestSignal.load(ordering: .relaxed)
        traps.withLock { _ in
            if relayPipe.load(ordering: .sequentiallyConsistent) < 0 { startRelay() }
        }
        for number in numbers {
            SignalHandling.install({ number in
                latestSignal.store(number, ordering: .sequentiallyConsistent)
                signalCount.wrappingAdd(1, ordering: .sequentiallyConsistent)
                let fd = relayPipe.load(ordering: .sequentiallyConsistent)
                if fd >= 0 { Descriptor(rawValue: fd).writeFromSignalHandler(UInt8(truncatingIfNeeded: number)) }
            }, for: number)
        }
        return count
    }

    static func signalSince(_ base: UInt64) -> Int32? {
        signalCount.load(ordering: .sequentiallyConsistent) == base ? nil : latestSignal.load(ordering: .sequentiallyConsistent)
    }

    static func register(_ trap: SignalTrap) {
        traps.withLock { $0[ObjectIdentifier(trap)] = trap }
    }

    static func unregister(_ trap: SignalTrap) {
        traps.withLock { traps in
            traps[ObjectIdentifier(trap)] = nil
            guard traps.isEmpty else { return }
            for number in numbers { SignalHandling.restoreDefault(for: number) }
        }
    }

    private static func relay(_ number: Int32) {
        let current = traps.withLock { Array($0.values) }
        for trap in current { trap.deliver(number) }
    }

    private static func startRelay() {
        guard let (reader, writer) = try? Descriptor.pipe() else { return }
        try? writer.setNonBlocking()
        let argument = UnsafeMutableRawPointer(bitPattern: Int(reader.rawValue) + 1)
        let started = SignalHandling.startThread({ argument in
            let reader = Descriptor(rawValue: Int32(Int(bitPattern: argument) - 1))
            var byte: UInt8 = 0
            while true {
                // `read(into:)` retries EINTR; the loop ends when the pipe fails or closes.
                let count = withUnsafeMutableBytes(of: &byte) { buffer in try? reader.read(into: buffer) }
                guard count == 1 else { return nil }
                SignalRelay.relay(Int32(byte))
            }
        }, argument: argument)
        guard started else {
            reader.closeQuietly()
            writer.closeQuietly()
            return
        }
        relayPipe.store(writer.rawValue, ordering: .sequentiallyConsistent)
    }
}
