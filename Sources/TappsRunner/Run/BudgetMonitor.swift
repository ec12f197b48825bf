import Synchronization
import TappsCore

/// The run's budget, updated from whichever task reports a finished step: the tokens the step reported plus the
/// estimated tokens of what the report prints for it, so that the budget can stop the run before the next step.
final class BudgetMonitor: Sendable {
    private struct State {
        var budget: TokenBudget
        var warnings: [String] = []
        var printed: [String: Int] = [:]
    }
    private let state: Mutex<State>
    private let printedTokens: @Sendable (StepResult) -> Int

    init(_ budget: TokenBudget, printedTokens: @escaping @Sendable (StepResult) -> Int = { _ in 0 }) {
        // Usage from before the run (--budget-used) may already be past a threshold: say so once, at the start.
        state = Mutex(State(budget: budget, warnings: budget.level == .green ? [] : [budget.warning(for: budget.level)]))
        self.printedTokens = printedTokens
    }

    /// Adds the step's reported tokens (none reported: 0) and its printed estimate; notes a threshold crossing.
    func record(_ result: StepResult) {
        let printed = printedTokens(result)
        state.withLock {
            $0.printed[result.name] = printed
            if let level = $0.budget.add(reported: result.tokensReported ?? 0, printed: printed) {
                $0.warnings.append($0.budget.warning(for: level))
            }
        }
    }

    var budget: TokenBudget { state.withLock { $0.budget } }
    var warnings: [String] { state.withLock { $0.warnings } }
    var isExhausted: Bool { state.withLock { $0.budget.isExhausted } }

    /// Sets each recorded result's `tokensEstimated` to what was counted for it.
    func annotate(_ results: inout [StepResult]) {
        let printed = state.withLock { $0.printed }
        for index in results.indices {
            if let tokens = printed[results[index].name] { results[index].tokensEstimated = tokens }
        }
    }
}
