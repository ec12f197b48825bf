import CLibgit2

/// The libgit2 this process runs with (the shared library loaded at run time, not the headers it was built against).
public enum Libgit2Version {
    /// `major.minor.revision`, from `git_libgit2_version`, which needs no initialisation.
    public static var current: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        guard git_libgit2_version(&major, &minor, &revision) == 0 else { return "unknown" }
        return "\(major).\(minor).\(revision)"
    }

    /// The optional features it was compiled with (`git_libgit2_features`): threads, https, ssh, nsec.
    public static var features: [String] {
        let mask = git_libgit2_features()
        let known: [(Int32, String)] = [
            (Int32(GIT_FEATURE_THREADS.rawValue), "threads"), (Int32(GIT_FEATURE_HTTPS.rawValue), "https"),
            (Int32(GIT_FEATURE_SSH.rawValue), "ssh"), (Int32(GIT_FEATURE_NSEC.rawValue), "nsec"),
        ]
        return known.filter { mask & $0.0 != 0 }.map(\.1)
    }
}
