import Foundation
import Testing
import TestSupport

/// `run` says once, on its summary line, when the recommender would pick another preset for the staged change.
@Suite struct RecommendationHintTests {
    /// A typo fix in README staged (the recommender says minimal), and one passing step.
    static func typoRepository(preset: String = "standard") throws -> ScratchRepository {
        let repo = try RunCommandTests.repository(
            config: "preset: \(preset)\nbuiltins: false\nsteps:\n" + RunCommandTests.step("ok", ["true"]), install: false)
        try repo.write("README.md", "# demo\n\nA smal demo.\n")
        try repo.commitAll("readme")
        try repo.write("README.md", "# demo\n\nA small demo.\n")
        try repo.git("add", "README.md")
        return repo
    }

    static func summaryLine(_ result: ProcessResult) -> String {
        String(result.outputText.split(separator: "\n").last ?? "")
    }

    @Test func aPresetOtherThanTheRecommendationIsNamedOnceOnTheSummaryLine() throws {
        let repo = try Self.typoRepository()
        let suggested = try repo.tapps(["suggest", "--format", "json"])
        let pick = try #require((try JSONSerialization.jsonObject(with: Data(suggested.output)) as? [String: Any])?["preset"] as? String)
        #expect(pick == "minimal")

        let run = try repo.tapps(["run"])
        #expect(run.status == 0)
        #expect(Self.summaryLine(run).hasPrefix("git-tapps standard (.tapps.yaml): passed"))
        #expect(Self.summaryLine(run).hasSuffix("· recommended: minimal — preset: auto to follow it"), "\(run.outputText)")
        #expect(run.outputText.components(separatedBy: "recommended:").count == 2, "said once")

        let json = try repo.tapps(["run", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])
        #expect(object["preset"] as? String == "standard" && object["recommended_preset"] as? String == "minimal")

        let explicit = try repo.tapps(["run", "--preset", "comprehensive"])
        #expect(Self.summaryLine(explicit).hasSuffix("recommended: minimal — --preset auto to follow it"), "\(explicit.outputText)")
    }

    @Test func noHintWhenTheRunFollowsOrAgreesWithTheRecommender() throws {
        let repo = try Self.typoRepository()
        for arguments in [["run", "--preset", "minimal"], ["run", "--preset", "auto"]] {
            let result = try repo.tapps(arguments)
            #expect(result.status == 0 && !result.outputText.contains("recommended: minimal —"), "\(arguments): \(result.outputText)")
        }
        let auto = try Self.typoRepository(preset: "auto")
        let followed = try auto.tapps(["run"])
        #expect(Self.summaryLine(followed).hasPrefix("git-tapps minimal (recommended"), "\(followed.outputText)")
        #expect(!followed.outputText.contains("to follow it"))
        let json = try auto.tapps(["run", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])
        #expect(object["recommended_preset"] is NSNull)
    }

    @Test func ciRunsCarryNoHint() throws {
        let repo = try Self.typoRepository()
        let result = try repo.tapps(["run", "--all-files"])
        #expect(result.status == 0 && !result.outputText.contains("to follow it"), "\(result.outputText)")
    }
}
