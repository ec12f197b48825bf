import TappsCore
import TappsGit
import TappsSystem

/// `<git-common-dir>/tapps/agent-hook.log`: what `agent-hook` could not read, so a broken hook set-up can be found
/// after the fact (the agent itself was let through).
enum AgentHookLog {
    /// Appends one line (time, message, the payload's first 500 bytes); silent when there is no repository.
    static func append(_ message: String, payload: [UInt8], directory: String?) {
        guard let repository = try? Repository.discover(from: directory) else { return }
        let common = TextConventions.trimmingTrailingSlashes(repository.commonDirectory)
        let folder = common + "/tapps"
        guard StepFileSystem.createDirectories(folder) == nil else { return }
        let excerpt = String(decoding: payload.prefix(500), as: UTF8.self)
            .map { $0 == "\n" || $0 == "\r" ? " " : $0 }
        let line = "\(ISOTime.string(epoch: ISOTime.nowEpoch)) \(message) — payload: \(String(excerpt))\n"
        try? FileContents.append(Array(line.utf8), to: folder + "/agent-hook.log", permissions: 0o644)
    }
}
