/// The one line a failing report ends with: what to do next, in words an agent can follow.
public enum NextStep {
    /// `next: …` for a run that did not pass, nil for one that did.
    public static func line(_ summary: RunSummary, views: [DeltaFilter.StepView]) -> String? {
        advice(summary, views: views).map { "next: " + $0 }
    }

    /// The advice without its `next: ` prefix (JSON's `next`).
    public static func advice(_ summary: RunSummary, views: [DeltaFilter.StepView]) -> String? {
        var parts: [String] = []
        let failing = summary.results.filter(\.status.failsRun)
        let findingsFailing = failing.filter { $0.status != .modified }
        if !findingsFailing.isEmpty {
            parts.append("fix the findings above and re-stage (git add)")
            let names = findingsFailing.map(\.name)
            parts.append("SKIP=\(names[0]) skips one step (failing: \(names.joined(separator: ", ")))")
        }
        if failing.contains(where: { $0.status == .modified }) || !summary.keptChanges.isEmpty {
            parts.append("review the files the steps changed and git add them")
        }
        let hidden = views.reduce(0) { $0 + $1.hidden.reduce(0) { $0 + $1.count } + $1.truncated }
        if hidden > 0 { parts.append("`git tapps run --full` shows the \(hidden) finding\(hidden == 1 ? "" : "s") left out") }
        if let id = summary.checkpointID, summary.stoppedByBudget || summary.interruptedBy != nil {
            parts.append("git tapps resume \(id) to continue" + (summary.stoppedByBudget ? " (--budget N raises the budget)" : ""))
        }
        if parts.isEmpty && summary.exitCode != 0 {
            parts.append(summary.exitCode == 1 ? "git tapps run --full shows everything" : "git tapps run to check again")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
