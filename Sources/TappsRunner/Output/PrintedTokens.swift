import TappsCore

/// What the budget counts as printed for a finished step: the estimated tokens of that step's part of the report,
/// in the reader's format, filtered by the change's added lines as the report will be.
enum PrintedTokens {
    static func counter(_ format: ReportFormat, _ lines: ChangedLinesReader?) -> @Sendable (StepResult) -> Int {
        { result in
            let changed = result.findings.isEmpty ? nil : lines?.changedLines(for: [result])
            return RunReport.printedTokens(of: result, format: format, changed: changed)
        }
    }
}
