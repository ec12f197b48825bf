/// Quick mode's clarify, enrich and structure stages, written to be read in seconds: the same facts as the full
/// prompt's first three sections — the goal, each staged file with its changed symbols and related tests, the
/// acceptance checks and what runs them — one line each, without the full prompt's explanations.
public enum QuickBrief {
    /// Staged files listed one a line; the rest are counted.
    static let fileCap = 6

    /// **Task**: the goal, with its kind and target; at most three open questions; the one constraint that matters.
    public static func clarify(_ clarification: Clarification) -> [PromptSection] {
        var lines = clarification.sentences
        var summary: [String] = []
        if let kind = clarification.taskType { summary.append(kind) }
        if let target = clarification.target { summary.append("target: \(target)") }
        if !summary.isEmpty, let last = lines.indices.last { lines[last] += " (" + summary.joined(separator: "; ") + ")" }
        lines.append("Change only what the task needs; keep unstaged work.")
        return [PromptSection(.task, lines: lines), PromptSection(.questions, items: Array(clarification.ambiguities.prefix(3)))]
    }

    /// **Context**: the preset and what its hook runs, then `M path +2 −1: symbols (topics) → tests` per file.
    public static func enrich(_ input: EnhanceInput) -> PromptSection {
        let preset = input.preset
        let hook = preset.hookPhases.isEmpty ? "nothing" : preset.hookPhases.map(\.rawValue).joined(separator: ", ")
        var items = ["Preset \(preset.name); the hook runs \(hook)"]
        let context = input.context
        guard context.hasRepository else {
            return PromptSection(.context, items: items + ["No repository: this rests on the description alone."])
        }
        guard !context.isEmpty else { return PromptSection(.context, items: items + ["Nothing staged yet."]) }
        for file in context.files.prefix(fileCap) { items.append(line(for: file, input: input)) }
        if context.files.count > fileCap {
            items.append("… and \(context.files.count - fileCap) more: "
                         + PromptText.list(context.files.dropFirst(fileCap).map(\.path), cap: 3))
        }
        if !context.frameworkFiles.isEmpty { items.append("Framework code staged: full-sdlc is mandatory") }
        return PromptSection(.context, items: items)
    }

    static func line(for file: FileContext.File, input: EnhanceInput) -> String {
        var text = "\(file.change.status.rawValue) \(EnrichStage.name(file))"
        if !file.change.isBinary { text += " +\(file.change.linesAdded) −\(file.change.linesDeleted)" }
        if let symbols = input.symbols[file.path] {
            var parts: [String] = []
            if !symbols.changed.isEmpty { parts.append(PromptText.list(symbols.changed, cap: 4)) }
            if !symbols.removed.isEmpty { parts.append("removed " + PromptText.list(symbols.removed, cap: 2)) }
            text += ": " + parts.joined(separator: "; ")
        }
        if !file.securityTopics.isEmpty { text += " (\(file.securityTopics.joined(separator: ", ")))" }
        if let tests = input.relatedTests[file.path], !tests.isEmpty { text += " → " + PromptText.list(tests, cap: 2) }
        return text
    }

    /// **Acceptance criteria**: each check and what runs it, tersely.
    public static func structure(_ input: EnhanceInput, clarification: Clarification) -> PromptSection {
        let phases = Set(input.preset.hookPhases)
        var items: [Criterion] = []
        if var goal = clarification.sentences.first {
            if let last = goal.last, ".!?:".contains(last) { goal.removeLast() }
            items.append(Criterion("Done: \(goal)", checkedBy: clarification.ambiguities.isEmpty ? "review" : nil))
        }
        if clarification.taskType == "bug fix" {
            items.append(Criterion("A test fails before the fix, passes after", checkedBy: "hook: test"))
        }
        if phases.contains(.test) {
            let sources = input.editedSources
            let tests = Array(Set(sources.flatMap { input.relatedTests[$0.path] ?? [] })).sorted()
            let untested = sources.filter { (input.relatedTests[$0.path] ?? []).isEmpty }.map(\.path)
            if !tests.isEmpty { items.append(Criterion("\(PromptText.list(tests, cap: 3)) pass", checkedBy: "hook: test")) }
            if !untested.isEmpty {
                items.append(Criterion("New tests for \(PromptText.list(untested, cap: 3))", checkedBy: "hook: test"))
            }
            if sources.isEmpty { items.append(Criterion("Related tests pass", checkedBy: "hook: test")) }
            if let minimum = input.preset.setting("min_coverage", for: .test), !sources.isEmpty {
                items.append(Criterion("Coverage ≥ \(minimum)%", checkedBy: "hook: test"))
            }
        }
        if phases.contains(.review) { items.append(Criterion("Static checks pass", checkedBy: "hook: review")) }
        if phases.contains(.security) {
            let sensitive = input.context.securitySensitiveFiles
            items.append(Criterion("Security review" + (sensitive.isEmpty ? "" : " of " + PromptText.list(sensitive, cap: 3)),
                                   checkedBy: "hook: security"))
        }
        if phases.contains(.docs) { items.append(Criterion("Docs describe the change", checkedBy: "hook: docs")) }
        if clarification.taskType == "docs" { items.append(Criterion("Links and examples still work", checkedBy: "review")) }
        if !input.context.unmergedFiles.isEmpty {
            items.append(Criterion("No conflict markers in \(PromptText.list(input.context.unmergedFiles, cap: 3))",
                                   checkedBy: "review"))
        }
        return PromptSection(.criteria, items: items.map(\.item))
    }
}
