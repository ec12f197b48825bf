import TappsCore
import TappsGit

#if canImport(Glibc)
import Glibc
#endif

/// The environment steps of one run share, and the scratch directory it uses.
enum RunEnvironment {
    static func make(session: RepositorySession, runID: String) -> StepEnvironment {
        var common = session.repository.commonDirectory
        if common.count > 1, common.hasSuffix("/") { common.removeLast() }
        var gitDirectory = session.repository.gitDirectory
        if gitDirectory.count > 1, gitDirectory.hasSuffix("/") { gitDirectory.removeLast() }
        return StepEnvironment(root: session.root, runID: runID, gitCommonDirectory: common,
                               baseEnvironment: ProcessEnvironment.current,
                               tokenReportDirectory: gitDirectory + "/tapps/runs/" + runID)
    }

    /// Removes the run's scratch directory (token reports were already read).
    static func cleanUp(_ environment: StepEnvironment) {
        let directory = environment.tokenReportDirectory
        if let entries = try? DirectoryListing.names(in: directory) {
            for name in entries { unlink(directory + "/" + name) }
        }
        rmdir(directory)
    }
}

/// The process environment as a dictionary, without Foundation.
enum ProcessEnvironment {
    static var current: [String: String] {
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

/// Directory entries without Foundation.
enum DirectoryListing {
    struct Failure: Error {}

    static func names(in directory: String) throws -> [String] {
        guard let handle = opendir(directory) else { throw Failure() }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
