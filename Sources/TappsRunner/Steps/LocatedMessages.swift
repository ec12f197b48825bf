import TappsCore

/// Findings from the output of configured steps, for the many tools that print problems as
/// `path:line[:column]: message` (ruff's concise format, flake8, pylint, eslint's unix format,
/// gcc and clang, swiftlint, shellcheck's gcc format, golangci-lint …). Only lines naming one of the
/// files the step was given count, so stray colons in other output never become findings.
enum LocatedMessages {
    static func findings(in output: String, files: [RepoPath]) -> [Finding] {
        guard !files.isEmpty else { return [] }
        let known = Set(files.map(\.string))
        var findings: [Finding] = []
        for line in output.split(whereSeparator: \.isNewline) {
            if let finding = parse(String(line), known: known) { findings.append(finding) }
        }
        return findings
    }

    static func parse(_ line: String, known: Set<String>) -> Finding? {
        var text = Substring(line.trimmingPrefix("./"))
        guard let first = text.firstIndex(of: ":") else { return nil }
        let path = String(text[..<first])
        guard known.contains(path) else { return nil }
        text = text[text.index(after: first)...]
        guard let lineNumber = leadingNumber(&text) else { return nil }
        var column: Int?
        if text.first == ":" {
            text = text.dropFirst()
            column = leadingNumber(&text)
        }
        guard text.first == ":" || text.first == " " else { return nil }
        var message = text.drop(while: { $0 == ":" || $0 == " " })
        var severity = "error"
        for level in ["error", "warning", "note", "info"] {
            if message.lowercased().hasPrefix(level + ":") || message.lowercased().hasPrefix(level + " ") {
                severity = level == "info" ? "note" : level
                message = message.dropFirst(level.count).drop(while: { $0 == ":" || $0 == " " })
                break
            }
        }
        var code: String?
        if let space = message.firstIndex(of: " "), isCode(message[..<space]) {
            code = String(message[..<space])
            message = message[message.index(after: space)...].drop(while: { $0 == " " })
        }
        guard !message.isEmpty else { return nil }
        return Finding(file: RepoPath(path), line: lineNumber, column: column, severity: severity, code: code,
                       message: String(message))
    }

    private static func leadingNumber(_ text: inout Substring) -> Int? {
        let digits = text.prefix(while: \.isNumber)
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        text = text.dropFirst(digits.count)
        return value
    }

    /// A rule code such as `F401`, `E501`, `SC2086`, `W0611` or `no-unused-vars`-less forms: letters then digits.
    private static func isCode(_ word: Substring) -> Bool {
        let letters = word.prefix(while: { $0.isUppercase && $0.isASCII })
        let rest = word.dropFirst(letters.count)
        return !letters.isEmpty && letters.count <= 4 && !rest.isEmpty && rest.allSatisfy(\.isNumber)
    }
}
