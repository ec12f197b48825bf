import CLibgit2
import CGitShims

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One-time libgit2 initialisation; libgit2 is never shut down (as git2-rs does).
enum Libgit2 {
    /// Touch this before any libgit2 call.
    static let ready: Void = {
        DeferredCertificates.deferring { git_libgit2_init() }
        // libgit2 hashes every object it reads to check its id (≈7 % of a 5,000-file `suggest`,
        // mostly blobs for line counts); git reads objects without that, leaving it to fsck.
        _ = tapps_git_set_strict_hash_verification(0)
        // git's own switches for leaving out system and global configuration, which libgit2
        // does not read by itself: honouring them keeps us consistent with `git` in hooks and tests.
        if let noSystem = getenv("GIT_CONFIG_NOSYSTEM"), isTrue(String(cString: noSystem)) {
            _ = tapps_git_set_search_path(Int32(GIT_CONFIG_LEVEL_SYSTEM.rawValue), "")
        }
        if let global = getenv("GIT_CONFIG_GLOBAL"), String(cString: global) == "/dev/null" {
            _ = tapps_git_set_search_path(Int32(GIT_CONFIG_LEVEL_GLOBAL.rawValue), "")
            _ = tapps_git_set_search_path(Int32(GIT_CONFIG_LEVEL_XDG.rawValue), "")
        }
    }()

    private static func isTrue(_ value: String) -> Bool {
        ["1", "true", "yes", "on"].contains(value.lowercased())
    }
}
