/// What `git tapps suggest` prints: the recommendation, the preset it names and the evidence.
public struct SuggestReport: Sendable {
    public var description: String
    public var recommendation: Recommendation
    public var preset: Preset
    public var context: FileContext

    public init(description: String, recommendation: Recommendation, preset: Preset, context: FileContext) {
        self.description = description
        self.recommendation = recommendation
        self.preset = preset
        self.context = context
    }

    /// The stable JSON shape documented in the README.
    public var json: JSONValue {
        .object([
            ("preset", .string(preset.name)),
            ("confidence", .double((recommendation.confidence * 100).rounded() / 100)),
            ("complexity", .int(recommendation.complexity)),
            ("risk", .int(recommendation.risk)),
            ("reasoning", .array(recommendation.reasoning.map(JSONValue.string))),
            ("description", .string(description)),
            ("context", ContextJSON.json(context)),
            ("steps", .array(preset.steps.map { step in
                .object([
                    ("name", .string(step.name)),
                    ("summary", .string(step.summary)),
                    ("phase", step.phase.map { .string($0.rawValue) } ?? .null),
                    ("hook", .bool(step.phase.map(preset.hookPhases.contains) ?? false)),
                ])
            })),
            ("hook_phases", .array(preset.hookPhases.map { .string($0.rawValue) })),
            ("estimate", .object([("minutes", .int(preset.estimate.minutes)), ("tokens", .int(preset.estimate.tokens))])),
        ])
    }

    /// A few lines a person reads in two seconds.
    public var text: String {
        var lines: [String] = []
        let percent = Int((recommendation.confidence * 100).rounded())
        lines.append("Preset: \(preset.name)  (confidence \(percent)%, ~\(Formatting.minutes(preset.estimate.minutes)), ~\(Formatting.tokens(preset.estimate.tokens)) tokens)")
        lines.append("Complexity \(recommendation.complexity)/10 · risk \(recommendation.risk)/10")
        for reason in recommendation.reasoning { lines.append("  - \(reason)") }
        let hook = preset.hookPhases.isEmpty ? "nothing" : preset.hookPhases.map(\.rawValue).joined(separator: ", ")
        lines.append("Steps: \(preset.steps.map(\.name).joined(separator: " → "))  (hook runs: \(hook))")
        lines.append(changeLine)
        return lines.joined(separator: "\n")
    }

    private var changeLine: String {
        guard context.hasRepository else { return "Change: no repository here, so no file context; judged from the description only." }
        guard !context.isEmpty else { return "Change: nothing staged; judged from the description only." }
        var parts = ["\(context.filesAffected) file\(context.filesAffected == 1 ? "" : "s")",
                     "+\(context.linesAdded) −\(context.linesDeleted)"]
        if !context.languages.isEmpty { parts.append(context.languages.prefix(3).joined(separator: ", ")) }
        if !context.testFiles.isEmpty { parts.append("\(context.testFiles.count) test") }
        if !context.unmergedFiles.isEmpty { parts.append("\(context.unmergedFiles.count) unmerged") }
        return "Change: " + parts.joined(separator: " · ")
    }
}

/// The `context` object shared by `suggest` and `run` JSON.
public enum ContextJSON {
    public static func json(_ context: FileContext) -> JSONValue {
        .object([
            ("available", .bool(context.hasRepository)),
            ("files_affected", .int(context.filesAffected)),
            ("lines_added", .int(context.linesAdded)),
            ("lines_deleted", .int(context.linesDeleted)),
            ("files", .array(context.files.map(file))),
            ("test_files", paths(context.testFiles)),
            ("framework_files", paths(context.frameworkFiles)),
            ("binary_files", paths(context.binaryFiles)),
            ("generated_files", paths(context.generatedFiles)),
            ("submodules", paths(context.submodules)),
            ("unmerged_files", paths(context.unmergedFiles)),
            ("security_sensitive_files", paths(context.securitySensitiveFiles)),
            ("languages", .array(context.languages.map(JSONValue.string))),
            ("docs_only", .bool(context.isDocsOnly)),
            ("config_only", .bool(context.isConfigOnly)),
            ("tests_only", .bool(context.isTestsOnly)),
        ])
    }

    static func paths(_ list: [RepoPath]) -> JSONValue { .array(list.map(JSONValue.path)) }

    static func file(_ file: FileContext.File) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("path", .path(file.path)),
            ("status", .string(file.change.status.rawValue)),
        ]
        if let old = file.change.oldPath { pairs.append(("old_path", .path(old))) }
        pairs += [
            ("lines_added", .int(file.change.linesAdded)),
            ("lines_deleted", .int(file.change.linesDeleted)),
            ("binary", .bool(file.change.isBinary)),
            ("submodule", .bool(file.change.isSubmodule)),
            ("language", file.language.map(JSONValue.string) ?? .null),
            ("test", .bool(file.isTest)),
            ("framework", .bool(file.isFramework)),
        ]
        return .object(pairs)
    }
}

/// Small number formats used in text output.
public enum Formatting {
    public static func minutes(_ minutes: Int) -> String {
        minutes >= 60 && minutes % 60 == 0 ? "\(minutes / 60) h" : minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
    }

    public static func tokens(_ tokens: Int) -> String {
        tokens >= 1000 ? "\(tokens / 1000)K" : "\(tokens)"
    }
}
