/// An acceptance criterion and how it is checked (nil: nothing checks it yet).
public struct Criterion: Sendable, Hashable {
    public var text: String
    /// "hook: test", "review" … what proves the criterion, or nil.
    public var checkedBy: String?

    public init(_ text: String, checkedBy: String?) {
        self.text = text
        self.checkedBy = checkedBy
    }

    var item: String { checkedBy.map { "\(text) (\($0))" } ?? text }
}

/// What structure adds: constraints and acceptance criteria derived from preset and context.
public struct Structure: Sendable, Hashable {
    public var constraints: [String]
    public var criteria: [Criterion]

    public var sections: [PromptSection] {
        [PromptSection(.constraints, items: constraints), PromptSection(.criteria, items: criteria.map(\.item))]
    }
}

/// Stage 3: the prompt's skeleton beyond the task and context.
public enum StructureStage {
    public static func run(_ input: EnhanceInput, clarification: Clarification, cap: Int) -> Structure {
        Structure(constraints: constraints(input, clarification), criteria: criteria(input, clarification, cap: cap))
    }

    static func constraints(_ input: EnhanceInput, _ clarification: Clarification) -> [String] {
        let preset = input.preset
        let context = input.context
        var items = ["Only touch what the task needs: no drive-by refactors, renames or reformatting.",
                     "Keep unstaged and untracked work as it is; stage only this change."]
        let steps = preset.steps.map(\.name).joined(separator: " → ")
        let hook = preset.hookPhases.isEmpty ? "nothing" : preset.hookPhases.map(\.rawValue).joined(separator: ", ")
        items.append("Workflow: \(preset.name) — \(steps); the pre-commit hook runs \(hook) "
                     + "(~\(Formatting.minutes(preset.estimate.minutes)), ~\(Formatting.tokens(preset.estimate.tokens)) tokens).")
        if !context.frameworkFiles.isEmpty {
            items.append("Framework code is staged: follow the full-sdlc workflow, architecture and docs included.")
        }
        if clarification.taskType == "docs", context.isEmpty || context.isDocsOnly {
            items.append("Change prose only: no code edits.")
        }
        if context.deletedFiles > 0 {
            items.append("Remove every remaining reference to the deleted files.")
        }
        if !context.unmergedFiles.isEmpty {
            items.append("Resolve the merge conflicts in \(PromptText.list(context.unmergedFiles, cap: 3)) first.")
        }
        return items
    }

    static func criteria(_ input: EnhanceInput, _ clarification: Clarification, cap: Int) -> [Criterion] {
        let preset = input.preset
        let phases = Set(preset.hookPhases)
        var items: [Criterion] = []
        if var goal = clarification.sentences.first {
            if let last = goal.last, ".!?:".contains(last) { goal.removeLast() }
            // A goal with open questions cannot be checked yet: validate flags it.
            items.append(Criterion("Done when: \(goal)", checkedBy: clarification.ambiguities.isEmpty ? "review" : nil))
        }
        if clarification.taskType == "bug fix" {
            items.append(Criterion("A test reproduces the bug, failing before the fix and passing after it", checkedBy: "hook: test"))
        }
        if phases.contains(.test) { items += testCriteria(input, cap: cap) }
        if phases.contains(.review) {
            items.append(Criterion("Static checks pass on the staged files", checkedBy: "hook: review"))
        }
        if phases.contains(.security) {
            let sensitive = input.context.securitySensitiveFiles
            let scope = sensitive.isEmpty ? "the staged files" : PromptText.list(sensitive, cap: cap)
            items.append(Criterion("Security review of \(scope) finds no new issue", checkedBy: "hook: security"))
        }
        if phases.contains(.docs) {
            items.append(Criterion("Docs (README, docs/) describe the changed behaviour", checkedBy: "hook: docs"))
        }
        if clarification.taskType == "docs" {
            items.append(Criterion("Links, commands and examples in the changed docs still work", checkedBy: "review"))
        }
        if !input.context.unmergedFiles.isEmpty {
            items.append(Criterion("No conflict markers remain in \(PromptText.list(input.context.unmergedFiles, cap: cap))",
                                   checkedBy: "review"))
        }
        return items
    }

    /// Related tests pass for sources that have them; new tests for sources that have none.
    static func testCriteria(_ input: EnhanceInput, cap: Int) -> [Criterion] {
        let sources = input.editedSources
        var items: [Criterion] = []
        let tested = sources.filter { !(input.relatedTests[$0.path] ?? []).isEmpty }
        let untested = sources.filter { (input.relatedTests[$0.path] ?? []).isEmpty }
        if !tested.isEmpty {
            let tests = Array(Set(tested.flatMap { input.relatedTests[$0.path] ?? [] })).sorted()
            items.append(Criterion("Updated tests \(PromptText.list(tests, cap: cap)) pass and exercise the change to "
                                   + PromptText.list(tested.map(\.path), cap: cap), checkedBy: "hook: test"))
        }
        if !untested.isEmpty {
            items.append(Criterion("New tests cover the change to \(PromptText.list(untested.map(\.path), cap: cap))",
                                   checkedBy: "hook: test"))
        }
        if sources.isEmpty {
            let staged = input.context.testFiles
            items.append(Criterion(staged.isEmpty ? "The tests related to the change pass"
                                   : "The staged tests \(PromptText.list(staged, cap: cap)) pass", checkedBy: "hook: test"))
        }
        if let minimum = input.preset.setting("min_coverage", for: .test), !sources.isEmpty {
            items.append(Criterion("Coverage of the changed code is at least \(minimum)%", checkedBy: "hook: test"))
        }
        return items
    }
}
