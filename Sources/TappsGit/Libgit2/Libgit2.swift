import CLibgit2
import CGitShims

import TappsSystem

/// One-time libgit2 initialisation; libgit2 is never shut down (as git2-rs does).
enum Libgit2 {
    /// Touch this before any libgit2 call.
    static let ready: Void = {
        DeferredCertificates.deferring { git_libgit2_init() }
        // As git reads objects: without re-hashing each one (git checks ids only in fsck). libgit2's default
        // hashes every object it reads, about 40% of reading a small loose blob (the guards read every staged one).
        _ = tapps_git_set_strict_hash_verification(0)
        // git's own switches for leaving out system and global configuration, which libgit2
        // does not read by itself: honouring them keeps us consistent with `git` in hooks and tests.
        if TextConventions.isGitTrue(environment: "GIT_CONFIG_NOSYSTEM") {
            _ = tapps_git_set_search_path(Int32(GIT_CONFIG_LEVEL_SYSTEM.rawValue), "")
        }
        if EnvironmentVariables.value("GIT_CONFIG_GLOBAL") == "/dev/null" {
            _ = tapps_git_set_search_path(Int32(GIT_CONFIG_LEVEL_GLOBAL.rawValue), "")
            _ = tapps_git_set_search_path(Int32(GIT_CONFIG_LEVEL_XDG.rawValue), "")
        }
    }()
}
