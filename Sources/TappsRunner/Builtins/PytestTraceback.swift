/// Reads one failure's traceback as pytest prints it with `--tb=short`: entries `path:line: in function` (each
/// followed by the source line), then the exception as `E   ` lines. A chained exception repeats the pattern; the
/// last traceback is the one that failed the test.
struct PytestTraceback: Sendable, Equatable {
    /// One place the traceback passes through, outermost first.
    struct Frame: Sendable, Equatable {
        var path: String
        var line: Int
        /// The function, or `<module>`; nil for the location a SyntaxError names.
        var function: String?
    }

    var frames: [Frame] = []
    /// The exception's first line as printed (`TypeError: unsupported operand …`, `assert 7 == 6`), or nil.
    var exceptionLine: String?
    /// The exception's type: the name before `: ` on its first line, or `AssertionError` for a bare `assert …`.
    var exceptionType: String?

    init(frames: [Frame] = [], exceptionLine: String? = nil, exceptionType: String? = nil) {
        self.frames = frames
        self.exceptionLine = exceptionLine
        self.exceptionType = exceptionType
    }

    /// The exception line with its type in front when the line does not already start with it:
    /// `AssertionError: assert 7 == 6`.
    var message: String? {
        guard let line = exceptionLine else { return nil }
        guard let type = exceptionType, !line.hasPrefix(type) else { return line }
        return "\(type): \(line)"
    }

    init(_ text: String) {
        var blockFrames: [Frame] = []
        var errorLines: [String] = []
        var inErrors = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.last == "\r" ? raw.dropLast() : raw
            if let frame = Self.entry(line) {
                if inErrors {
                    // A new traceback (a chained exception) starts.
                    blockFrames = []
                    errorLines = []
                    inErrors = false
                }
                blockFrames.append(frame)
            } else if line.hasPrefix("E ") || line == "E" {
                inErrors = true
                errorLines.append(String(line.dropFirst(min(4, line.count))))
            }
        }
        if let location = errorLines.lazy.compactMap(Self.syntaxLocation).first { blockFrames.append(location) }
        frames = blockFrames
        let (line, type) = Self.exception(in: errorLines)
        exceptionLine = line
        exceptionType = type
    }

    /// `path:line: in function` at the start of a line (paths may hold ':' and spaces).
    static func entry(_ line: Substring) -> Frame? {
        guard let first = line.first, first != " ", first != "E" || !line.hasPrefix("E "),
              let marker = line.ranges(of: ": in ").last else { return nil }
        let location = line[..<marker.lowerBound]
        guard let colon = location.lastIndex(of: ":"), let number = Int(location[location.index(after: colon)...]),
              colon > location.startIndex else { return nil }
        let function = line[marker.upperBound...]
        guard !function.isEmpty, !function.contains(" ") else { return nil }
        return Frame(path: String(location[..<colon]), line: number, function: String(function))
    }

    /// `File "path", line N` — where a SyntaxError (or IndentationError) points.
    static func syntaxLocation(_ line: String) -> Frame? {
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.hasPrefix("File \""), let close = trimmed.dropFirst(6).firstIndex(of: "\"") else { return nil }
        let path = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 6)..<close]
        let rest = trimmed[close...].dropFirst()
        guard rest.hasPrefix(", line ") else { return nil }
        let digits = rest.dropFirst(7).prefix(while: \.isNumber)
        guard let number = Int(digits) else { return nil }
        return Frame(path: String(path), line: number, function: nil)
    }

    /// The first line that names an exception (`Name: message` or a bare `Name`), else the first line.
    static func exception(in lines: [String]) -> (line: String?, type: String?) {
        let unindented = lines.filter { !$0.isEmpty && $0.first != " " }
        for line in unindented {
            if let type = exceptionName(line) { return (line, type) }
        }
        guard let first = unindented.first ?? lines.first(where: { !$0.trimmingPrefix(" ").isEmpty }) else {
            return (nil, nil)
        }
        let text = String(first.trimmingPrefix(" "))
        return (text, text.hasPrefix("assert ") || text == "assert" ? "AssertionError" : nil)
    }

    /// `module.Name` in `module.Name: text` or a line that is only a dotted name.
    static func exceptionName(_ line: String) -> String? {
        let name: Substring
        if let colon = line.firstRange(of: ": ") {
            name = line[..<colon.lowerBound]
        } else if line.hasSuffix(":") {
            name = line.dropLast()
        } else {
            name = Substring(line)
        }
        guard let first = name.first, first.isLetter || first == "_",
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
              !["assert", "where", "and", "or", "not", "Traceback"].contains(name),
              name.last != "." else { return nil }
        // A lower-case single word (`where`, `expected`) is prose, not an exception class.
        let last = name.split(separator: ".").last ?? name
        guard last.first?.isUppercase == true else { return nil }
        return String(name)
    }
}
