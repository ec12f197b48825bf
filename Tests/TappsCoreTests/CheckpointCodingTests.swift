import Testing
import TappsCore

@Suite struct CheckpointCodingTests {
    static func sample() -> Checkpoint {
        let odd = RepoPath(bytes: Array("src/caf".utf8) + [0xe9, 0xff] + Array(".py".utf8))
        let failed = StepResult(name: "lint/strict", phase: .review, status: .failed, duration: 1.25, exitCode: 1,
                                findings: [Finding(file: odd, line: 3, column: 7, code: "E1", message: "bad \"quote\"\nnext")],
                                output: "line one\nline two\n", note: nil, modifiedFiles: [odd], tokensReported: 1_200,
                                fileCount: 2)
        let passed = StepResult(name: "unit", phase: .test, status: .passed, output: "ok\n", tokensReported: nil)
        let pending = StepResult(name: "docs", phase: .docs, status: .interrupted, note: "not started: the token budget ran out")
        return Checkpoint(id: "20260129-143022-0badcafe", preset: "full-sdlc", presetSource: "--preset",
                          scope: .range(from: "main", to: "HEAD"), reason: .budget, createdAt: "2026-01-29T14:30:22Z",
                          stagedTree: String(repeating: "ab", count: 20), completed: [failed, passed], pending: [pending],
                          budgetTotal: 10_000, tokensConsumed: 9_100, resumes: 2)
    }

    @Test func roundTripsEveryFieldIncludingNonUTF8PathsAndOutputs() throws {
        let original = Self.sample()
        let (json, outputs) = CheckpointCoding.encode(original)
        #expect(outputs.map(\.file) == ["lint_strict.txt", "unit.txt"], "a '/' in a step name must not make a directory")
        let files = Dictionary(uniqueKeysWithValues: outputs.map { ("outputs/" + $0.file, $0.content) })
        let decoded = try CheckpointCoding.decode(Array(json.serialized().utf8)) { files[$0] }
        #expect(decoded.id == original.id)
        #expect(decoded.preset == "full-sdlc" && decoded.presetSource == "--preset")
        #expect(decoded.scope == .range(from: "main", to: "HEAD"))
        #expect(decoded.reason == .budget && decoded.createdAt == original.createdAt)
        #expect(decoded.stagedTree == original.stagedTree)
        #expect(decoded.completed == original.completed)
        #expect(decoded.pending == original.pending)
        #expect(decoded.budgetTotal == 10_000 && decoded.tokensConsumed == 9_100 && decoded.tokensRemaining == 900)
        #expect(decoded.resumes == 2)
        #expect(decoded.isResumable)
    }

    @Test func theDocumentListsCompletedAndPendingStepsAndTokens() throws {
        let json = CheckpointCoding.encode(Self.sample()).json
        #expect(json["completed_steps"] == .array([.string("lint/strict"), .string("unit")]))
        #expect(json["pending_steps"] == .array([.string("docs")]))
        #expect(json["tokens_consumed"]?.intValue == 9_100)
        #expect(json["tokens_remaining"]?.intValue == 900)
        #expect(json["reason"]?.stringValue == "budget")
        #expect(json["steps"]?.arrayValue?.first?["command"] == nil, "commands are never stored")
    }

    @Test func unknownVersionsAndBrokenDocumentsAreRefused() {
        #expect(throws: CheckpointCoding.Failure.self) {
            try CheckpointCoding.decode(Array("{\"version\": 99}".utf8)) { _ in nil }
        }
        #expect(throws: CheckpointCoding.Failure.self) {
            try CheckpointCoding.decode(Array("{\"version\": 1, \"reason\": ".utf8)) { _ in nil }
        }
    }

    @Test func completedCheckpointsAreNotResumable() {
        var checkpoint = Self.sample()
        checkpoint.reason = .completed
        #expect(!checkpoint.isResumable)
        checkpoint.reason = .interrupted
        checkpoint.pending = []
        #expect(!checkpoint.isResumable)
    }

    @Test func theParserReadsWhatJSONValueWrites() throws {
        let value = JSONValue.object([
            ("text", .string("tab\there \u{e9} \u{1F600} \"q\" \\")),
            ("raw", .bytes([0x61, 0xff, 0x80])),
            ("numbers", .array([.int(-12), .double(1.5), .null, .bool(true), .bool(false)])),
            ("empty", .object([])),
        ])
        let parsed = try JSONParser.parse(Array(value.serialized().utf8))
        #expect(parsed == value)
        #expect(parsed["raw"]?.bytesValue == [0x61, 0xff, 0x80])
        #expect(try JSONParser.parse(Array("\"\\ud83d\\ude00\"".utf8)).stringValue == "\u{1F600}")
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("[1, 2".utf8)) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array("{} x".utf8)) }
    }
}
