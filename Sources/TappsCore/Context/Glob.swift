/// A gitignore-style glob over repository paths.
///
/// A pattern without `/` matches the file name at any depth (`test_*.py`); one with `/` matches
/// the whole path from the root (`src/test/**`). `*` and `?` stay within one component, `**`
/// spans any number of components, `{a,b}` picks one alternative, a trailing `/` means
/// "everything below this directory".
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[UInt8]]
    /// For each alternative, its longest run of literal bytes (no `*`, `?` or `/`): every path the alternative
    /// matches contains it, so a path without it is refused before the backtracking match. A big change asks
    /// every default test pattern of thousands of paths, and most hold none of their literals.
    private let requiredLiterals: [[UInt8]]
    private let matchesNameOnly: Bool

    public init(_ pattern: String) {
        var text = pattern
        if text.hasPrefix("./") { text.removeFirst(2) }
        if text.hasSuffix("/") { text += "**" }
        let anchored = text.contains("/")
        if text.hasPrefix("/") { text.removeFirst() }
        self.pattern = pattern
        self.matchesNameOnly = !anchored
        self.alternatives = Glob.expandBraces(text).map { Array($0.utf8) }
        self.requiredLiterals = alternatives.map(Glob.longestLiteral)
    }

    public var description: String { pattern }

    /// True when `path` matches.
    public func matches(_ path: RepoPath) -> Bool {
        let subject: ArraySlice<UInt8>
        if matchesNameOnly, let slash = path.bytes.lastIndex(of: UInt8(ascii: "/")) {
            subject = path.bytes[(slash + 1)...]
        } else {
            subject = path.bytes[...]
        }
        for (alternative, literal) in zip(alternatives, requiredLiterals)
        where TextLines.find(literal, in: subject) != nil && Glob.match(alternative[...], subject) {
            return true
        }
        return false
    }

    private static func longestLiteral(_ pattern: [UInt8]) -> [UInt8] {
        var best: ArraySlice<UInt8> = [], start = 0
        for index in 0...pattern.count {
            if index == pattern.count || pattern[index] == star || pattern[index] == question || pattern[index] == slash {
                if index - start > best.count { best = pattern[start..<index] }
                start = index + 1
            }
        }
        return Array(best)
    }

    private static func expandBraces(_ text: String) -> [String] {
        guard let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") else { return [text] }
        let head = String(text[..<open]), tail = String(text[text.index(after: close)...])
        let options = text[text.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        return options.flatMap { expandBraces(head + $0 + tail) }
    }

    private static let star = UInt8(ascii: "*"), question = UInt8(ascii: "?"), slash = UInt8(ascii: "/")

    private static func match(_ pattern: ArraySlice<UInt8>, _ subject: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex, s = subject.startIndex
        while p < pattern.endIndex {
            let c = pattern[p]
            if c == star {
                let isDouble = p + 1 < pattern.endIndex && pattern[p + 1] == star
                if isDouble {
                    var rest = p + 2
                    // "**/" may match zero directories.
                    if rest < pattern.endIndex && pattern[rest] == slash { rest += 1 }
                    let remaining = pattern[rest...]
                    if remaining.isEmpty { return true }
                    var i = s
                    while i <= subject.endIndex {
                        if (i == s || subject[i - 1] == slash), match(remaining, subject[i...]) { return true }
                        if i == subject.endIndex { break }
                        i += 1
                    }
                    return false
                }
                let remaining = pattern[(p + 1)...]
                var i = s
                while true {
                    if match(remaining, subject[i...]) { return true }
                    if i == subject.endIndex || subject[i] == slash { return false }
                    i += 1
                }
            }
            guard s < subject.endIndex else { return false }
            if c == question {
                if subject[s] == slash { return false }
            } else if c != subject[s] {
                return false
            }
            p += 1
            s += 1
        }
        return s == subject.endIndex
    }
}
