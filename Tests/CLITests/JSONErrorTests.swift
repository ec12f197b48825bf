import Foundation
import Testing
import TestSupport

/// With `--format json`, errors are JSON on stdout too.
@Suite struct JSONErrorTests {
    @Test func aConfigurationErrorNamesFileLineAndColumn() throws {
        let repo = try RunCommandTests.repository(config: "preset: minimal\nstepz: []\n", install: false)
        let result = try repo.tapps(["run", "--format", "json"])
        #expect(result.status == 2)
        let document = try AgentHookSupport.json(result.outputText)
        let error = try #require(document["error"] as? [String: Any])
        #expect(error["file"] as? String == ".tapps.yaml")
        #expect(error["line"] as? Int == 2)
        #expect(error["column"] as? Int == 1)
        #expect((error["message"] as? String ?? "").contains("stepz"))
        #expect(document["exit_code"] as? Int == 2)
        #expect(result.error.isEmpty)
        let text = try repo.tapps(["run"])
        #expect(text.status == 2 && text.errorText.hasPrefix("git-tapps: .tapps.yaml:2:1:") && text.output.isEmpty)
    }

    @Test func usageAndRepositoryErrorsToo() throws {
        let repo = try ScratchRepository()
        try repo.commitAll("empty")
        for arguments in [["run", "--jobs", "0", "--format", "json"], ["presets", "show", "nope", "--format=json"],
                          ["checkpoints", "show", "missing", "--format", "json"], ["run", "--bogus", "--format", "json"]] {
            let result = try repo.tapps(arguments)
            #expect(result.status == 2, "\(arguments)")
            let error = try #require(try AgentHookSupport.json(result.outputText)["error"] as? [String: Any], "\(arguments)")
            #expect(error["message"] is String && error["file"] is NSNull && error["line"] is NSNull, "\(arguments)")
        }
        let outside = try ProcessRunner.run(TestPaths.executable, ["run", "--format", "json"], directory: "/",
                                            environment: ScratchRepository.environment)
        #expect(outside.status == 2)
        #expect(((try AgentHookSupport.json(outside.outputText)["error"] as? [String: Any])?["message"] as? String ?? "").contains("not a git repository"))
    }
}
