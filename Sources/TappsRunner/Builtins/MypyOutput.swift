import TappsCore

/// Parses mypy's `--show-column-numbers --show-error-codes --no-pretty` output.
enum MypyOutput {
    /// One line of mypy output: `path:line[:column]: severity: message  [code]`, or `path: severity: message`.
    struct Line: Sendable, Equatable {
        var path: String
        var line: Int?
        var column: Int?
        var severity: String
        var message: String
        var code: String?
    }

    /// Every diagnostic line in `output`; other lines (summaries, tracebacks) are ignored.
    static func parse(_ output: String) -> [Line] {
        output.split(whereSeparator: \.isNewline).compactMap { parseLine(String($0)) }
    }

    static func parseLine(_ text: String) -> Line? {
        for severity in ["error", "warning", "note"] {
            guard let marker = text.firstRange(of: ": \(severity): ") else { continue }
            let location = text[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            var message = String(text[marker.upperBound...])
            guard let pathPart = location.first, !pathPart.isEmpty else { return nil }
            // The path itself may hold ':'; the trailing numeric parts are the position.
            var parts = Array(location)
            var numbers: [Int] = []
            while parts.count > 1, numbers.count < 2, let number = Int(parts[parts.count - 1]) {
                numbers.insert(number, at: 0)
                parts.removeLast()
            }
            var code: String?
            if message.hasSuffix("]"), let open = message.ranges(of: "  [").last {
                let candidate = message[open.upperBound..<message.index(before: message.endIndex)]
                if !candidate.isEmpty, candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                    code = String(candidate)
                    message = String(message[..<open.lowerBound])
                }
            }
            return Line(path: parts.joined(separator: ":"), line: numbers.first,
                        column: numbers.count > 1 ? numbers[1] : nil, severity: severity, message: message, code: code)
        }
        return nil
    }

    /// `lines` with each run of notes that follows an error or warning at the same file and line folded into
    /// that diagnostic's message: `No overload variant … (note: Possible overload variants: def f(x: int) -> int;
    /// def f(x: str) -> str)`. Other notes (`reveal_type`, a note on another line) stay on their own.
    static func attachingNotes(_ lines: [Line]) -> [Line] {
        var result: [Line] = []
        var notes: [String] = []
        func flush() {
            guard !notes.isEmpty, let last = result.indices.last else { return }
            var text = ""
            for note in notes {
                if !text.isEmpty { text += text.hasSuffix(":") ? " " : "; " }
                text += note
            }
            result[last].message += " (note: \(text))"
            notes = []
        }
        for line in lines {
            if line.severity == "note", let owner = result.last, owner.severity != "note",
               owner.path == line.path, owner.line == line.line, owner.line != nil {
                notes.append(String(line.message.drop(while: { $0 == " " })))
                continue
            }
            flush()
            result.append(line)
        }
        flush()
        return result
    }

    /// The findings that concern `staged` files, mapped back to their exact paths; notes that explain an error are
    /// part of its message.
    static func findings(in output: String, staged: [RepoPath]) -> [Finding] {
        var byText: [String: RepoPath] = [:]
        for path in staged { byText[path.string] = path }
        return attachingNotes(parse(output)).compactMap { line in
            var text = line.path
            while text.hasPrefix("./") { text.removeFirst(2) }
            guard let path = byText[text] else { return nil }
            return Finding(file: path, line: line.line, column: line.column, severity: line.severity,
                           code: line.code, message: line.message)
        }
    }
}
