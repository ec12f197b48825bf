/// How the reader asked for the run's report: what the budget counts as printed.
public enum ReportFormat: Sendable, Equatable {
    /// Text: the delta report, or every finding with `full`.
    case text(full: Bool)
    /// JSON, compact or indented.
    case json(pretty: Bool)
}

/// Renders a ``RunSummary``: short text for people and agents (the delta report by default; colour only when
/// asked), stable JSON for scripts.
public enum RunReport {
    /// How findings are capped in an unfiltered text list: enough to act on, not a wall of text.
    public static let findingsPerStep = 20
    /// Output lines shown of a failing step that had no findings.
    public static let outputTailLines = 15

    /// The delta report (findings on added lines, the rest counted per file, duplicates merged), or with `full`
    /// every finding and the whole output of failing steps.
    public static func text(_ summary: RunSummary, color: Bool, full: Bool = false) -> String {
        let style = Style(enabled: color)
        var lines: [String] = []
        let nameWidth = max(4, summary.results.map(\.name.count).max() ?? 0)
        let views = DeltaFilter.views(summary.results, changed: summary.changedLines, full: full)
        // In-process checks that passed share one line (the delta report; `--full` lists each).
        let quiet = full ? [] : summary.results.filter(isQuietPass)
        var quietLineIndex: Int?
        for (position, result) in summary.results.enumerated() {
            if quiet.count > 1, isQuietPass(result) {
                if quietLineIndex == nil { quietLineIndex = lines.count; lines.append("") }
                continue
            }
            lines += stepLines(result, view: views[position], style: style, full: full, nameWidth: nameWidth)
        }
        if let quietLineIndex {
            let duration = quiet.reduce(0) { $0 + $1.duration }
            lines[quietLineIndex] = "\(style.status(.passed)) \("checks".padding(toLength: nameWidth))  \(Durations.text(duration))  "
                + style.dim(quiet.map(\.name).joined(separator: ", "))
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
        if let next = NextStep.line(summary, views: Array(views.values)) { lines.append(next) }
        return lines.joined(separator: "\n")
    }

    /// The lines the text report prints for one step (its status line, and its findings or output tail when it
    /// failed), as the budget counts them when the step finishes.
    public static func stepText(_ result: StepResult, changed: ChangedLines?, full: Bool) -> String {
        let view = DeltaFilter.views([result], changed: changed, full: full)[0]
        return stepLines(result, view: view, style: Style(enabled: false), full: full,
                         nameWidth: max(4, result.name.count)).joined(separator: "\n")
    }

    /// The estimated tokens of what the report prints for `result` in `format`.
    public static func printedTokens(of result: StepResult, format: ReportFormat, changed: ChangedLines?) -> Int {
        switch format {
        case .text(let full):
            return TokenEstimator.estimate(stepText(result, changed: changed, full: full), as: .toolOutput)
        case .json(let pretty):
            return TokenEstimator.estimate(json(result, changed: changed).serialized(pretty: pretty), as: .json)
        }
    }

    /// The built-in checks that run in process in milliseconds on every commit.
    static let quietChecks: Set<String> = ["conflict-markers", "large-files", "private-keys", "case-conflicts", "syntax",
                                           "secrets", "markdown-links", "untracked-imports"]

    /// A passing quiet check: the delta report names it on the shared `checks` line.
    static func isQuietPass(_ result: StepResult) -> Bool {
        result.status == .passed && quietChecks.contains(result.name)
    }

    static func stepLines(_ result: StepResult, view: DeltaFilter.StepView?, style: Style, full: Bool,
                          nameWidth: Int) -> [String] {
        var line = "\(style.status(result.status)) \(result.name.padding(toLength: nameWidth))  \(Durations.text(result.duration))"
        if let note = result.note { line += "  \(style.dim(note))" }
        guard result.status.failsRun || result.status == .interrupted else { return [line] }
        return [line] + details(result, view: view, style: style, full: full)
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

    /// The findings a failed step shows, grouped by file, or the tail of its output when it had none.
    static func details(_ result: StepResult, view: DeltaFilter.StepView?, style: Style, full: Bool) -> [String] {
        var lines: [String] = []
        guard let view else {
            let tail = result.output.split(separator: "\n", omittingEmptySubsequences: false)
                .suffix(full ? Int.max : outputTailLines).joined(separator: "\n").trimmingTrailingWhitespace
            if !tail.isEmpty { lines += tail.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 } }
            return lines
        }
        var order: [RepoPath?] = []
        var byFile: [RepoPath?: [DeltaFilter.Shown]] = [:]
        for item in view.shown {
            if byFile[item.finding.file] == nil { order.append(item.finding.file) }
            byFile[item.finding.file, default: []].append(item)
        }
        for file in order {
            if let file { lines.append("  " + style.bold(file.quoted)) }
            for item in byFile[file] ?? [] {
                let finding = item.finding
                let position = [finding.line, finding.column].compactMap { $0 }.map(String.init).joined(separator: ":")
                let code = finding.code.map { " [\($0)]" } ?? ""
                let also = item.alsoReportedBy.isEmpty ? "" : " (also \(item.alsoReportedBy.joined(separator: ", ")))"
                lines.append("    \(position.isEmpty ? "" : position + " ")\(finding.severity): \(finding.message)\(code)\(also)")
            }
        }
        for hidden in view.hidden {
            let place = hidden.touched ? "outside the changed lines" : "in a file the change does not touch"
            lines.append("  +\(hidden.count) more in \(hidden.file.quoted) \(place): --full")
        }
        if view.truncated > 0 {
            lines.append("    … \(view.truncated) more (--full or --format json shows all)")
        }
        if view.duplicates > 0 && view.shown.isEmpty && view.hidden.isEmpty {
            lines.append("    \(view.duplicates) finding\(view.duplicates == 1 ? "" : "s"), all reported above by another step")
        }
        if full { lines += ToolOutput.fullText(result, style: style) }
        return lines
    }

    /// The run's JSON. `changed_line` marks each finding on an added line; `tokens_full`/`tokens_delta` are the
    /// estimated tokens of the `--full` and the delta text report; `tokens_json` (see ``jsonText``) of this JSON.
    public static func json(_ summary: RunSummary, tokensJSON: Int? = nil) -> JSONValue {
        let tokensFull = TokenEstimator.estimate(text(summary, color: false, full: true), as: .toolOutput)
        let tokensDelta = TokenEstimator.estimate(text(summary, color: false, full: false), as: .toolOutput)
        let saved = max(0, tokensFull - tokensDelta)
        let percentage = tokensFull == 0 ? 0 : (Double(saved) * 1000 / Double(tokensFull)).rounded() / 10
        return .object([
            ("run_id", .string(summary.runID)),
            ("preset", .string(summary.preset)),
            ("preset_source", .string(summary.presetSource)),
            ("recommended_preset", summary.recommendation.map { .string($0.preset) } ?? .null),
            ("scope", .string(summary.scope.label)),
            ("status", .string(summary.outcome)),
            ("exit_code", .int(Int(summary.exitCode))),
            ("files", .int(summary.fileCount)),
            ("duration_ms", .int(Int((summary.duration * 1000).rounded()))),
            ("steps", .array(summary.results.map { json($0, changed: summary.changedLines) })),
            ("modified_files", .array(summary.keptChanges.map(JSONValue.path))),
            ("dropped_changes", .array(summary.droppedChanges.map(JSONValue.path))),
            ("notes", .array(summary.notes.map(JSONValue.string))),
            ("budget", budgetJSON(summary.budget)),
            ("budget_warnings", .array(summary.budgetWarnings.map(JSONValue.string))),
            ("checkpoint", summary.checkpointID.map(JSONValue.string) ?? .null),
            ("resumed_from", summary.resumedFrom.map(JSONValue.string) ?? .null),
            ("tokens_full", .int(tokensFull)),
            ("tokens_delta", .int(tokensDelta)),
            ("tokens_saved", .int(saved)),
            ("percentage_saved", .double(percentage)),
            ("tokens_json", .int(tokensJSON ?? 0)),
            ("next", NextStep.advice(summary, views: Array(DeltaFilter.views(summary.results, changed: summary.changedLines,
                                                                    full: false).values)).map(JSONValue.string) ?? .null),
        ])
    }

    /// The run's JSON as printed, with `tokens_json` the estimate of this very text.
    public static func jsonText(_ summary: RunSummary, pretty: Bool) -> String {
        var tokens = 0
        var text = json(summary, tokensJSON: tokens).serialized(pretty: pretty)
        // The count's own digits change the text a little: settle on a count that describes its own document.
        for _ in 0..<4 {
            let estimate = TokenEstimator.estimate(text, as: .json)
            if estimate == tokens { break }
            tokens = estimate
            text = json(summary, tokensJSON: tokens).serialized(pretty: pretty)
        }
        return text
    }

    /// `{total, consumed, remaining, level, used_before, reported, printed}`; total and remaining are null for an
    /// unlimited budget. consumed = used_before + reported + printed.
    public static func budgetJSON(_ budget: TokenBudget) -> JSONValue {
        .object([
            ("total", budget.total.map { .int($0) } ?? .null),
            ("consumed", .int(budget.consumed)),
            ("remaining", budget.remaining.map { .int($0) } ?? .null),
            ("level", .string(budget.level.rawValue)),
            ("used_before", .int(budget.usedBefore)),
            ("reported", .int(budget.reported)),
            ("printed", .int(budget.printed)),
        ])
    }

    public static func json(_ result: StepResult, changed: ChangedLines? = nil) -> JSONValue {
        .object(CheckpointCoding.stepFields(result, changedLine: { changed?.isOnAddedLine($0) ?? false }) + [
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
