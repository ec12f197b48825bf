import TappsSystem

/// Unbuffered writes to stdout and stderr, without Foundation.
public enum Console {
    /// Writes `text` and a newline (unless it ends with one) to stdout.
    public static func out(_ text: String) {
        write(fd: 1, text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Writes `git-tapps: text` to stderr.
    public static func error(_ text: String) {
        write(fd: 2, "git-tapps: " + text + "\n")
    }

    /// Writes `text` as it is to stderr (progress lines, warnings).
    public static func raw(_ text: String, toError: Bool = true) {
        write(fd: toError ? 2 : 1, text)
    }

    /// True when `fd` is a terminal.
    public static func isTerminal(_ fd: Int32) -> Bool { Descriptor(rawValue: fd).isTerminal }

    static func write(fd: Int32, _ text: String) {
        try? Descriptor(rawValue: fd).writeAll(text)
    }
}
