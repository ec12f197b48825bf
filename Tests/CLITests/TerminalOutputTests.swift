import Foundation
import Testing
import TestSupport

/// On a terminal (a pseudo-terminal from `script`): colour and a live progress line for slow
/// steps; NO_COLOR and pipes get plain text.
@Suite struct TerminalOutputTests {
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    static func repository() throws -> ScratchRepository {
        let slow = RunCommandTests.step("slow", ["sh", "-c", "sleep 1.5; exit 1"])
        return try RunCommandTests.repository(config: RunCommandTests.config(slow), install: false)
    }

    static func runOnTerminal(_ repo: ScratchRepository, environment: [String: String] = [:]) throws -> String {
        let command = "'\(TestPaths.executable)' run"
        let result = try ProcessRunner.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"], directory: repo.root,
                                           environment: ScratchRepository.environment.merging(environment) { $1 }
                                               .filter { $0.key != "NO_COLOR" || environment["NO_COLOR"] != nil })
        return result.outputText
    }

    @Test(.enabled(if: hasScript, "script(1) is not installed"))
    func aTerminalGetsColourAndAProgressLine() throws {
        let repo = try Self.repository()
        let output = try Self.runOnTerminal(repo)
        #expect(output.contains("running slow ("), "\(output)")
        #expect(output.contains("\u{1B}[31m"), "failures are red on a terminal")
    }

    @Test(.enabled(if: hasScript, "script(1) is not installed"))
    func noColorAndPipesGetPlainText() throws {
        let repo = try Self.repository()
        let output = try Self.runOnTerminal(repo, environment: ["NO_COLOR": "1"])
        #expect(!output.contains("\u{1B}[31m"), "\(output)")
        let piped = try repo.tapps(["run"])
        #expect(!piped.outputText.contains("\u{1B}") && !piped.errorText.contains("running slow"))
    }
}
