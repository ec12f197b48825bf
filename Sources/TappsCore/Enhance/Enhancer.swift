/// One stage's part of the result, as shown in `--format json`.
public struct StageOutput: Sendable, Hashable {
    public var stage: EnhanceStage
    public var output: String
}

/// The enhanced prompt, how it was made, and what quick mode saved against full mode.
public struct EnhanceResult: Sendable {
    public var mode: EnhanceMode
    public var input: EnhanceInput
    public var prompt: FinalPrompt
    public var stages: [StageOutput]
    /// The full-mode prompt's token estimate (the same as `prompt.tokens` in full mode).
    public var fullTokens: Int

    /// Stages quick mode skips (0 in full mode).
    public var stagesSkipped: Int { EnhanceStage.allCases.count - mode.stages.count }
    /// Tokens the quick prompt saves against the full one, computed from both prompts (never negative).
    public var tokensSaved: Int { mode == .quick ? max(0, fullTokens - prompt.tokens) : 0 }
}

/// Runs the stages of a mode over an ``EnhanceInput``. Deterministic: no model is called.
public enum Enhancer {
    /// Names listed per line before "… and N more" in the full prompt (optimize caps further); quick mode has
    /// its own, shorter lists (``QuickBrief``).
    static let fullCap = 10
    /// The token budget optimize keeps a full prompt within.
    public static let fullBudget = 900

    public static func enhance(_ input: EnhanceInput, mode: EnhanceMode) -> EnhanceResult {
        let full = run(input, mode: .full)
        guard mode == .quick else { return full }
        var quick = run(input, mode: .quick)
        quick.fullTokens = full.prompt.tokens
        return quick
    }

    static func run(_ input: EnhanceInput, mode: EnhanceMode) -> EnhanceResult {
        let cap = fullCap
        var stages: [StageOutput] = []
        var draft = PromptDraft()
        func record(_ stage: EnhanceStage, _ sections: [PromptSection]) {
            for section in sections { draft.put(section) }
            let text = sections.filter { !$0.isEmpty }.map(\.markdown).joined(separator: "\n\n")
            stages.append(StageOutput(stage: stage, output: text))
        }

        let clarification = ClarifyStage.run(description: input.description, context: input.context)
        guard mode == .full else {
            // Quick: the same three stages, one line per fact (at most half the full prompt's tokens).
            record(.clarify, QuickBrief.clarify(clarification))
            record(.enrich, [QuickBrief.enrich(input)])
            record(.structure, [QuickBrief.structure(input, clarification: clarification)])
            let prompt = FinalizeStage.run(draft)
            return EnhanceResult(mode: mode, input: input, prompt: prompt, stages: stages, fullTokens: prompt.tokens)
        }
        record(.clarify, clarification.sections)
        record(.enrich, [EnrichStage.run(input, perFile: true, cap: cap)])
        let structure = StructureStage.run(input, clarification: clarification, cap: cap)
        record(.structure, structure.sections)
        record(.validate, [ValidateStage.run(input, clarification: clarification, structure: structure, cap: cap)])
        let optimization = OptimizeStage.run(draft, budget: fullBudget)
        draft = optimization.draft
        stages.append(StageOutput(stage: .optimize, output: optimization.summary))
        record(.domainEnhance, [DomainStage.run(input)])
        let prompt = FinalizeStage.run(draft)
        stages.append(StageOutput(stage: .finalize, output: prompt.summary))
        return EnhanceResult(mode: mode, input: input, prompt: prompt, stages: stages, fullTokens: prompt.tokens)
    }
}
