/// Renders a ``RunSummary``: short text for people (colour only when asked), stable JSON for agents.
public enum RunReport {
    /// How findings are capped in text output: enough to act on, not a wall of text.
    public static let findingsPerStep = 20

    /// `full` lifts the caps on findings and output lines.
    public static func text(_ summary: RunSummary, color: Bool, full: Bool = false) -> String {
        let style = Style(enabled: color)
        var lines: [String] = []
        let nameWidth = max(4, summary.results.map(\.name.count).max() ?? 0)
        for result in summary.results {
            let status = style.status(result.status)
            var line = "\(status) \(result.name.padding(toLength: nameWidth))  \(Durations.text(result.duration))"
            if let note = result.note { line += "  \(style.dim(note))" }
            lines.append(line)
            if result.status.failsRun || result.status == .interrupted { lines += details(result, style: style, full: full) }
        }
        for (step, paths) in attributed(summary.keptChanges, in: summary.results) {
            let names = paths.map(\.quoted).joined(separator: ", ")
            lines.append(style.yellow("files were modified by \(step ?? "a step"): \(names) (kept as unstaged edits: review them and git add)"))
        }
        for (step, paths) in attributed(summary.droppedChanges, in: summary.results) {
            for path in paths {
                lines.append(style.yellow("\(step ?? "a step") changed \(path.quoted), which clashed with your unstaged edits: its change was dropped, your version kept"))
            }
        }
        for note in summary.notes { lines.append(style.dim(note)) }
        for warning in summary.budgetWarnings { lines.append(style.yellow(warning)) }
        if let resumed = summary.resumedFrom {
            lines.append(style.dim("resumed checkpoint \(resumed): earlier results carried over"))
        }
        if let id = summary.checkpointID, summary.stoppedByBudget || summary.interruptedBy != nil {
            lines.append(style.yellow("checkpoint saved: \(id) — resume with `git tapps resume \(id)`"))
        }
        let verdict: String
        switch summary.exitCode {
        case 0: verdict = style.green("passed")
        case 1: verdict = style.red("failed")
        case 3: verdict = style.yellow("stopped by the token budget")
        default: verdict = style.yellow("interrupted")
        }
        let steps = summary.results.filter { $0.status != .skipped }.count
        let hint = summary.recommendation.map { " · " + style.dim($0.text) } ?? ""
        lines.append("git-tapps \(summary.preset) (\(summary.presetSource)): \(verdict) · \(steps) step\(steps == 1 ? "" : "s") on \(summary.fileCount) file\(summary.fileCount == 1 ? "" : "s") · \(Durations.text(summary.duration))\(hint)")
        return lines.joined(separator: "\n")
    }

    /// `paths` grouped by the step whose result lists them (nil: no step claimed them), in step order.
    static func attributed(_ paths: [RepoPath], in results: [StepResult]) -> [(String?, [RepoPath])] {
        var remaining = paths
        var groups: [(String?, [RepoPath])] = []
        for result in results where !result.modifiedFiles.isEmpty {
            let claimed = remaining.filter(result.modifiedFiles.contains)
            guard !claimed.isEmpty else { continue }
            groups.append((result.name, claimed))
            remaining.removeAll(where: claimed.contains)
        }
        if !remaining.isEmpty { groups.append((nil, remaining)) }
        return groups
    }

    /// The findings of a failed step grouped by file, or the tail of its output when it had none.
    static func details(_ result: StepResult, style: Style, full: Bool) -> [String] {
        let findingsCap = full ? Int.max : findingsPerStep
        var lines: [String] = []
        if result.findings.isEmpty {
            let tail = result.output.split(separator: "\n", omittingEmptySubsequences: false)
                .suffix(full ? Int.max : 15).joined(separator: "\n").trimmingTrailingWhitespace
            if !tail.isEmpty { lines += tail.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 } }
            return lines
        }
        var order: [RepoPath?] = []
        var byFile: [RepoPath?: [Finding]] = [:]
        for finding in result.findings.prefix(findingsCap) {
            if byFile[finding.file] == nil { order.append(finding.file) }
            byFile[finding.file, default: []].append(finding)
        }
        for file in order {
            if let file { lines.append("  " + style.bold(file.quoted)) }
            for finding in byFile[file] ?? [] {
                let position = [finding.line, finding.column].compactMap { $0 }.map(String.init).joined(separator: ":")
                let code = finding.code.map { " [\($0)]" } ?? ""
                lines.append("    \(position.isEmpty ? "" : position + " ")\(finding.severity): \(finding.message)\(code)")
            }
        }
        if result.findings.count > findingsCap {
            lines.append("    … \(result.findings.count - findingsCap) more (--full or --format json shows all)")
        }
        if full { lines += ToolOutput.fullText(result, style: style) }
        return lines
    }

    public static func json(_ summary: RunSummary) -> JSONValue {
        .object([
            ("run_id", .string(summary.runID)),
            ("preset", .string(summary.preset)),
            ("preset_source", .string(summary.presetSource)),
            ("recommended_preset", summary.recommendation.map { .string($0.preset) } ?? .null),
            ("scope", .string(summary.scope.label)),
            ("status", .string(summary.outcome)),
            ("exit_code", .int(Int(summary.exitCode))),
            ("files", .int(summary.fileCount)),
            ("duration_ms", .int(Int((summary.duration * 1000).rounded()))),
            ("steps", .array(summary.results.map(json))),
            ("modified_files", .array(summary.keptChanges.map(JSONValue.path))),
            ("dropped_changes", .array(summary.droppedChanges.map(JSONValue.path))),
            ("notes", .array(summary.notes.map(JSONValue.string))),
            ("budget", budgetJSON(summary.budget)),
            ("budget_warnings", .array(summary.budgetWarnings.map(JSONValue.string))),
            ("checkpoint", summary.checkpointID.map(JSONValue.string) ?? .null),
            ("resumed_from", summary.resumedFrom.map(JSONValue.string) ?? .null),
        ])
    }

    /// `{total, consumed, remaining, level}`; total and remaining are null for an unlimited budget.
    public static func budgetJSON(_ budget: TokenBudget) -> JSONValue {
        .object([
            ("total", budget.total.map { .int($0) } ?? .null),
            ("consumed", .int(budget.consumed)),
            ("remaining", budget.remaining.map { .int($0) } ?? .null),
            ("level", .string(budget.level.rawValue)),
        ])
    }

    public static func json(_ result: StepResult) -> JSONValue {
        .object(CheckpointCoding.stepFields(result) + [
            ("output", .string(ToolOutput.json(result))),
        ])
    }
}

/// ANSI styling that collapses to plain text when disabled.
struct Style {
    let enabled: Bool

    private func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func red(_ text: String) -> String { wrap("31", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func yellow(_ text: String) -> String { wrap("33", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func bold(_ text: String) -> String { wrap("1", text) }

    func status(_ status: StepStatus) -> String {
        switch status {
        case .passed: green("✓ passed     ")
        case .failed: red("✗ failed     ")
        case .skipped: dim("- skipped    ")
        case .modified: yellow("✎ modified   ")
        case .timedOut: red("⏱ timed out  ")
        case .error: red("! error      ")
        case .interrupted: yellow("⏹ interrupted")
        }
    }
}

/// Human durations: 12 ms, 1.4 s, 2 min 5 s.
public enum Durations {
    public static func text(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return "\(Double(Int(seconds * 10)) / 10) s" }
        let whole = Int(seconds)
        return "\(whole / 60) min \(whole % 60) s"
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var copy = self
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return copy
    }
}
