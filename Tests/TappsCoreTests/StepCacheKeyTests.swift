import Testing
import TappsCore

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        // 55, 56 and 64 bytes: the padding edge cases.
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func oneMillionAsFedInUnevenPieces() {
        var hasher = SHA256()
        var fed = 0
        var piece = 1
        while fed < 1_000_000 {
            let size = min(piece, 1_000_000 - fed)
            hasher.update([UInt8](repeating: 0x61, count: size))
            fed += size
            piece = piece % 997 + 13
        }
        let hex = hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct StepCacheKeyTests {
    static func key(_ change: (inout StepCacheKey) -> Void = { _ in }) -> StepCacheKey {
        var key = StepCacheKey(
            toolVersion: "0.1.0", step: StepConfig(name: "lint", phase: .review, command: ["ruff", "check"]),
            builtin: nil, coverage: nil,
            program: .init(path: "/usr/bin/ruff", size: 100, modifiedSeconds: 1_700_000_000, modifiedNanoseconds: 5,
                           contentDigest: "ab"),
            input: .files([.init(path: RepoPath("a.py"), blob: "100644 0123")]),
            configFiles: [("pyproject.toml", nil)], environment: [("PATH", "/usr/bin")])
        change(&key)
        return key
    }

    @Test func equalInputsGiveEqualDigests() {
        #expect(Self.key().digest == Self.key().digest)
        #expect(Self.key().digest.count == 64)
    }

    @Test func everyPartChangesTheDigest() {
        let base = Self.key().digest
        let variants: [(String, (inout StepCacheKey) -> Void)] = [
            ("version", { $0.toolVersion = "0.2.0" }),
            ("name", { $0.step.name = "lint2" }),
            ("argv", { $0.step.command = ["ruff", "check", "--fix"] }),
            ("argv split", { $0.step.command = ["ruff check"] }),
            ("files regex", { $0.step.files = "\\.py$" }),
            ("exclude", { $0.step.exclude = "tests/" }),
            ("pass_filenames", { $0.step.passFilenames = false }),
            ("timeout", { $0.step.timeout = 30 }),
            ("always_run", { $0.step.alwaysRun = true }),
            ("phase", { $0.step.phase = .test }),
            ("builtin", { $0.builtin = "mypy" }),
            ("coverage", { $0.coverage = (75, [RepoPath("a.py")]) }),
            ("program path", { $0.program.path = "/usr/local/bin/ruff" }),
            ("program size", { $0.program.size = 101 }),
            ("program mtime", { $0.program.modifiedSeconds += 1 }),
            ("program mtime ns", { $0.program.modifiedNanoseconds += 1 }),
            ("program content", { $0.program.contentDigest = "cd" }),
            ("blob", { $0.input = .files([.init(path: RepoPath("a.py"), blob: "100644 0124")]) }),
            ("mode", { $0.input = .files([.init(path: RepoPath("a.py"), blob: "100755 0123")]) }),
            ("path", { $0.input = .files([.init(path: RepoPath("b.py"), blob: "100644 0123")]) }),
            ("more files", { $0.input = .files([.init(path: RepoPath("a.py"), blob: "100644 0123"), .init(path: RepoPath("b.py"), blob: "100644 0123")]) }),
            ("tree", { $0.input = .tree("0123") }),
            ("config file appears", { $0.configFiles = [("pyproject.toml", "ee")] }),
            ("environment", { $0.environment = [("PATH", "/bin")] }),
            ("environment unset", { $0.environment = [("PATH", nil)] }),
        ]
        var seen: Set<String> = [base]
        for (label, change) in variants {
            let digest = Self.key(change).digest
            #expect(!seen.contains(digest), "\(label) did not change the key")
            seen.insert(digest)
        }
    }
}

@Suite struct StepCacheEntryTests {
    static let key = String(repeating: "a", count: 64)

    @Test func aPassRoundTripsAsACachedResultWithNoTokensAndADatedNote() throws {
        let result = StepResult(name: "lint", phase: .review, status: .passed, duration: 12, exitCode: 0,
                                findings: [Finding(file: RepoPath("a.py"), line: 3, severity: "note", message: "hm")],
                                output: "long output", tokensReported: 900, fileCount: 2)
        let bytes = Array(StepCacheEntry.encode(key: Self.key, result: result, createdAt: "2026-01-29T14:30:22Z").serialized().utf8)
        let cached = try #require(StepCacheEntry.decode(bytes, key: Self.key, name: "lint"))
        #expect(cached.status == .passed && cached.cached && cached.tokensReported == nil && cached.duration == 0)
        #expect(cached.note == "cached: passed on 2026-01-29 14:30:22 UTC")
        #expect(cached.findings == result.findings && cached.fileCount == 2 && cached.exitCode == 0)
        #expect(cached.output.isEmpty)
    }

    @Test func anythingButAMatchingPassIsRejected() {
        let pass = StepResult(name: "lint", phase: .review, status: .passed)
        let good = Array(StepCacheEntry.encode(key: Self.key, result: pass, createdAt: "2026-01-29T14:30:22Z").serialized().utf8)
        #expect(StepCacheEntry.decode(good, key: String(repeating: "b", count: 64), name: "lint") == nil)
        #expect(StepCacheEntry.decode(good, key: Self.key, name: "other") == nil)
        #expect(StepCacheEntry.decode(Array("{not json".utf8), key: Self.key, name: "lint") == nil)
        #expect(StepCacheEntry.decode([], key: Self.key, name: "lint") == nil)
        for status in [StepStatus.failed, .modified, .error, .timedOut, .interrupted, .skipped] {
            var result = pass
            result.status = status
            let bytes = Array(StepCacheEntry.encode(key: Self.key, result: result, createdAt: "2026-01-29T14:30:22Z").serialized().utf8)
            #expect(StepCacheEntry.decode(bytes, key: Self.key, name: "lint") == nil, "\(status)")
        }
    }
}
