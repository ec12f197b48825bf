import Foundation
import Testing
import TestSupport

/// The built-in guards through real `git commit`s with the installed hook and zero configuration: each
/// fires on a staged case and stays quiet on the nearest harmless one; `SKIP=` and `builtins:` turn it off.
@Suite struct GuardCommitTests {
    // Test material is assembled at run time so that this file itself holds no marker, key or token.
    static let ours = String(repeating: "<", count: 7), theirs = String(repeating: ">", count: 7)
    static let middle = String(repeating: "=", count: 7)
    static let conflict = "line\n\(ours) HEAD\nmine\n\(middle)\ntheirs\n\(theirs) feature\n"
    static let keyBody = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
    static let privateKey = "-----BEGIN RSA " + "PRIVATE KEY-----\n" + keyBody + "-----END RSA " + "PRIVATE KEY-----\n"
    static let publicKey = "-----BEGIN PUBLIC KEY-----\n" + keyBody + "-----END PUBLIC KEY-----\n"
        + "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvuNMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s user@host\n"
    static let githubToken = "ghp_" + String(repeating: "a1B2", count: 9)

    static func repository(config: String? = nil) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        if let config { try repo.write(".tapps.yaml", config) }
        try repo.write("README.md", "# Project\n")
        try repo.commitAll("base")
        let install = try repo.tapps(["install"])
        #expect(install.status == 0, "\(install.errorText)")
        return repo
    }

    /// Stages `files` and commits through the hook; returns whether the commit was made and what the hook said.
    static func commit(_ repo: ScratchRepository, _ files: [String: String], environment: [String: String] = [:])
    throws -> (committed: Bool, output: String) {
        for (path, content) in files { try repo.write(path, content) }
        try repo.git(["add", "--"] + files.keys.sorted())
        let before = try InstallSupport.commitCount(repo)
        let result = try InstallSupport.commit(repo, environment: RunCommandTests.hookEnvironment.merging(environment) { $1 })
        let committed = try InstallSupport.commitCount(repo) == before + 1
        if !committed { try repo.git("reset", "-q") }
        return (committed, result.outputText + result.errorText)
    }

    /// The staged case each guard must block, for the SKIP= and builtins: tests.
    static let cases: [(guard: String, files: [String: String])] = [
        ("conflict-markers", ["merge.txt": conflict]),
        ("private-keys", ["deploy/id_rsa": privateKey]),
        ("case-conflicts", ["readme.md": "lower\n"]),
        ("syntax", ["config/app.json": "{\"port\": 80,}\n"]),
        ("large-files", ["assets/blob.bin": String(repeating: "x", count: 501 * 1024)]),
    ]

    // MARK: - Each guard fires, and stays quiet on the harmless neighbour

    @Test func conflictMarkersBlockAConflictButNotAMarkdownUnderline() throws {
        let repo = try Self.repository()
        let underline = try Self.commit(repo, ["docs/guide.md": "Guide\n\(Self.middle)\n\nText.\n", "docs/index.rst": "\(Self.middle)\nTitle\n\(Self.middle)\n"])
        #expect(underline.committed, "a heading underline is not a conflict marker: \(underline.output)")
        let conflict = try Self.commit(repo, ["merge.txt": Self.conflict])
        #expect(!conflict.committed)
        #expect(conflict.output.contains("conflict-markers") && conflict.output.contains("merge.txt"))
        #expect(conflict.output.contains("2:1") && conflict.output.contains("4:1") && conflict.output.contains("6:1"), "\(conflict.output)")
    }

    @Test func privateKeysBlockAPrivateKeyButNotAPublicOne() throws {
        let repo = try Self.repository()
        let publicKey = try Self.commit(repo, ["deploy/key.pub": Self.publicKey])
        #expect(publicKey.committed, "\(publicKey.output)")
        let privateKey = try Self.commit(repo, ["deploy/id_rsa": Self.privateKey])
        #expect(!privateKey.committed)
        #expect(privateKey.output.contains("deploy/id_rsa") && privateKey.output.contains("1:1") && privateKey.output.contains("private key"))
    }

    @Test func largeFilesBlockABigNewFileButNotAnLFSPointerOrAShrinkingOne() throws {
        let repo = try Self.repository()
        let pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 734003200\n"
        let lfs = try Self.commit(repo, ["video.mp4": pointer])
        #expect(lfs.committed, "\(lfs.output)")
        let big = try Self.commit(repo, ["assets/blob.bin": String(repeating: "x", count: 501 * 1024)])
        #expect(!big.committed)
        #expect(big.output.contains("assets/blob.bin") && big.output.contains("500 KiB"), "\(big.output)")
        try repo.write("assets/old.bin", String(repeating: "y", count: 800 * 1024))
        try repo.git("add", "assets/old.bin")
        try repo.git("commit", "-q", "--no-verify", "-m", "an old big file")
        let shrunk = try Self.commit(repo, ["assets/old.bin": String(repeating: "y", count: 700 * 1024)])
        #expect(shrunk.committed, "a file that did not grow is not reported: \(shrunk.output)")
        let grown = try Self.commit(repo, ["assets/old.bin": String(repeating: "y", count: 900 * 1024)])
        #expect(!grown.committed && grown.output.contains("was 700.0 KiB"), "\(grown.output)")
    }

    /// `--all-files` has no old side, but a file committed at its size was not added by anyone: like pre-commit-hooks'
    /// check, large-files then compares with HEAD (attrs' repository tracks a 533 KiB design file).
    @Test func largeFilesWithAllFilesReportOnlyWhatIsAddedOrGrownSinceHead() throws {
        let repo = try Self.repository(config: "builtins: [large-files]\n")
        try repo.write("assets/design.bin", String(repeating: "d", count: 533 * 1024))
        try repo.git("add", "assets/design.bin")
        try repo.git("commit", "-q", "--no-verify", "-m", "a committed big file")
        let untouched = try repo.tapps(["run", "--all-files", "--no-cache"])
        #expect(untouched.status == 0, "a committed big file is not reported: \(untouched.outputText)")
        try repo.write("assets/design.bin", String(repeating: "d", count: 600 * 1024))
        try repo.write("assets/new.bin", String(repeating: "n", count: 501 * 1024))
        try repo.git("add", "assets")
        let staged = try repo.tapps(["run", "--all-files", "--no-cache"])
        #expect(staged.status == 1, "\(staged.outputText)")
        #expect(staged.outputText.contains("assets/new.bin") && staged.outputText.contains("was 533.0 KiB"), "\(staged.outputText)")
    }

    @Test func caseConflictsBlockPathsThatDifferOnlyInCase() throws {
        let repo = try Self.repository()
        let distinct = try Self.commit(repo, ["docs/readme-2.md": "two\n", "Docs2/other.md": "other\n"])
        #expect(distinct.committed, "\(distinct.output)")
        let clash = try Self.commit(repo, ["readme.md": "lower\n"])
        #expect(!clash.committed)
        #expect(clash.output.contains("readme.md") && clash.output.contains("README.md"), "\(clash.output)")
        let directory = try Self.commit(repo, ["docs2/new.md": "new\n"])
        #expect(!directory.committed && directory.output.contains("Docs2"), "\(directory.output)")
    }

    @Test func syntaxBlocksFilesThatDoNotParseWithTheirPosition() throws {
        let repo = try Self.repository()
        let valid = try Self.commit(repo, [
            "tsconfig.json": "{\n  // comments are fine here\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
            "data.json": "{\"a\": [1, 2.5e3, \"\\u00e9\"], \"b\": null}\n",
            "deploy.yaml": "a: 1\n---\nb: !Ref thing\n",
            "pyproject.toml": "[project]\nname = \"x\"\nversion = \"1.0\"\n[tool.x]\nwhen = 1979-05-27T07:32:00Z\nlist = [\n  1, # one\n  2,\n]\n",
        ])
        #expect(valid.committed, "\(valid.output)")
        let broken = try Self.commit(repo, [
            "data.json": "{\n  \"a\": 1\n  \"b\": 2\n}\n",
            "deploy.yaml": "a: 1\n b: 2\n",
            "pyproject.toml": "[project]\nname = \"x\"\nname = \"y\"\n",
        ])
        #expect(!broken.committed)
        #expect(broken.output.contains("data.json") && broken.output.contains("3:3"), "\(broken.output)")
        #expect(broken.output.contains("deploy.yaml") && broken.output.contains("invalid YAML"))
        #expect(broken.output.contains("pyproject.toml") && broken.output.contains("3:1") && broken.output.contains("defined twice"))
    }

    // MARK: - SKIP= and builtins: turn each one off

    @Test(arguments: cases.map(\.guard))
    func skipAndBuiltinsTurnEachGuardOff(_ name: String) throws {
        let files = try #require(Self.cases.first { $0.guard == name }?.files)
        let repo = try Self.repository()
        let blocked = try Self.commit(repo, files)
        #expect(!blocked.committed && blocked.output.contains(name), "\(name) fires: \(blocked.output)")
        let skipped = try Self.commit(repo, files, environment: ["SKIP": name])
        #expect(skipped.committed, "SKIP=\(name): \(skipped.output)")

        let configured = try Self.repository(config: "builtins:\n  \(name): false\n")
        let off = try Self.commit(configured, files)
        #expect(off.committed, "builtins: {\(name): false}: \(off.output)")
    }

    @Test(arguments: ["secrets", "markdown-links"])
    func skipAndBuiltinsTurnTheSecurityAndDocsGuardsOff(_ name: String) throws {
        let files = name == "secrets" ? ["ci.env": "TOKEN=\(Self.githubToken)\n"] : ["docs.md": "[x](missing.md)\n"]
        let repo = try Self.repository(config: "preset: full-sdlc\n")
        let blocked = try Self.commit(repo, files)
        #expect(!blocked.committed && blocked.output.contains(name), "\(name) fires: \(blocked.output)")
        let skipped = try Self.commit(repo, files, environment: ["SKIP": name])
        #expect(skipped.committed, "SKIP=\(name): \(skipped.output)")
        let configured = try Self.repository(config: "preset: full-sdlc\nbuiltins:\n  \(name): false\n")
        #expect(try Self.commit(configured, files).committed, "builtins: {\(name): false}")
    }

    // MARK: - Security and docs phases with zero config

    @Test func comprehensiveWithZeroConfigFailsAStagedGitHubToken() throws {
        let repo = try Self.repository()
        try repo.write("deploy/settings.ini", "[github]\ntoken = \(Self.githubToken)\n")
        try repo.git("add", "deploy/settings.ini")
        let run = try repo.tapps(["run", "--preset", "comprehensive", "--format", "json"])
        #expect(run.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any] ?? [:]
        let steps = BuiltinRunTests.steps(json)
        let secrets = try #require(steps["secrets"])
        #expect(secrets["status"] as? String == "failed" && secrets["phase"] as? String == "security")
        let finding = try #require((secrets["findings"] as? [[String: Any]])?.first)
        #expect(finding["file"] as? String == "deploy/settings.ini" && finding["line"] as? Int == 2 && finding["column"] as? Int == 9)
        #expect(!(String(decoding: run.output, as: UTF8.self)).contains(Self.githubToken), "the report never prints the secret")

        let standard = try repo.tapps(["run", "--preset", "standard"])
        #expect(standard.status == 0, "standard runs no security phase: \(standard.outputText)")
    }

    /// A change of more than `BlobVisits.parallelThreshold` files is scanned on two threads: every problem is
    /// still found, once, and a secret already committed on an unchanged line still is not.
    @Test func aBigChangeIsJudgedFileByFileLikeASmallOne() throws {
        let repo = try Self.repository(config: "preset: comprehensive\nbuiltins:\n  mypy: false\n  pytest: false\n")
        for number in 0..<120 { try repo.write("old/file\(number).env", "KEY\(number)=\(Self.githubToken)\n") }
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "old tokens")
        var expected: [String: Set<String>] = ["conflict-markers": [], "secrets": [], "syntax": [], "private-keys": []]
        for number in 0..<120 {
            // The old token stays on line 1; the change adds line 2.
            try repo.write("old/file\(number).env", "KEY\(number)=\(Self.githubToken)\nOTHER=\(number)\n")
            switch number % 10 {
            case 1:
                try repo.write("new/merge\(number).txt", Self.conflict)
                expected["conflict-markers"]?.insert("new/merge\(number).txt")
            case 3:
                try repo.write("old/file\(number).env", "KEY\(number)=\(Self.githubToken)\nNEW=\(Self.githubToken)\n")
                expected["secrets"]?.insert("old/file\(number).env:2")
            case 5:
                try repo.write("new/data\(number).json", "{\"a\": 1,,}\n")
                expected["syntax"]?.insert("new/data\(number).json")
            case 7:
                try repo.write("new/key\(number)", Self.privateKey)
                expected["private-keys"]?.insert("new/key\(number)")
            default:
                try repo.write("new/fine\(number).json", "{\"n\": \(number)}\n")
            }
        }
        try repo.git("add", "-A")
        let run = try repo.tapps(["run", "--format", "json"])
        let steps = BuiltinRunTests.steps(try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any] ?? [:])
        for (guardName, places) in expected {
            let findings = steps[guardName]?["findings"] as? [[String: Any]] ?? []
            let found = findings.map { finding in
                let file = finding["file"] as? String ?? ""
                return guardName == "secrets" ? "\(file):\(finding["line"] as? Int ?? 0)" : file
            }
            #expect(Set(found) == places, "\(guardName): \(found.sorted())")
            let perFile = guardName == "conflict-markers" ? 3 : 1
            #expect(found.count == places.count * perFile, "\(guardName) reports each problem once: \(found.count)")
        }
    }

    @Test func secretsLookOnlyAtAddedLinesAndHonourThePragmaAndTheAllowList() throws {
        let repo = try Self.repository(config: "preset: comprehensive\nbuiltins:\n  secrets: {allow: ['^AKIA[0-9A-Z]{4}TESTONLY']}\n")
        try repo.write("old.env", "GITHUB_TOKEN=\(Self.githubToken)\n")
        try repo.git("add", "old.env")
        try repo.git("commit", "-q", "--no-verify", "-m", "an old token, already committed")
        let untouched = try Self.commit(repo, ["old.env": "GITHUB_TOKEN=\(Self.githubToken)\nOTHER=1\n"])
        #expect(untouched.committed, "a line the change does not add is not reported: \(untouched.output)")
        let pragma = try Self.commit(repo, ["fixture.py": "TOKEN = '\(Self.githubToken)'  # tapps: allow-secret\n"])
        #expect(pragma.committed, "\(pragma.output)")
        let allowed = try Self.commit(repo, ["aws.txt": "key AKIA2345TESTONLY2345\n"])
        #expect(allowed.committed, "\(allowed.output)")
        let slack = try Self.commit(repo, ["notify.sh": "curl https://hooks.slack.com/services/T0ABCDEFG/B0ABCDEFG/abcdefghijklmnopqrstuvwx\n"])
        #expect(!slack.committed && slack.output.contains("Slack webhook"), "\(slack.output)")
        let password = try Self.commit(repo, ["db.yaml": "password: \"Zq8#kL2!vR9@pX4w\"\nuser: admin\n"])
        #expect(!password.committed && password.output.contains("db.yaml") && password.output.contains("1:12"), "\(password.output)")
        let placeholder = try Self.commit(repo, ["db2.yaml": "password: \"${DB_PASSWORD}\"\napi_key: \"changeme\"\n"])
        #expect(placeholder.committed, "\(placeholder.output)")
    }

    @Test func markdownLinksFailOnMissingTargetsAndAnchorsInFullSDLC() throws {
        let repo = try Self.repository(config: "preset: full-sdlc\n")
        try repo.write("docs/guide.md", "# Guide\n\n## Set up the thing\n")
        try repo.git("add", "docs/guide.md")
        try repo.git("commit", "-q", "--no-verify", "-m", "guide")
        let good = try Self.commit(repo, ["README.md": "# Project\n\nSee [the guide](docs/guide.md#set-up-the-thing), [up](#project), [site](https://example.com/x).\n\n```\n[not a link](nowhere.md)\n```\n"])
        #expect(good.committed, "\(good.output)")
        try repo.write("docs/image.png", "not staged\n")
        let bad = try Self.commit(repo, ["README.md": "# Project\n\n![logo](docs/image.png)\n[guide](docs/guide.md#setup)\n[gone](docs/old.md)\n"])
        #expect(!bad.committed)
        #expect(bad.output.contains("markdown-links") && bad.output.contains("3:9") && bad.output.contains("docs/image.png"), "\(bad.output)")
        #expect(bad.output.contains("#setup") && bad.output.contains("docs/old.md"))
    }

    // MARK: - Toolchains and what nothing checks

    /// A PATH with the built git-tapps and git, and nothing else.
    static func barePath() throws -> (ScratchRepository, String) {
        let directory = try ScratchRepository(initialize: false)
        try FileManager.default.createDirectory(atPath: directory.path("bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path("bin/git"), withDestinationPath: InstallSupport.gitExecutable)
        return (directory, InstallSupport.builtBinDirectory + ":" + directory.path("bin"))
    }

    @Test func aStagedGoFileWithGoMissingGetsTheNote() throws {
        let repo = try Self.repository()
        let (keep, path) = try Self.barePath()
        _ = keep
        try repo.write("go.mod", "module example.com/m\n\ngo 1.19\n")
        try repo.write("cmd/main.go", "package main\n\nfunc main() {}\n")
        try repo.write("lib/lib.go", "package lib\n")
        try repo.git("add", "-A")
        let run = try repo.tapps(["run", "--format", "json"], environment: ["PATH": path])
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any] ?? [:]
        #expect((json["notes"] as? [String])?.contains("nothing checks the staged Go files (2): install go, or add a step") == true, "\(json)")
        let steps = BuiltinRunTests.steps(json)
        #expect(steps["go-vet"]?["status"] as? String == "skipped" && steps["go-vet"]?["note"] as? String == "go not found")
        let text = try repo.tapps(["run"], environment: ["PATH": path])
        #expect(text.outputText.components(separatedBy: "nothing checks the staged Go files").count == 2, "once: \(text.outputText)")
    }

    static let hasGo = BuiltinRunTests.toolDirectory("go").map { _ in true } ?? Self.goVersionWorks()
    static func goVersionWorks() -> Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/go")
            && (try? ProcessRunner.run("/usr/bin/go", ["version"], directory: "/tmp", environment: ScratchRepository.environment))?.status == 0
    }

    @Test(.enabled(if: hasGo, "go is not installed (scripts/test installs golang-go)"))
    func aGoCompileErrorFailsTheCommit() throws {
        let repo = try Self.repository()
        var environment = ["GOCACHE": repo.path(".git/go-cache"), "GOFLAGS": "-mod=mod", "GOPROXY": "off"]
        environment["HOME"] = repo.path(".git")
        try repo.write("go.mod", "module example.com/m\n\ngo 1.19\n")
        try repo.git("add", "go.mod")
        try repo.git("commit", "-q", "--no-verify", "-m", "module")
        let good = try Self.commit(repo, ["lib/lib.go": "package lib\n\n// Add adds.\nfunc Add(a, b int) int { return a + b }\n"], environment: environment)
        #expect(good.committed, "\(good.output)")
        let broken = try Self.commit(repo, ["lib/lib.go": "package lib\n\nfunc Add(a, b int) int { return a + c }\n"], environment: environment)
        #expect(!broken.committed)
        #expect(broken.output.contains("go-vet") && broken.output.contains("lib/lib.go") && broken.output.contains("3:"), "\(broken.output)")
        let unformatted = try Self.commit(repo, ["lib/lib.go": "package lib\n\nfunc Add(a, b int) int {\nreturn a + b\n}\n"], environment: environment)
        #expect(!unformatted.committed && unformatted.output.contains("gofmt"), "\(unformatted.output)")
    }

    static let hasShellcheck = BuiltinRunTests.toolDirectory("shellcheck") != nil

    @Test(.enabled(if: hasShellcheck, "shellcheck is not installed (scripts/test installs it)"))
    func shellcheckFindingsBlockTheCommit() throws {
        let repo = try Self.repository()
        let good = try Self.commit(repo, ["run.sh": "#!/bin/sh\necho \"$1\"\n"])
        #expect(good.committed, "\(good.output)")
        let bad = try Self.commit(repo, ["run.sh": "#!/bin/sh\ncd build\nmake\n"])
        #expect(!bad.committed && bad.output.contains("run.sh") && bad.output.contains("2:1") && bad.output.contains("SC2164"), "\(bad.output)")
    }
}
