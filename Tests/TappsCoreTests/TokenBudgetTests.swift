import Testing
import TappsCore

@Suite struct TokenBudgetTests {
    @Test func levelsFollowTheDefaultThresholds() {
        var budget = TokenBudget(total: 10_000)
        #expect(budget.level == .green)
        #expect(budget.add(4_999) == nil)
        #expect(budget.level == .green)
        #expect(budget.add(1) == .yellow)
        #expect(budget.add(2_499) == nil)
        #expect(budget.add(1) == .orange)
        #expect(budget.add(1_500) == .red)
        #expect(budget.isExhausted)
        #expect(budget.consumed == 9_000 && budget.remaining == 1_000)
    }

    @Test func oneBigStepJumpsStraightToRedAndReportsOnlyTheNewLevel() {
        var budget = TokenBudget(total: 10_000)
        #expect(budget.add(9_500) == .red)
        #expect(budget.add(5_000) == nil, "already red: no second warning")
        #expect(budget.remaining == 0, "remaining never goes negative")
        #expect(budget.consumed == 14_500)
    }

    @Test func unlimitedBudgetsCountButNeverStop() {
        var budget = TokenBudget(override: nil, config: nil)
        #expect(budget.total == nil)
        #expect(budget.add(1_000_000_000) == nil)
        #expect(budget.level == .green && !budget.isExhausted)
        #expect(budget.remaining == nil)
    }

    @Test func theCommandLineOverridesTheConfiguredTotalButKeepsItsThresholds() {
        let config = BudgetConfig(total: 50_000, thresholds: [0.2, 0.6])
        let budget = TokenBudget(override: 1_000, config: config)
        #expect(budget.total == 1_000)
        #expect(budget.thresholds == [0.2, 0.6])
        #expect(TokenBudget(override: nil, config: config).total == 50_000)
    }

    @Test func customThresholdListsMapTheirLastFractionToRed() {
        var two = TokenBudget(total: 100, thresholds: [0.3, 0.8])
        #expect(two.add(30) == .yellow)
        #expect(two.add(50) == .red)
        var one = TokenBudget(total: 100, thresholds: [0.5])
        #expect(one.add(49) == nil)
        #expect(one.add(1) == .red)
        var four = TokenBudget(total: 100, thresholds: [0.25, 0.5, 0.75, 1.0])
        #expect(four.add(25) == .yellow)
        #expect(four.add(25) == .orange)
        #expect(four.add(25) == .orange)
        #expect(four.add(25) == .red)
    }

    @Test func negativeReportsAreIgnored() {
        var budget = TokenBudget(total: 100)
        budget.add(-50)
        #expect(budget.consumed == 0)
    }

    @Test func warningsAreOneShortLineWithNumbers() {
        var budget = TokenBudget(total: 200_000)
        budget.add(150_000)
        let line = budget.warning(for: budget.level)
        #expect(line == "token budget orange: 150,000 of 200,000 tokens used (75%), 50,000 left")
        budget.add(40_000)
        #expect(budget.warning(for: .red).hasSuffix("— no further steps start"))
        #expect(!budget.warning(for: .red).contains("\n"))
    }
}
