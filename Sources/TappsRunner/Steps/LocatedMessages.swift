import TappsCore
import TappsSystem

/// Findings from the output of configured steps, for the many tools that print one problem per line:
/// `path:line[:column]: [severity:] [CODE] message [code]` (ruff's concise format, flake8, pylint, mypy, gcc and
/// clang, shellcheck's gcc format, eslint's unix format, go vet, golangci-lint, swiftlint, rustc's short format),
/// `path(line,column): severity CODE: message` (tsc), and rustc/cargo's `error[E0308]: message` followed by
/// ` --> path:line:column`. Only lines naming one of the files the step was given count (relative to the
/// repository root, with `./`, or absolute under the root), so stray colons in other output never become
/// findings. A note without a code of its own that follows a finding explains it (gcc's `note: declared here`,
/// mypy's notes) and is folded into its message.
enum LocatedMessages {
    static func findings(in output: String, files: [RepoPath], root: String = "") -> [Finding] {
        guard !files.isEmpty else { return [] }
        let paths = KnownPaths(files: files, root: root)
        var findings: [Finding] = []
        /// rustc's `error[E0308]: mismatched types`, waiting for its ` --> path:line:column`.
        var pendingHeader: (severity: String, code: String?, message: String)?
        var lastWasFinding = false
        var notes: [Int: [String]] = [:]
        var sawExcerpt = false
        for raw in output.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            if let header = rustHeader(line) {
                pendingHeader = header
                lastWasFinding = false
                continue
            }
            if let header = pendingHeader, let arrow = rustLocation(line, paths: paths) {
                findings.append(Finding(file: arrow.path, line: arrow.line, column: arrow.column,
                                        severity: header.severity, code: header.code, message: header.message))
                pendingHeader = nil
                lastWasFinding = true
                continue
            }
            guard let finding = parse(line, paths: paths) else {
                // Source excerpts and carets between a diagnostic and its notes keep the two together.
                if line.hasPrefix(" ") || line.hasPrefix("\t") || line.hasPrefix("|") {
                    sawExcerpt = true
                } else {
                    lastWasFinding = false
                }
                continue
            }
            if finding.severity == "note", finding.code == nil, lastWasFinding,
               let owner = findings.indices.last, findings[owner].severity != "note" {
                let samePlace = finding.file == findings[owner].file && finding.line == findings[owner].line
                // A note elsewhere belongs to the diagnostic when the tool groups them with source excerpts
                // (gcc, clang); without excerpts (mypy) it is a note of its own.
                if samePlace || sawExcerpt {
                    let place = samePlace ? "" : "\(finding.file?.string ?? ""):\(finding.line.map(String.init) ?? ""): "
                    notes[owner, default: []].append(place + finding.message)
                    sawExcerpt = false
                    continue
                }
            }
            findings.append(finding)
            lastWasFinding = true
            sawExcerpt = false
        }
        for (index, texts) in notes {
            var joined = ""
            for text in texts {
                if !joined.isEmpty { joined += joined.hasSuffix(":") ? " " : "; " }
                joined += text
            }
            findings[index].message += " (note: \(joined))"
        }
        return findings
    }

    /// The step's files by the texts a tool may print for them.
    struct KnownPaths {
        var byText: [String: RepoPath] = [:]
        var root: String

        init(files: [RepoPath], root: String) {
            for file in files { byText[file.string] = file }
            self.root = TextConventions.trimmingTrailingSlashes(root)
        }

        func resolve(_ text: Substring) -> RepoPath? {
            var text = text
            while text.hasPrefix("./") { text = text.dropFirst(2) }
            if text.hasPrefix("/") {
                guard !root.isEmpty, text.hasPrefix(root + "/") else { return nil }
                text = text.dropFirst(root.count + 1)
            }
            return byText[String(text)]
        }
    }

    static func parse(_ line: String, known: Set<String>) -> Finding? {
        parse(line, paths: KnownPaths(files: known.map(RepoPath.init), root: ""))
    }

    static func parse(_ line: String, paths: KnownPaths) -> Finding? {
        if let finding = parseParenthesized(line, paths: paths) { return finding }
        // The path ends at the first ':' after which a line number follows (paths may hold ':' themselves).
        var searchFrom = line.startIndex
        while let colon = line[searchFrom...].firstIndex(of: ":") {
            searchFrom = line.index(after: colon)
            guard let path = paths.resolve(line[..<colon]) else { continue }
            var text = line[line.index(after: colon)...]
            guard let lineNumber = leadingNumber(&text) else { continue }
            var column: Int?
            if text.first == ":" {
                var afterColon = text.dropFirst()
                if let number = leadingNumber(&afterColon) {
                    column = number
                    text = afterColon
                }
            }
            guard text.first == ":" || text.first == " " else { continue }
            return message(text.drop(while: { $0 == ":" || $0 == " " }), path: path, line: lineNumber, column: column)
        }
        return nil
    }

    /// tsc and MSBuild: `src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.`
    static func parseParenthesized(_ line: String, paths: KnownPaths) -> Finding? {
        guard let marker = line.firstRange(of: "): "), let open = line[..<marker.lowerBound].lastIndex(of: "("),
              let path = paths.resolve(line[..<open]) else { return nil }
        let numbers = line[line.index(after: open)..<marker.lowerBound].split(separator: ",").map { Int($0) }
        guard let first = numbers.first, let lineNumber = first, numbers.allSatisfy({ $0 != nil }) else { return nil }
        let column = numbers.count > 1 ? numbers[1] : nil
        return message(line[marker.upperBound...], path: path, line: lineNumber, column: column)
    }

    /// The rest of a located line: an optional severity (`error:`, `warning`, `error[E0308]:`), an optional rule
    /// code in front (`F401`, `W0611:`, `TS2322:`) or at the end (`[SC2086]`, `[-Wunused-variable]`,
    /// `[Error/no-unused-vars]`, mypy's `  [arg-type]`).
    static func message(_ rest: Substring, path: RepoPath, line: Int, column: Int?) -> Finding? {
        var message = rest
        var severity = "error"
        var code: String?
        for (word, level) in [("fatal error", "error"), ("error", "error"), ("warning", "warning"), ("note", "note"),
                              ("info", "note"), ("help", "note"), ("remark", "note")] {
            let lowered = message.prefix(word.count + 1).lowercased()
            guard lowered.hasPrefix(word) else { continue }
            var after = message.dropFirst(word.count)
            if after.first == "[", let close = after.firstIndex(of: "]") {
                code = String(after[after.index(after: after.startIndex)..<close])
                after = after[after.index(after: close)...]
            }
            guard after.first == ":" || after.first == " " else { break }
            severity = level
            message = after.drop(while: { $0 == ":" || $0 == " " })
            break
        }
        if code == nil, let space = message.firstIndex(of: " ") {
            var word = message[..<space]
            let pylintStyle = word.last == ":"
            if pylintStyle { word = word.dropLast() }
            if isCode(word) {
                code = String(word)
                message = message[message.index(after: space)...].drop(while: { $0 == " " })
                if pylintStyle, let letter = word.first, word.count == 5 {
                    // pylint: Convention, Refactor, Warning, Error, Fatal, Information.
                    switch letter {
                    case "W", "C", "R": severity = "warning"
                    case "I": severity = "note"
                    default: break
                    }
                }
            }
        }
        if message.hasPrefix("[*] ") {
            message = message.dropFirst(4)
            message += " (fixable)"
        }
        if code == nil, let trailing = trailingCode(message) {
            code = trailing.code
            if let level = trailing.severity { severity = level }
            message = trailing.rest
        }
        guard !message.isEmpty else { return nil }
        return Finding(file: path, line: line, column: column, severity: severity, code: code, message: String(message))
    }

    /// `text [CODE]` at the end of a message, for the codes tools put there.
    static func trailingCode(_ text: Substring) -> (code: String?, severity: String?, rest: Substring)? {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "["), open > text.startIndex else { return nil }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let before = text[..<open]
        guard before.hasSuffix(" ") else { return nil }
        let rest = before.dropLast(before.hasSuffix("  ") ? 2 : 1)
        if inner.hasPrefix("Error") || inner.hasPrefix("Warning") {
            // eslint's unix format: `[Error/no-unused-vars]`, `[Warning/semi]`, `[Error]`.
            let parts = inner.split(separator: "/", maxSplits: 1)
            guard parts.first == "Error" || parts.first == "Warning" else { return nil }
            return (parts.count > 1 ? String(parts[1]) : nil, parts.first == "Error" ? "error" : "warning", rest)
        }
        let shellcheck = inner.hasPrefix("SC") && inner.dropFirst(2).allSatisfy(\.isNumber) && inner.count > 2
        let compiler = inner.hasPrefix("-W") && inner.count > 2
        let mypy = before.hasSuffix("  ") && !inner.isEmpty
            && inner.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" }
        guard shellcheck || compiler || mypy else { return nil }
        return (String(inner), nil, rest)
    }

    /// rustc/cargo: `error[E0308]: mismatched types`, `warning: unused variable: `y``.
    static func rustHeader(_ line: String) -> (severity: String, code: String?, message: String)? {
        for (word, level) in [("error", "error"), ("warning", "warning")] where line.hasPrefix(word) {
            var rest = line.dropFirst(word.count)
            var code: String?
            if rest.first == "[", let close = rest.firstIndex(of: "]") {
                code = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
            }
            guard rest.hasPrefix(": ") else { return nil }
            let message = rest.dropFirst(2)
            // cargo's own summary lines are not diagnostics.
            if message.hasPrefix("could not compile") || message.hasPrefix("aborting due to") { return nil }
            return (level, code, String(message))
        }
        return nil
    }

    /// ` --> src/main.rs:2:18` under a rustc header.
    static func rustLocation(_ line: String, paths: KnownPaths) -> (path: RepoPath, line: Int, column: Int?)? {
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.hasPrefix("--> ") else { return nil }
        let location = trimmed.dropFirst(4)
        let parts = location.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let lineNumber = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]),
              let path = paths.resolve(location[..<parts[parts.count - 2].startIndex].dropLast()) else { return nil }
        return (path, lineNumber, column)
    }

    private static func leadingNumber(_ text: inout Substring) -> Int? {
        let digits = text.prefix(while: \.isNumber)
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        text = text.dropFirst(digits.count)
        return value
    }

    /// A rule code such as `F401`, `E501`, `SC2086`, `W0611`, `PLR0913`, `ASYNC100`, `TS2322`: upper-case letters
    /// then digits.
    private static func isCode(_ word: Substring) -> Bool {
        let letters = word.prefix(while: { $0.isUppercase && $0.isASCII })
        let rest = word.dropFirst(letters.count)
        return !letters.isEmpty && letters.count <= 8 && !rest.isEmpty && rest.allSatisfy(\.isNumber)
    }
}
