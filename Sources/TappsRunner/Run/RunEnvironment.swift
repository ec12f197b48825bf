import TappsCore
import TappsGit
import TappsSystem

/// The environment steps of one run share, and the scratch directory it uses.
enum RunEnvironment {
    static func make(session: RepositorySession, runID: String) -> StepEnvironment {
        let common = TextConventions.trimmingTrailingSlashes(session.repository.commonDirectory)
        let gitDirectory = TextConventions.trimmingTrailingSlashes(session.repository.gitDirectory)
        return StepEnvironment(root: session.root, runID: runID, gitCommonDirectory: common,
                               baseEnvironment: ProcessEnvironment.current,
                               tokenReportDirectory: gitDirectory + "/tapps/runs/" + runID)
    }

    /// Removes the run's scratch directory (token reports were already read).
    static func cleanUp(_ environment: StepEnvironment) {
        let directory = environment.tokenReportDirectory
        if let entries = try? DirectoryListing.names(in: directory) {
            for name in entries { FileSystem.removeIfPresent(directory + "/" + name) }
        }
        try? FileSystem.removeDirectory(directory)
    }
}

/// The process environment as a dictionary, without Foundation.
enum ProcessEnvironment {
    static var current: [String: String] { EnvironmentVariables.all }
}

/// Directory entries without Foundation.
enum DirectoryListing {
    static func names(in directory: String) throws(Errno) -> [String] {
        try FileSystem.entryNames(of: directory)
    }
}
