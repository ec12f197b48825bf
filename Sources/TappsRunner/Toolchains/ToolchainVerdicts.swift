import TappsCore

/// Judges a toolchain check from its output: findings as file:line:column, whatever format the tool prints.
enum ToolchainVerdicts {
    static func refine(_ verdict: StepVerdict, check: BuiltinCheck, output: String, files: [RepoPath], root: String) -> StepVerdict {
        guard verdict.status == .passed || verdict.status == .failed else { return verdict }
        var result = verdict
        let staged = Set(files.map(\.string))
        switch check {
        case .gofmt:
            var findings = located(output, root: root, extensions: ["go"])
            for line in output.split(whereSeparator: \.isNewline) where staged.contains(String(line.trimmingPrefix("./"))) {
                let path = String(line.trimmingPrefix("./"))
                findings.append(Finding(file: RepoPath(path), severity: "error", code: "gofmt",
                                        message: "not formatted as gofmt formats it (run gofmt -w \(path))"))
            }
            result.findings = findings
        case .goVet:
            result.findings = located(output, root: root, extensions: ["go"])
        case .cargoCheck:
            result.findings = located(output, root: root, extensions: ["rs"]).filter { $0.severity == "error" || verdict.status == .failed }
        case .rustfmt:
            result.findings = rustfmtDiffs(output, root: root)
        case .eslint:
            result.findings = ESLintJSON.findings(output, root: root)
        case .bandit:
            result.findings = BanditOutput.findings(output, root: root)
        case .swiftFormat:
            result.findings = located(output, root: root, extensions: ["swift"]).map(SwiftFormatOutput.ruleAsCode)
        case .tsc:
            let all = TypeScriptOutput.findings(output)
            result.findings = all.filter { $0.file.map { staged.contains($0.string) } ?? false }
            if verdict.status == .failed && result.findings.isEmpty && !all.isEmpty {
                return StepVerdict(status: .passed, exitCode: verdict.exitCode,
                                   note: "\(all.count) error\(all.count == 1 ? "" : "s") in files outside the change")
            }
        default:
            if verdict.status == .failed && verdict.findings.isEmpty {
                result.findings = located(output, root: root, extensions: nil)
            }
        }
        let errors = result.findings.filter { $0.severity == "error" }
        if result.status == .passed && !errors.isEmpty { result.status = .failed }
        if result.status == .failed, result.exitCode == 0 { result.exitCode = 1 }
        return result
    }

    /// `path:line[:column]: message` lines, with paths made repository-relative (absolute paths under `root`,
    /// `./` prefixes, and the directory of the last ``DirectoryMarker`` line). `extensions` limits which paths count.
    static func located(_ output: String, root: String, extensions: Set<String>?) -> [Finding] {
        var directory = ""
        var findings: [Finding] = []
        for raw in output.split(whereSeparator: \.isNewline) {
            var line = String(raw)
            if line.hasPrefix(DirectoryMarker.prefix) { directory = String(line.dropFirst(DirectoryMarker.prefix.count)); continue }
            if line.hasPrefix("vet: ") { line.removeFirst(5) }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let written = String(line[..<colon])
            let path = repositoryPath(written, directory: directory, root: root)
            if let extensions, !extensions.contains(RepoPath(path).fileExtension) { continue }
            guard !path.isEmpty, !path.contains(" ") else { continue }
            let rewritten = path + line[colon...]
            if let finding = LocatedMessages.parse(rewritten, known: [path]) { findings.append(finding) }
        }
        return findings
    }

    static func repositoryPath(_ written: String, directory: String, root: String) -> String {
        if written.hasPrefix(root + "/") { return String(written.dropFirst(root.count + 1)) }
        let relative = String(written.trimmingPrefix("./"))
        return directory.isEmpty ? relative : directory + "/" + relative
    }

    /// rustfmt --check: `Diff in /path/file.rs at line 3:` (older) or `Diff in /path/file.rs:3:` (newer).
    static func rustfmtDiffs(_ output: String, root: String) -> [Finding] {
        var findings: [Finding] = []
        for line in output.split(whereSeparator: \.isNewline) where line.hasPrefix("Diff in ") {
            var rest = line.dropFirst("Diff in ".count)
            if rest.hasSuffix(":") { rest = rest.dropLast() }
            var number: Int?
            if let range = rest.range(of: " at line ") {
                number = Int(rest[range.upperBound...])
                rest = rest[..<range.lowerBound]
            } else if let colon = rest.lastIndex(of: ":"), let value = Int(rest[rest.index(after: colon)...]) {
                number = value
                rest = rest[..<colon]
            }
            let path = repositoryPath(String(rest), directory: "", root: root)
            findings.append(Finding(file: RepoPath(path), line: number, severity: "error", code: "rustfmt",
                                    message: "not formatted as rustfmt formats it (run rustfmt \(path))"))
        }
        return findings
    }
}

/// `tsc --pretty false`: `src/a.ts(3,5): error TS2322: Type 'string' is not assignable …`.
enum TypeScriptOutput {
    static func findings(_ output: String) -> [Finding] {
        var findings: [Finding] = []
        for line in output.split(whereSeparator: \.isNewline) {
            guard let open = line.firstIndex(of: "("), let close = line[open...].firstIndex(of: ")"),
                  line[close...].hasPrefix("): ") else { continue }
            let numbers = line[line.index(after: open)..<close].split(separator: ",").compactMap { Int($0) }
            guard numbers.count == 2 else { continue }
            var message = line[line.index(close, offsetBy: 3)...]
            var severity = "error"
            for level in ["error", "warning"] where message.hasPrefix(level + " ") {
                severity = level
                message = message.dropFirst(level.count + 1)
            }
            var code: String?
            if message.hasPrefix("TS"), let colon = message.firstIndex(of: ":") {
                code = String(message[..<colon])
                message = message[message.index(after: colon)...].drop(while: { $0 == " " })
            }
            findings.append(Finding(file: RepoPath(String(line[..<open])), line: numbers[0], column: numbers[1],
                                    severity: severity, code: code, message: String(message)))
        }
        return findings
    }
}

/// `eslint --format json`: `[{"filePath", "messages": [{"line", "column", "severity" (2 error, 1 warning),
/// "ruleId", "message"}]}]`.
enum ESLintJSON {
    static func findings(_ output: String, root: String) -> [Finding] {
        let bytes = Array(output.utf8)
        guard let start = bytes.firstIndex(of: UInt8(ascii: "[")), let end = bytes.lastIndex(of: UInt8(ascii: "]")), start < end,
              case .array(let files)? = try? JSONParser.parse(Array(bytes[start...end])) else { return [] }
        var findings: [Finding] = []
        for file in files {
            guard case .object(let fields) = file else { continue }
            let field = { (name: String) in fields.first { $0.0 == name }?.1 }
            guard case .string(let path)? = field("filePath"), case .array(let messages)? = field("messages") else { continue }
            let relative = ToolchainVerdicts.repositoryPath(path, directory: "", root: root)
            for message in messages {
                guard case .object(let values) = message else { continue }
                let value = { (name: String) in values.first { $0.0 == name }?.1 }
                func int(_ name: String) -> Int? { if case .int(let number)? = value(name) { number } else { nil } }
                guard case .string(let text)? = value("message") else { continue }
                var code: String?
                if case .string(let rule)? = value("ruleId") { code = rule }
                findings.append(Finding(file: RepoPath(relative), line: int("line"), column: int("column"),
                                        severity: int("severity") == 2 ? "error" : "warning", code: code, message: text))
            }
        }
        return findings
    }
}

/// bandit's `custom` format with ``template``: `pkg/run.py:5:11: B602 [HIGH] subprocess call with shell=True …`.
enum BanditOutput {
    static let template = "{relpath}:{line}:{col}: {test_id} [{severity}] {msg}"

    /// bandit's `{col}` counts from 0 (Python's `col_offset`); findings count columns from 1.
    static func findings(_ output: String, root: String) -> [Finding] {
        ToolchainVerdicts.located(output, root: root, extensions: ["py", "pyi"]).map { finding in
            var finding = finding
            finding.column = finding.column.map { $0 + 1 }
            return finding
        }
    }
}

/// `swift-format lint`: `Sources/a.swift:3:1: error: [Indentation] indent by 2 spaces` — the rule in brackets
/// becomes the finding's code.
enum SwiftFormatOutput {
    static func ruleAsCode(_ finding: Finding) -> Finding {
        guard finding.code == nil, finding.message.hasPrefix("["), let close = finding.message.firstIndex(of: "]") else { return finding }
        let rule = finding.message[finding.message.index(after: finding.message.startIndex)..<close]
        guard !rule.isEmpty, rule.allSatisfy({ $0.isLetter || $0.isNumber }) else { return finding }
        var result = finding
        result.code = String(rule)
        result.message = String(finding.message[finding.message.index(after: close)...].drop(while: { $0 == " " }))
        return result
    }
}
