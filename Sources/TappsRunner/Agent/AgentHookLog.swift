import TappsCore
import TappsGit

#if canImport(Glibc)
import Glibc
#endif

/// `<git-common-dir>/tapps/agent-hook.log`: what `agent-hook` could not read, so a broken hook set-up can be found
/// after the fact (the agent itself was let through).
enum AgentHookLog {
    /// Appends one line (time, message, the payload's first 500 bytes); silent when there is no repository.
    static func append(_ message: String, payload: [UInt8], directory: String?) {
        guard let repository = try? Repository.discover(from: directory) else { return }
        var common = repository.commonDirectory
        if common.hasSuffix("/") { common.removeLast() }
        let folder = common + "/tapps"
        guard StepFileSystem.createDirectories(folder) == nil else { return }
        let excerpt = String(decoding: payload.prefix(500), as: UTF8.self)
            .map { $0 == "\n" || $0 == "\r" ? " " : $0 }
        let line = "\(ISOTime.string(epoch: ISOTime.nowEpoch)) \(message) — payload: \(String(excerpt))\n"
        let fd = open(folder + "/agent-hook.log", O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = Array(line.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }
}
