import Foundation
import Testing
import TappsCore

/// The `--help` guide and docs/guides/workflow-preset-selection.md agree with the built-in presets.
@Suite("Preset selection guide")
struct RecommenderGuideTests {
    static let guideURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/guides/workflow-preset-selection.md")

    func estimate(_ preset: Preset) -> (steps: String, minutes: String, tokens: String) {
        ("\(preset.steps.count)", Formatting.minutes(preset.estimate.minutes), Formatting.tokens(preset.estimate.tokens))
    }

    @Test("--help names every preset with its steps, time and tokens")
    func helpSummary() {
        let lines = PresetGuide.summary.split(separator: "\n").map(String.init)
        for preset in BuiltInPresets.all {
            let (steps, minutes, tokens) = estimate(preset)
            let line = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(preset.name + " ") }
            #expect(line?.contains("\(steps), ~\(minutes), ~\(tokens)") == true,
                    "\(preset.name): \(line ?? "missing")")
        }
        #expect(lines.allSatisfy { $0.count <= 78 }, "help lines are re-wrapped past 78 columns")
    }

    @Test("the guide document has every preset's row with its estimates")
    func documentTable() throws {
        let text = try String(contentsOf: Self.guideURL, encoding: .utf8)
        for preset in BuiltInPresets.all {
            let (steps, minutes, tokens) = estimate(preset)
            let row = text.split(separator: "\n").first { $0.hasPrefix("| `\(preset.name)`") }
            #expect(row?.contains("| \(steps) | ~\(minutes) | ~\(tokens) |") == true, "\(preset.name): \(row ?? "missing")")
            #expect(text.contains("### \(preset.name) "), "section for \(preset.name)")
        }
        for topic in ["--preset NAME", "preset: auto", "framework_paths", "How the recommender decides"] {
            #expect(text.contains(topic), "guide mentions \(topic)")
        }
    }

    @Test("the guide's examples get the preset they illustrate")
    func documentExamples() {
        let recommender = Recommender()
        for preset in BuiltInPresets.all {
            for example in preset.examples {
                let result = recommender.recommend(description: example, context: .unavailable)
                #expect(result.preset == preset.name, "\(example): \(result.preset)")
            }
        }
    }
}
