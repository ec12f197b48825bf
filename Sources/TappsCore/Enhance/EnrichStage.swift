/// Stage 2: the staged change as context an agent can act on. Quick mode groups files by
/// status; full mode lists each file with what it is. Lists are capped at `cap` names.
public enum EnrichStage {
    public static func run(_ input: EnhanceInput, perFile: Bool, cap: Int) -> PromptSection {
        var items = [presetLine(input)]
        let context = input.context
        guard context.hasRepository else {
            items.append("No repository here: the staged context is missing, so this prompt rests on the description alone.")
            return PromptSection(.context, items: items)
        }
        guard !context.isEmpty else {
            items.append("Nothing is staged yet: the context comes from the description alone.")
            return PromptSection(.context, items: items + configLines(input, full: perFile))
        }
        var totals = "Staged: \(PromptText.count(context.filesAffected, "file")), +\(context.linesAdded) −\(context.linesDeleted)"
        if !context.languages.isEmpty { totals += " (\(context.languages.prefix(4).joined(separator: ", ")))" }
        items.append(totals)
        items += perFile ? fileLines(input) : groupLines(input, cap: cap)
        items += flagLines(context, cap: cap, perFile: perFile)
        items += relatedLines(input, cap: cap)
        if perFile { items += configLines(input, full: true) }
        return PromptSection(.context, items: items)
    }

    static func presetLine(_ input: EnhanceInput) -> String {
        let percent = Int((input.recommendation.confidence * 100).rounded())
        let reason = input.recommendation.reasoning.first.map { ": \($0)" } ?? ""
        return "Recommended preset: \(input.preset.name) (confidence \(percent)%)\(reason)"
    }

    /// "Modified (2): `a`, `b`", one line per status, renames as `old` → `new`.
    static func groupLines(_ input: EnhanceInput, cap: Int) -> [String] {
        let order: [(ChangeStatus, String)] = [(.added, "Added"), (.modified, "Modified"), (.renamed, "Renamed"),
                                               (.copied, "Copied"), (.deleted, "Deleted"),
                                               (.typeChanged, "Type changed"), (.unmerged, "Unmerged")]
        return order.compactMap { status, label in
            let files = input.context.files.filter { $0.change.status == status }
            guard !files.isEmpty else { return nil }
            let names = files.map(name)
            return "\(label) (\(files.count)): \(PromptText.list(names, cap: cap))"
        }
    }

    /// One line per file: path, status, lines, language and what it is.
    static func fileLines(_ input: EnhanceInput) -> [String] {
        input.context.files.map { file in
            var parts = [statusWord(file.change.status), "+\(file.change.linesAdded) −\(file.change.linesDeleted)"]
            if let language = file.language { parts.append(language) }
            if file.isTest { parts.append("test") }
            if file.isDocumentation { parts.append("docs") }
            if file.isConfiguration { parts.append("config") }
            if file.isGenerated { parts.append("generated") }
            if file.change.isBinary { parts.append("binary") }
            if file.change.isSubmodule { parts.append("submodule") }
            if file.isFramework { parts.append("framework") }
            if !file.securityTopics.isEmpty { parts.append("security: " + file.securityTopics.joined(separator: ", ")) }
            if let symbols = input.symbols[file.path] {
                if !symbols.changed.isEmpty { parts.append("changes " + PromptText.list(symbols.changed.map(PromptText.code), cap: 6)) }
                if !symbols.removed.isEmpty { parts.append("removes " + PromptText.list(symbols.removed.map(PromptText.code), cap: 4)) }
            }
            return "\(name(file)) — \(parts.joined(separator: ", "))"
        }
    }

    static func flagLines(_ context: FileContext, cap: Int, perFile: Bool) -> [String] {
        var lines: [String] = []
        let sensitive = context.files.filter { !$0.securityTopics.isEmpty }
        if !sensitive.isEmpty {
            let names = sensitive.map { "\(PromptText.code($0.path)) (\($0.securityTopics.joined(separator: ", ")))" }
            lines.append("Security-sensitive: \(PromptText.list(names, cap: cap))")
        }
        if !context.frameworkFiles.isEmpty {
            lines.append("Framework code: \(PromptText.list(context.frameworkFiles, cap: cap)) — full-sdlc is mandatory")
        }
        guard !perFile else { return lines }
        if !context.testFiles.isEmpty { lines.append("Tests staged: \(PromptText.list(context.testFiles, cap: cap))") }
        if !context.binaryFiles.isEmpty { lines.append("Binary: \(PromptText.list(context.binaryFiles, cap: cap))") }
        if !context.submodules.isEmpty { lines.append("Submodules: \(PromptText.list(context.submodules, cap: cap))") }
        if !context.generatedFiles.isEmpty { lines.append("Generated: \(PromptText.list(context.generatedFiles, cap: cap))") }
        return lines
    }

    static func relatedLines(_ input: EnhanceInput, cap: Int) -> [String] {
        let pairs = input.editedSources.compactMap { file -> String? in
            guard let tests = input.relatedTests[file.path], !tests.isEmpty else { return nil }
            return "\(PromptText.code(file.path)) → \(PromptText.list(tests, cap: 2))"
        }
        return pairs.isEmpty ? [] : ["Related tests: \(PromptText.list(pairs, cap: cap))"]
    }

    static func configLines(_ input: EnhanceInput, full: Bool) -> [String] {
        guard full else { return [] }
        let patterns = input.testPatterns.map { "test patterns: " + PromptText.list($0.map(PromptText.code), cap: 6) }
            ?? "test patterns: built-in defaults"
        let framework = input.frameworkPaths.isEmpty ? "no framework paths"
            : "framework paths: " + PromptText.list(input.frameworkPaths.map(PromptText.code), cap: 6)
        return ["Repository config: \(patterns); \(framework)"]
    }

    static func name(_ file: FileContext.File) -> String {
        if let old = file.change.oldPath, file.change.status == .renamed || file.change.status == .copied {
            return "\(PromptText.code(old)) → \(PromptText.code(file.path))"
        }
        return PromptText.code(file.path)
    }

    static func statusWord(_ status: ChangeStatus) -> String {
        switch status {
        case .added: "added"
        case .modified: "modified"
        case .deleted: "deleted"
        case .renamed: "renamed"
        case .copied: "copied"
        case .typeChanged: "type changed"
        case .unmerged: "unmerged"
        }
    }
}
