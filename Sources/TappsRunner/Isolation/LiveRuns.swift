import TappsCore
import TappsGit
import TappsSystem

extension BackupRecovery {
    /// A backup whose run is still going: its process is alive and is a git-tapps.
    public struct ActiveRun: Sendable, Equatable {
        public var reference: String
        public var processID: Int32
    }

    /// The first backup of this work tree whose run is still alive, if any. Recovering it would
    /// restore files under a running step, so callers refuse instead.
    public static func activeRun(in session: RepositorySession) -> ActiveRun? {
        for reference in BackupStore.pending(in: session.repository) {
            guard let manifest = BackupStore.manifest(at: reference, in: session.repository) else { continue }
            if ProcessLiveness.isGitTapps(manifest.processID) {
                return ActiveRun(reference: reference, processID: manifest.processID)
            }
        }
        return nil
    }
}

/// Whether a process id still belongs to a running git-tapps (pid reuse is ruled out by its command line).
enum ProcessLiveness {
    static func isGitTapps(_ pid: Int32) -> Bool {
        guard pid > 0, pid != ProcessControl.currentID else { return false }
        guard ProcessControl.exists(pid) else { return false }
        guard let commandLine = FileBytes.read("/proc/\(pid)/cmdline") else { return true }
        let first = commandLine.split(separator: 0).first.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return first.hasSuffix("git-tapps") || first.contains("git-tapps")
    }
}
