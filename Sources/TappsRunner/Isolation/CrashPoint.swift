import Synchronization
import TappsSystem

/// Named points in backup, hide and restore where the fidelity tests and the fault soak stop
/// git-tapps, to prove that `git tapps recover` brings every byte back from any of them. Inert
/// unless `TAPPS_TEST_CRASH_AT` names the point.
///
/// `TAPPS_TEST_CRASH_AT=<point>[@<n>][:<signal>][,…]` fires at the n-th time the point is reached (default
/// the first) and sends `signal` (`KILL` — the default —, `INT`, `TERM` or `HUP`) to this process; a
/// catchable signal lets the run go on to handle it as a real one would. `TAPPS_TEST_WRITE_DELAY_MS`
/// slows every work-tree write down (half before, half inside it) so that a signal sent from outside
/// at a random moment lands in hiding and restoring often.
enum CrashPoint: String {
    case afterBackup = "after-backup"
    case midHide = "mid-hide"
    case afterHide = "after-hide"
    case midRestore = "mid-restore"
    case beforeReferenceDelete = "before-ref-delete"
    /// Inside a work-tree write: the temporary file is complete, the rename has not happened.
    case midWrite = "mid-write"
    /// While a checkpoint is written (after its objects, before its reference moves).
    case midCheckpoint = "mid-checkpoint"
    /// The backup is marked applied and its reference is about to be deleted.
    case inReferenceDelete = "in-ref-delete"

    private struct Armed {
        var point: String
        var occurrence: Int
        var signal: Int32
    }

    /// Every armed point (several may be given, separated by commas).
    private static let armed: [Armed] = {
        guard let raw = EnvironmentVariables.value("TAPPS_TEST_CRASH_AT") else { return [] }
        return raw.split(separator: ",").map { item in
            var text = item
            var signal = SignalNumber.kill
            if let colon = text.lastIndex(of: ":") {
                switch text[text.index(after: colon)...] {
                case "INT": signal = SignalNumber.interrupt
                case "TERM": signal = SignalNumber.terminate
                case "HUP": signal = SignalNumber.hangUp
                default: signal = SignalNumber.kill
                }
                text = text[..<colon]
            }
            var occurrence = 1
            if let at = text.lastIndex(of: "@") {
                occurrence = Int(text[text.index(after: at)...]) ?? 1
                text = text[..<at]
            }
            return Armed(point: String(text), occurrence: max(1, occurrence), signal: signal)
        }
    }()

    private static let reached = Mutex<[String: Int]>([:])

    /// Sends the armed signal to this process when this is an armed point and occurrence.
    func reach() {
        guard !Self.armed.isEmpty else { return }
        let count = Self.reached.withLock { counts in
            counts[rawValue, default: 0] += 1
            return counts[rawValue, default: 0]
        }
        for armed in Self.armed where armed.point == rawValue && armed.occurrence == count {
            ProcessControl.raiseSignal(armed.signal)
            // The handler records a catchable signal at once; give the relay thread a moment so that the
            // run reacts at this point, as it would to a real one.
            if armed.signal != SignalNumber.kill { ProcessControl.sleep(microseconds: 20_000) }
        }
    }

    private static let writeDelay: UInt32 = {
        guard let raw = EnvironmentVariables.value("TAPPS_TEST_WRITE_DELAY_MS"), let value = UInt32(raw) else { return 0 }
        return min(value, 2_000) * 1000
    }()

    /// Sleeps for half the test write delay (none unless `TAPPS_TEST_WRITE_DELAY_MS` is set).
    static func slowWrite() {
        if writeDelay > 0 { ProcessControl.sleep(microseconds: writeDelay / 2) }
    }
}
