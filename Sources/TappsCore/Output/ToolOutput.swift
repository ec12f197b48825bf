/// A failing step's own output as the reports carry it: all of it (as captured) under `--full`, the end of it in
/// JSON.
public enum ToolOutput {
    /// Characters of a failing step's output kept in its JSON `output` (the end: the summary and the error).
    public static let jsonLimit = 4000

    /// The JSON `output` of a step: the end of what it printed when it failed the run, else "".
    public static func json(_ result: StepResult) -> String {
        result.status.failsRun ? String(result.output.suffix(jsonLimit)) : ""
    }

    /// The lines `--full` adds after a failing step's findings: its whole captured output, indented, under a
    /// heading. Empty when it printed nothing.
    static func fullText(_ result: StepResult, style: Style) -> [String] {
        let text = result.output.trimmingTrailingWhitespace
        guard !text.isEmpty else { return [] }
        return ["  " + style.dim("output of \(result.name):")]
            + text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
    }
}
