/// `checkpoint.json`: writing and reading a ``Checkpoint``. Step outputs are stored beside it, not in it.
public enum CheckpointCoding {
    /// Why a `checkpoint.json` could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// The JSON document, plus each step's output keyed by the file name (under `outputs/`) the document names.
    public static func encode(_ checkpoint: Checkpoint) -> (json: JSONValue, outputs: [(file: String, content: String)]) {
        var outputs: [(file: String, content: String)] = []
        var taken: Set<String> = []
        func step(_ result: StepResult) -> JSONValue {
            var fields = stepFields(result)
            if !result.output.isEmpty {
                let file = Checkpoint.outputFileName(for: result.name, taken: taken)
                taken.insert(file)
                outputs.append((file, result.output))
                fields.append(("output_file", .string("outputs/" + file)))
            } else {
                fields.append(("output_file", .null))
            }
            return .object(fields)
        }
        let scope: JSONValue
        switch checkpoint.scope {
        case .staged: scope = .object([("kind", .string("staged"))])
        case .allFiles: scope = .object([("kind", .string("all-files"))])
        case .range(let from, let to): scope = .object([("kind", .string("range")), ("from", .string(from)), ("to", .string(to))])
        }
        let json = JSONValue.object([
            ("version", .int(Checkpoint.formatVersion)),
            ("id", .string(checkpoint.id)),
            ("preset", .string(checkpoint.preset)),
            ("preset_source", .string(checkpoint.presetSource)),
            ("scope", scope),
            ("reason", .string(checkpoint.reason.rawValue)),
            ("created_at", .string(checkpoint.createdAt)),
            ("staged_tree", .string(checkpoint.stagedTree)),
            ("completed_steps", .array(checkpoint.completed.map { .string($0.name) })),
            ("pending_steps", .array(checkpoint.pending.map { .string($0.name) })),
            ("tokens_consumed", .int(checkpoint.tokensConsumed)),
            ("tokens_remaining", checkpoint.tokensRemaining.map { .int($0) } ?? .null),
            ("budget_total", checkpoint.budgetTotal.map { .int($0) } ?? .null),
            ("resumes", .int(checkpoint.resumes)),
            ("steps", .array(checkpoint.completed.map(step) + checkpoint.pending.map(step))),
        ])
        return (json, outputs)
    }

    /// Reads `checkpoint.json`; `output` returns the content of a file the document names (nil: missing).
    public static func decode(_ bytes: [UInt8], output: (String) -> String?) throws(Failure) -> Checkpoint {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch { throw Failure(message: error.description) }
        func required<T>(_ key: String, _ read: (JSONValue) -> T?) throws(Failure) -> T {
            guard let value = json[key].flatMap(read) else { throw Failure(message: "checkpoint.json: missing or invalid '\(key)'") }
            return value
        }
        let version = try required("version", \.intValue)
        guard version == Checkpoint.formatVersion else {
            throw Failure(message: "checkpoint.json: format version \(version) is not supported (this git-tapps reads \(Checkpoint.formatVersion))")
        }
        guard let reason = CheckpointReason(rawValue: try required("reason", \.stringValue)) else {
            throw Failure(message: "checkpoint.json: unknown reason")
        }
        let scopeJSON = json["scope"]
        let scope: RunSummary.Scope
        switch scopeJSON?["kind"]?.stringValue {
        case "all-files": scope = .allFiles
        case "range":
            guard let from = scopeJSON?["from"]?.stringValue, let to = scopeJSON?["to"]?.stringValue else {
                throw Failure(message: "checkpoint.json: a range scope needs 'from' and 'to'")
            }
            scope = .range(from: from, to: to)
        default: scope = .staged
        }
        let pendingNames = Set(try required("pending_steps", \.arrayValue).compactMap(\.stringValue))
        var completed: [StepResult] = []
        var pending: [StepResult] = []
        for item in try required("steps", \.arrayValue) {
            guard var result = stepResult(item) else { throw Failure(message: "checkpoint.json: a step entry is invalid") }
            if let file = item["output_file"]?.stringValue { result.output = output(file) ?? "" }
            if pendingNames.contains(result.name) { pending.append(result) } else { completed.append(result) }
        }
        return Checkpoint(
            id: try required("id", \.stringValue), preset: try required("preset", \.stringValue),
            presetSource: json["preset_source"]?.stringValue ?? "", scope: scope, reason: reason,
            createdAt: try required("created_at", \.stringValue), stagedTree: try required("staged_tree", \.stringValue),
            completed: completed, pending: pending, budgetTotal: json["budget_total"]?.intValue,
            tokensConsumed: json["tokens_consumed"]?.intValue ?? 0, resumes: json["resumes"]?.intValue ?? 0)
    }

    /// A step result's JSON fields without its output: shared by checkpoints and the run report, which passes
    /// `changedLine` to mark each finding `changed_line`.
    static func stepFields(_ result: StepResult, changedLine: ((Finding) -> Bool)? = nil) -> [(String, JSONValue)] {
        [
            ("name", .string(result.name)),
            ("phase", .string(result.phase.rawValue)),
            ("status", .string(result.status.rawValue)),
            ("duration_ms", .int(Int((result.duration * 1000).rounded()))),
            ("exit_code", result.exitCode.map { .int(Int($0)) } ?? .null),
            ("files", .int(result.fileCount)),
            ("note", result.note.map(JSONValue.string) ?? .null),
            ("findings", .array(result.findings.map { finding in
                var fields: [(String, JSONValue)] = [
                    ("file", finding.file.map(JSONValue.path) ?? .null),
                    ("line", finding.line.map { .int($0) } ?? .null),
                    ("column", finding.column.map { .int($0) } ?? .null),
                    ("severity", .string(finding.severity)),
                    ("code", finding.code.map(JSONValue.string) ?? .null),
                    ("message", .string(finding.message)),
                ]
                if let changedLine { fields.append(("changed_line", .bool(changedLine(finding)))) }
                return .object(fields)
            })),
            ("modified_files", .array(result.modifiedFiles.map(JSONValue.path))),
            ("tokens", result.tokensReported.map { .int($0) } ?? .null),
            ("tokens_estimated", result.tokensEstimated.map { .int($0) } ?? .null),
            ("cached", .bool(result.cached)),
        ]
    }

    static func stepResult(_ json: JSONValue) -> StepResult? {
        guard let name = json["name"]?.stringValue,
              let phase = json["phase"]?.stringValue.flatMap(Phase.init(rawValue:)),
              let status = json["status"]?.stringValue.flatMap(StepStatus.init(rawValue:)) else { return nil }
        let findings: [Finding] = (json["findings"]?.arrayValue ?? []).compactMap { item in
            guard let message = item["message"]?.stringValue else { return nil }
            return Finding(file: item["file"]?.bytesValue.map(RepoPath.init(bytes:)), line: item["line"]?.intValue,
                           column: item["column"]?.intValue, severity: item["severity"]?.stringValue ?? "error",
                           code: item["code"]?.stringValue, message: message)
        }
        var result = StepResult(
            name: name, phase: phase, status: status,
            duration: Double(json["duration_ms"]?.intValue ?? 0) / 1000,
            exitCode: json["exit_code"]?.intValue.map { Int32(truncatingIfNeeded: $0) },
            findings: findings, note: json["note"]?.stringValue,
            modifiedFiles: (json["modified_files"]?.arrayValue ?? []).compactMap(\.bytesValue).map(RepoPath.init(bytes:)),
            tokensReported: json["tokens"]?.intValue, fileCount: json["files"]?.intValue ?? 0,
            cached: json["cached"]?.boolValue ?? false)
        result.tokensEstimated = json["tokens_estimated"]?.intValue
        return result
    }
}
