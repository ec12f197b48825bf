#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func write(fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
