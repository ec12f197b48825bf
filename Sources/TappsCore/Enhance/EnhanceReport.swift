/// What `git tapps enhance` prints.
public enum EnhanceReport {
    /// The prompt itself: markdown ready to paste to an agent.
    public static func text(_ result: EnhanceResult) -> String { result.prompt.text }

    /// The stable JSON shape documented in docs/guides/enhance.md.
    public static func json(_ result: EnhanceResult) -> JSONValue {
        let recommendation = result.input.recommendation
        return .object([
            ("mode", .string(result.mode.rawValue)),
            ("description", .string(result.input.description)),
            ("prompt", .string(result.prompt.text)),
            ("tokens", .int(result.prompt.tokens)),
            ("stages", .array(result.stages.map { .object([("name", .string($0.stage.rawValue)), ("output", .string($0.output))]) })),
            ("preset", .string(result.input.preset.name)),
            ("recommendation", .object([
                ("preset", .string(recommendation.preset)),
                ("confidence", .double((recommendation.confidence * 100).rounded() / 100)),
                ("reasoning", .array(recommendation.reasoning.map(JSONValue.string))),
            ])),
            ("context", ContextJSON.json(result.input.context)),
            ("savings", .object([
                ("stages_skipped", .int(result.stagesSkipped)),
                ("estimated_tokens_saved", .int(result.tokensSaved)),
                ("tokens", .int(result.prompt.tokens)),
                ("full_tokens", .int(result.fullTokens)),
                ("ratio", .double(result.fullTokens == 0 ? 1 : (Double(result.prompt.tokens) / Double(result.fullTokens) * 1000).rounded() / 1000)),
                ("percentage_saved", .double(result.fullTokens == 0 ? 0 : (Double(result.tokensSaved) / Double(result.fullTokens) * 1000).rounded() / 10)),
            ])),
        ])
    }
}
