import TappsCore

/// Errors a command reports in one line and exits 2 for.
public enum TappsError: Error, Sendable, CustomStringConvertible {
    /// `.tapps.yaml` is wrong; the message names file, line and column.
    case config(ConfigError)
    /// The repository cannot be used as it is (bare, unmerged paths, a leftover backup …).
    case repository(String)
    /// The command line asks for something that does not exist.
    case usage(String)

    public var description: String {
        switch self {
        case .config(let error): error.description
        case .repository(let message): message
        case .usage(let message): message
        }
    }
}
