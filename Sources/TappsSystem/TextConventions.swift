/// Small text conventions git and its environment use, written once.
public enum TextConventions {
    /// Whether `value` is one of git's spellings of true (`1`, `true`, `yes`, `on`; any case).
    @inlinable public static func isGitTrue(_ value: String) -> Bool {
        switch value.lowercased() {
        case "1", "true", "yes", "on": true
        default: false
        }
    }

    /// Whether the environment variable `name` is set to one of git's spellings of true.
    @inlinable public static func isGitTrue(environment name: String) -> Bool {
        EnvironmentVariables.value(name).map { isGitTrue($0) } ?? false
    }

    /// `path` without trailing slashes; `/` stays `/`.
    @inlinable public static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `path` without trailing slashes; `/` stays `/`.
    @inlinable public static func trimmingTrailingSlashes(_ path: [UInt8]) -> [UInt8] {
        var path = path
        while path.count > 1, path.last == UInt8(ascii: "/") { path.removeLast() }
        return path
    }
}
