/// What the delta report shows of each failing step's findings: the ones on lines the change adds first, the rest
/// counted per file, and a finding several steps report (same file, line and message) once, under the first step.
///
/// Test-phase findings are not filtered by line (a failing test is caused by the change wherever its assertion
/// sits): they are ordered added lines first and capped like an unfiltered report. Without a diff to filter by
/// (`--all-files`) nothing is filtered either. `--full` shows every finding of every step, duplicates included.
public enum DeltaFilter {
    /// A finding the report prints, with the later steps that reported it too.
    public struct Shown: Sendable, Equatable {
        public var finding: Finding
        public var alsoReportedBy: [String]
        public var onAddedLine: Bool
    }

    /// Findings the report leaves out, counted for one file.
    public struct Hidden: Sendable, Equatable {
        public var file: RepoPath
        public var count: Int
        /// The change touches the file (the findings are outside its added lines), or not at all.
        public var touched: Bool
    }

    /// One step's part of the report.
    public struct StepView: Sendable, Equatable {
        public var shown: [Shown] = []
        public var hidden: [Hidden] = []
        /// Findings past the cap of an unfiltered list.
        public var truncated = 0
        /// Findings left out because an earlier step reports them too.
        public var duplicates = 0
    }

    /// The views of `results` (in report order), keyed by position. Only steps with findings get one.
    public static func views(_ results: [StepResult], changed: ChangedLines?, full: Bool,
                             cap: Int = RunReport.findingsPerStep) -> [Int: StepView] {
        var views: [Int: StepView] = [:]
        // Where each (file, line, message) was first reported: step position and index in its shown list (nil: hidden).
        var firstSeen: [DuplicateKey: (step: Int, shown: Int?)] = [:]
        for (position, result) in results.enumerated() where !result.findings.isEmpty {
            if full {
                views[position] = StepView(shown: result.findings.map {
                    Shown(finding: $0, alsoReportedBy: [], onAddedLine: changed?.isOnAddedLine($0) ?? false)
                })
                continue
            }
            var view = StepView()
            var kept: [Finding] = []
            for finding in result.findings {
                let key = DuplicateKey(finding)
                if let earlier = firstSeen[key], earlier.step != position {
                    if let index = earlier.shown, var other = views[earlier.step],
                       !other.shown[index].alsoReportedBy.contains(result.name) {
                        other.shown[index].alsoReportedBy.append(result.name)
                        views[earlier.step] = other
                    }
                    view.duplicates += 1
                    continue
                }
                kept.append(finding)
            }
            let filtered = changed != nil && result.phase != .test
            var shown: [Finding] = []
            var hidden: [Finding] = []
            for finding in kept {
                if !filtered || isShownInDelta(finding, changed: changed) { shown.append(finding) } else { hidden.append(finding) }
            }
            // A failing step with nothing on the changed lines still says why it failed: the findings in touched
            // files nearest the change (a `Statement is unreachable` two lines below the edit that caused it).
            if filtered, shown.isEmpty, let changed {
                let nearest = nearestToChange(hidden, changed: changed, count: nearestShown)
                shown = nearest
                hidden = hidden.filter { finding in !nearest.contains(finding) }
            }
            // Added lines first; otherwise the tool's order.
            let onAdded = shown.filter { changed?.isOnAddedLine($0) ?? false }
            let others = shown.filter { !(changed?.isOnAddedLine($0) ?? false) }
            var ordered = onAdded + others
            if !filtered, ordered.count > cap {
                view.truncated = ordered.count - cap
                ordered = Array(ordered.prefix(cap))
            }
            view.shown = ordered.map { Shown(finding: $0, alsoReportedBy: [], onAddedLine: changed?.isOnAddedLine($0) ?? false) }
            view.hidden = counted(hidden, changed: changed)
            for (index, item) in view.shown.enumerated() where firstSeen[DuplicateKey(item.finding)] == nil {
                firstSeen[DuplicateKey(item.finding)] = (position, index)
            }
            for finding in kept where firstSeen[DuplicateKey(finding)] == nil {
                firstSeen[DuplicateKey(finding)] = (position, nil)
            }
            views[position] = view
        }
        return views
    }

    /// How many findings outside the changed lines a failing step shows when it has none on them.
    public static let nearestShown = 3

    /// Up to `count` of `findings` in files the change touches, nearest an added line first (then in the tool's
    /// order), returned in the tool's order.
    static func nearestToChange(_ findings: [Finding], changed: ChangedLines, count: Int) -> [Finding] {
        var candidates: [(distance: Int, index: Int)] = []
        for (index, finding) in findings.enumerated() {
            guard let file = finding.file, changed.touches(file), let line = finding.line else { continue }
            let ranges = changed.addedLines[file] ?? []
            let distance = ranges.map { range in
                range.contains(line) ? 0 : min(abs(range.lowerBound - line), abs(range.upperBound - line))
            }.min() ?? Int.max
            candidates.append((distance, index))
        }
        let chosen = candidates.sorted { ($0.distance, $0.index) < ($1.distance, $1.index) }.prefix(count).map(\.index).sorted()
        return chosen.map { findings[$0] }
    }

    /// A finding the delta report prints: on an added line, without a file, or without a line in a touched file.
    static func isShownInDelta(_ finding: Finding, changed: ChangedLines?) -> Bool {
        guard let changed else { return true }
        guard let file = finding.file else { return true }
        guard let line = finding.line else { return changed.touches(file) }
        return changed.adds(file, line: line)
    }

    private static func counted(_ hidden: [Finding], changed: ChangedLines?) -> [Hidden] {
        var order: [RepoPath] = []
        var counts: [RepoPath: Int] = [:]
        for finding in hidden {
            guard let file = finding.file else { continue }
            if counts[file] == nil { order.append(file) }
            counts[file, default: 0] += 1
        }
        return order.map { Hidden(file: $0, count: counts[$0] ?? 0, touched: changed?.touches($0) ?? false) }
    }

    private struct DuplicateKey: Hashable {
        let file: RepoPath?
        let line: Int?
        let message: String

        init(_ finding: Finding) {
            file = finding.file
            line = finding.line
            message = Self.normalized(finding.message)
        }

        /// Tools word the same problem alike but quote it differently (ruff: `os`, flake8: 'os') and ruff marks
        /// fixable ones `[*]`: compare without case, quote style or that marker.
        static func normalized(_ message: String) -> String {
            var text = Substring(message)
            if text.hasPrefix("[*] ") { text = text.dropFirst(4) }
            return String(text.lowercased().map { "`\"‘’“”".contains($0) ? "'" : $0 })
        }
    }
}
