#if canImport(Glibc)
import Glibc
#endif

/// Reads environment variables without Foundation.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        return String(cString: raw)
    }

    /// True for 1/true/yes/on.
    static func flag(_ name: String) -> Bool {
        guard let text = value(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var copy = Substring(self)
        while let first = copy.first, set.contains(first) { copy.removeFirst() }
        while let last = copy.last, set.contains(last) { copy.removeLast() }
        return String(copy)
    }
}
