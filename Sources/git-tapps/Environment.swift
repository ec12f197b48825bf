import TappsSystem

/// Reads environment variables without Foundation.
enum Environment {
    static func value(_ name: String) -> String? {
        EnvironmentVariables.value(name)
    }

    /// True for 1/true/yes/on (any case).
    static func flag(_ name: String) -> Bool {
        TextConventions.isGitTrue(environment: name)
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
