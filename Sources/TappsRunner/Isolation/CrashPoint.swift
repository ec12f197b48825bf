#if canImport(Glibc)
import Glibc
#endif

/// Named points in backup, hide and restore where the fidelity tests kill git-tapps with SIGKILL,
/// to prove that `git tapps recover` brings every byte back from any of them. Inert unless
/// `TAPPS_TEST_CRASH_AT` names the point.
enum CrashPoint: String {
    case afterBackup = "after-backup"
    case midHide = "mid-hide"
    case afterHide = "after-hide"
    case midRestore = "mid-restore"
    case beforeReferenceDelete = "before-ref-delete"

    private static let armed: String? = getenv("TAPPS_TEST_CRASH_AT").map { String(cString: $0) }

    /// Kills this process at once when the point is armed.
    func reach() {
        guard let armed = Self.armed, armed == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
