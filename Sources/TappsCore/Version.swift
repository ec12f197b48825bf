/// The git-tapps version (also part of every step-result cache key).
public enum GitTappsVersion {
    public static let current = "0.1.0"
}
