import Testing
import TappsCore

@Suite("FileClassifier")
struct FileClassifierTests {
    let classifier = FileClassifier()

    @Test("default test patterns of Python, Swift, JS/TS, Go, Rust, Java", arguments: [
        "test_models.py", "pkg/models_test.py", "conftest.py", "tests/unit/x.py", "src/test/java/a/B.java",
        "Tests/CoreTests/ATests.swift", "Sources/X/FooTests.swift", "web/a.test.tsx", "web/a.spec.mjs",
        "web/__tests__/a.js", "svc/handler_test.go", "src/lexer_test.rs", "src/main/java/FooTest.java", "app/FooIT.java",
    ])
    func tests(path: String) {
        #expect(classifier.isTest(RepoPath(path)))
    }

    @Test("look-alikes of tests are not tests", arguments: [
        "src/latest.py", "src/contest/entries.py", "src/protest.go", "src/testing_utils_prod.py", "attestation.rs",
        "Sources/X/Tester.swift",
    ])
    func notTests(path: String) {
        #expect(!classifier.isTest(RepoPath(path)))
    }

    @Test("documentation")
    func documentation() {
        for path in ["README.md", "docs/guide.rst", "CHANGELOG", "LICENSE", "docs/img/arch.png", "AUTHORS",
                     "CONTRIBUTING.md", "notes.txt"] {
            #expect(classifier.isDocumentation(RepoPath(path)), "\(path)")
        }
        for path in ["docs/conf.py", "src/readme_parser.py", "Makefile"] {
            #expect(!classifier.isDocumentation(RepoPath(path)), "\(path)")
        }
    }

    @Test("build inputs ending in .txt are not documentation")
    func txtBuildInputs() {
        #expect(!classifier.isDocumentation(RepoPath("requirements.txt")))
        #expect(!classifier.isDocumentation(RepoPath("requirements-dev.txt")))
        #expect(!classifier.isDocumentation(RepoPath("CMakeLists.txt")))
        #expect(classifier.isConfiguration(RepoPath("requirements.txt")))
        #expect(classifier.isConfiguration(RepoPath("constraints.txt")))
    }

    @Test("configuration and generated files")
    func configAndGenerated() {
        for path in [".github/workflows/ci.yml", "pyproject.toml", "tsconfig.json", ".env.local", "Dockerfile", "setup.cfg"] {
            #expect(classifier.isConfiguration(RepoPath(path)), "\(path)")
        }
        for path in ["package-lock.json", "Package.resolved", "web/dist/app.min.js", "api/user.pb.go", "node_modules/x/index.js",
                     "src/__generated__/schema.ts", "ui/__snapshots__/a.snap"] {
            #expect(classifier.isGenerated(RepoPath(path)), "\(path)")
        }
        #expect(!classifier.isConfiguration(RepoPath("package-lock.json")))
        #expect(!classifier.isGenerated(RepoPath("src/generator.py")))
        // Name infixes and directory names are compared as bytes: the name is never a directory, case counts.
        #expect(classifier.isGenerated(RepoPath("api/client.generated.ts")))
        #expect(classifier.isGenerated(RepoPath("api/schema.gen.go")))
        #expect(!classifier.isGenerated(RepoPath("api/gen.go")))
        #expect(!classifier.isGenerated(RepoPath("src/dist")))
        #expect(classifier.isGenerated(RepoPath("a//dist/x.js")))
        #expect(!classifier.isGenerated(RepoPath("Dist/x.js")))
    }

    @Test("a docs directory is found in any case, and only among the directories")
    func docsDirectories() {
        #expect(classifier.isDocumentation(RepoPath("Docs/diagram.png")))
        #expect(classifier.isDocumentation(RepoPath("project/DOCUMENTATION/setup.svg")))
        #expect(!classifier.isDocumentation(RepoPath("src/docs/x.py")) && !classifier.isDocumentation(RepoPath("docs")))
        #expect(!classifier.isDocumentation(RepoPath("src/docsite/logo.png")))
    }

    @Test("security topics come from whole words of the path", arguments: [
        ("src/auth/session.py", ["auth"]),
        ("lib/crypto/aes.go", ["crypto"]),
        ("billing/invoices.rb", ["payments"]),
        ("db/migrations/0001_init.py", ["migrations"]),
        ("src/PermissionsView.swift", ["permissions"]),
        ("src/authors/list.py", []),
        ("src/latest/catalog.py", []),
        ("src/authentic_badge.py", []),
        ("src/tokenizer.py", []),
    ])
    func securityTopics(path: String, topics: [String]) {
        #expect(classifier.securityTopics(of: RepoPath(path)).sorted() == topics)
    }

    @Test("a word the splitter cuts in two still counts: api_key, APIKey, 2fa, log_in")
    func splitWords() {
        #expect(classifier.securityTopics(of: RepoPath("config/api_key.py")) == ["secrets"])
        #expect(classifier.securityTopics(of: RepoPath("Sources/APIKeyStore.swift")).contains("secrets"))
        #expect(classifier.securityTopics(of: RepoPath("src/2fa/verify.py")) == ["auth"])
        #expect(classifier.securityTopics(of: RepoPath("web/log_in.tsx")) == ["auth"])
    }

    @Test("framework paths: prefixes on component boundaries, globs, tests excluded")
    func frameworkPaths() {
        let framework = FileClassifier(frameworkPaths: ["tapps_agents/", "./core", "*.proto"].map(PathPrefixOrGlob.init))
        #expect(framework.isFramework(RepoPath("tapps_agents/a.py")))
        #expect(!framework.isFramework(RepoPath("tapps_agents_extra/a.py")))
        #expect(framework.isFramework(RepoPath("core")))
        #expect(framework.isFramework(RepoPath("core/x/y.c")))
        #expect(!framework.isFramework(RepoPath("src/core/y.c")))
        #expect(framework.isFramework(RepoPath("api/v1/user.proto")))
        #expect(!framework.isFramework(RepoPath("tapps_agents/tests/test_a.py")))
        #expect(!FileClassifier().isFramework(RepoPath("tapps_agents/a.py")))
    }
}
