import ArgumentParser
import Testing
import TestSupport
@testable import git_tapps

/// `FastInvocation` reads the common vectors without swift-argument-parser; whatever it accepts must
/// mean exactly what the parser makes of it, and whatever it is unsure of must be left to the parser.
@Suite struct FastInvocationTests {
    /// What swift-argument-parser makes of `arguments`, as the same plain values; nil when it refuses them.
    static func parsed(_ arguments: [String]) -> FastInvocation? {
        guard let command = try? GitTapps.parseAsRoot(arguments) else { return nil }
        if let run = command as? GitTapps.Run { return .run(run.arguments) }
        if let suggest = command as? GitTapps.Suggest { return .suggest(suggest.arguments) }
        if let hook = command as? GitTapps.AgentHook { return .agentHook(hook.arguments) }
        return nil
    }

    static let common: [[String]] = [
        ["run"], ["run", "--format", "json"], ["run", "--format=json", "--pretty"],
        ["run", "--preset", "minimal", "--description", "fix typo in README"], ["run", "--preset=auto"],
        ["run", "--all-files"], ["run", "--from-ref", "HEAD~1", "--to-ref", "HEAD"],
        ["run", "--jobs", "2", "--budget", "500", "--budget-used", "10", "--full", "--no-cache"],
        ["run", "--format", "text", "--full"],
        ["suggest"], ["suggest", "--format", "json"], ["suggest", "fix", "the", "bug", "--format", "json"],
        ["suggest", "--format", "text", "Fix typo in README"], ["suggest", "--pretty", "--format=json", "x"],
        ["agent-hook"], ["agent-hook", "--agent", "claude"], ["agent-hook", "--agent=cursor"],
    ]

    @Test(arguments: common)
    func theCommonVectorsAreReadWithoutTheParserAndMeanWhatTheParserReads(_ arguments: [String]) throws {
        let fast = try #require(FastInvocation.parse(arguments), "not read by the fast path: \(arguments)")
        #expect(fast == Self.parsed(arguments), "\(arguments)")
    }

    @Test func theParserSeesEveryFieldTheFastPathSets() throws {
        let fast = try #require(FastInvocation.parse(["run", "--preset", "p", "--description", "d", "--jobs", "3",
                                                      "--budget", "7", "--budget-used", "5", "--full", "--no-cache",
                                                      "--format", "json", "--pretty"]))
        let expected = RunArguments(preset: "p", description: "d", execution: ExecutionSettings(
            jobs: 3, budget: 7, full: true, budgetUsed: 5, noCache: true, output: OutputSettings(format: .json, pretty: true)))
        #expect(fast == .run(expected))
        #expect(Self.parsed(["run", "--preset", "p", "--description", "d", "--jobs", "3", "--budget", "7",
                             "--budget-used", "5", "--full", "--no-cache", "--format", "json", "--pretty"]) == .run(expected))
    }

    static let leftToTheParser: [[String]] = [
        [], ["--version"], ["version"], ["help", "run"], ["run", "--help"], ["run", "-h"], ["suggest", "-h"],
        ["run", "--jobs", "0"], ["run", "--jobs", "-1"], ["run", "--jobs", "+2"], ["run", "--jobs", "two"],
        ["run", "--budget", "0"], ["run", "--from-ref", "A"], ["run", "--to-ref", "B"],
        ["run", "--all-files", "--from-ref", "A", "--to-ref", "B"], ["run", "--format", "yaml"], ["run", "stray"],
        ["run", "--preset"], ["run", "--preset", "--full"], ["run", "--preset", "a", "--preset", "b"],
        ["run", "--full", "--full"], ["run", "--full=true"], ["run", "--pre", "minimal"], ["run", "--"],
        ["suggest", "--", "-x"], ["suggest", "-x"], ["suggest", "--format"], ["suggest", "--jobs", "2"],
        ["agent-hook", "--agent", "vim"], ["agent-hook", "extra"], ["run", "--description", ""],
        ["run", "--generate-completion-script", "bash"], ["suggest", "--description", "x"],
    ]

    @Test(arguments: leftToTheParser)
    func whatTheFastPathIsUnsureOfGoesToTheParser(_ arguments: [String]) {
        #expect(FastInvocation.parse(arguments) == nil, "\(arguments)")
    }

    /// Random vectors from the words both parsers know, bad values and stray words among them (seeded).
    @Test func randomVectorsMeanTheSameOnBothPaths() {
        let words = ["run", "suggest", "agent-hook", "--format", "json", "text", "yaml", "--format=json", "--pretty",
                     "--full", "--no-cache", "--all-files", "--jobs", "--budget", "--budget-used", "0", "3", "-2",
                     "--preset", "minimal", "--preset=standard", "--description", "fix it", "--from-ref", "--to-ref",
                     "HEAD", "HEAD~1", "--agent", "claude", "codex", "--agent=cursor", "-h", "--", "word", "--pretty=1"]
        var random = SplitMix64(seed: 0x7A995)
        var accepted = 0
        for _ in 0..<1_500 {
            let count = Int(random.next() % 7)
            var vector = [["run", "suggest", "agent-hook"][Int(random.next() % 3)]]
            for _ in 0..<count { vector.append(words[Int(random.next() % UInt64(words.count))]) }
            guard let fast = FastInvocation.parse(vector) else { continue }
            accepted += 1
            #expect(fast == Self.parsed(vector), "\(vector)")
        }
        #expect(accepted > 150, "only \(accepted) random vectors reached the fast path")
    }
}
