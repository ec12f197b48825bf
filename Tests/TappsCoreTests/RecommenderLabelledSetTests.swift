import Testing
import TappsCore

/// One hand-labelled task: a description, the staged files (nil: no repository; []: nothing
/// staged) and every preset a careful reviewer would accept for it.
struct LabelledCase: Sendable {
    let task: String
    let files: [ChangedFile]?
    let acceptable: Set<String>

    init(_ task: String, _ files: [ChangedFile]?, _ acceptable: String...) {
        self.task = task
        self.files = files
        self.acceptable = Set(acceptable)
    }

    var summary: String {
        let change: String
        if let files {
            change = files.isEmpty ? "nothing staged"
                : "\(files.count) file(s): " + files.prefix(3).map(\.path.string).joined(separator: ", ")
        } else {
            change = "no repository"
        }
        return "\"\(task.isEmpty ? "(no description)" : task)\" [\(change)]"
    }
}

@Suite("Recommender labelled set")
struct RecommenderLabelledSetTests {
    @Test("at least 60 varied cases")
    func size() {
        let cases = Self.cases
        #expect(cases.count >= 60)
        #expect(cases.filter { $0.files == nil }.count >= 10, "no-repository cases")
        #expect(cases.filter { $0.task.isEmpty }.count >= 10, "diff-only cases")
        #expect(cases.filter { $0.task.split(separator: " ").count >= 25 }.count >= 3, "long descriptions")
        for preset in BuiltInPresets.all.map(\.name) {
            #expect(cases.contains { $0.acceptable == [preset] }, "a case that only \(preset) satisfies")
        }
    }

    @Test("accuracy on the labelled set is at least 90%")
    func accuracy() {
        let recommender = Recommender()
        var misses: [String] = []
        for labelled in Self.cases {
            let result = recommender.recommend(description: labelled.task, context: Change.context(labelled.files))
            if !labelled.acceptable.contains(result.preset) {
                misses.append("\(labelled.summary): got \(result.preset), want \(labelled.acceptable.sorted().joined(separator: "|"))\n"
                              + result.reasoning.map { "      - \($0)" }.joined(separator: "\n"))
            }
        }
        let accuracy = Double(Self.cases.count - misses.count) / Double(Self.cases.count)
        print("Recommender labelled set: \(Self.cases.count - misses.count)/\(Self.cases.count) (\(Int((accuracy * 100).rounded()))%)")
        for miss in misses { print("  miss: \(miss)") }
        #expect(accuracy >= 0.9, "misses:\n\(misses.joined(separator: "\n"))")
    }

    typealias C = LabelledCase
    static let cases: [LabelledCase] = trivial + standard + medium + heavy + diffOnly + traps + long + everyday

    static let trivial: [C] = [
        C("Fix typo in README", [Change.edit("README.md", 1, 1)], "minimal"),
        C("Fix typo in README", nil, "minimal"),
        C("fix typos in the installation guide", [Change.edit("docs/install.md", 3, 3)], "minimal"),
        C("Add debug logging to the retry loop", [Change.edit("src/net/retry.py", 4)], "minimal"),
        C("Add logging to the sync worker", nil, "minimal"),
        C("Update the install docs", [Change.edit("docs/install.md", 20, 5)], "minimal"),
        C("Fix comment in parser", [Change.edit("src/parser.c", 1, 1)], "minimal"),
        C("Add docstrings to the utils module", [Change.edit("src/utils.py", 30)], "minimal", "standard"),
        C("Update copyright year", [Change.edit("LICENSE", 1, 1)], "minimal"),
        C("Fix the broken link in CONTRIBUTING", [Change.edit("CONTRIBUTING.md", 1, 1)], "minimal"),
        C("Improve error messages in the CLI", [Change.edit("Sources/cli/Errors.swift", 20, 15)], "minimal", "standard"),
        C("Remove unused imports", [Change.edit("src/a.py", 0, 3), Change.edit("src/b.py", 0, 2)], "minimal", "standard"),
        C("Bump lodash to 4.17.21", [Change.edit("package.json", 1, 1), Change.edit("package-lock.json", 10, 10)],
          "minimal", "standard"),
        C("Update README with the new authentication flow", [Change.edit("README.md", 30, 2)], "minimal"),
        C("Document the breaking change in the v2 config format", [Change.add("docs/migration-v2.md", 80)],
          "minimal", "standard"),
        C("Write an ADR for moving to event sourcing", [Change.add("docs/adr/0005-event-sourcing.md", 90)],
          "minimal", "standard"),
        C("Add API docs for the orders endpoint", nil, "minimal"),
        C("Fix typo in login error message", [Change.edit("src/auth/login.py", 1, 1)], "minimal", "standard"),
        C("Add logging to the payment retries", [Change.edit("src/payments/retry.py", 6)], "minimal", "standard"),
    ]

    static let standard: [C] = [
        C("Fix off-by-one in pagination", [Change.edit("src/list.py", 1, 1)], "standard"),
        C("Add input validation to the signup form", [Change.edit("src/forms/signup.py", 25, 2)], "standard", "comprehensive"),
        C("Add a --verbose flag to the build command", [Change.edit("Sources/cli/Build.swift", 12, 1)], "standard"),
        C("Refactor the parse_date function", [Change.edit("src/dates.py", 30, 25)], "standard"),
        C("Fix crash when the tokenizer sees an empty line", [Change.edit("src/tokenizer.rs", 3, 1)], "standard"),
        C("Rename the author field to creator in the export", [Change.edit("src/export/model.py", 10, 10)], "standard"),
        C("Tidy up the session cleanup job, no auth changes", [Change.edit("src/jobs/cleanup.py", 20, 15)], "standard"),
        C("Resolve merge conflicts in the parser", [Change.unmerged("src/parser.py")], "standard"),
        C("Handle SIGTERM gracefully in the worker", [Change.edit("src/worker.py", 25, 3)], "standard"),
        C("Add a dark mode toggle", [Change.edit("web/src/theme.ts", 30, 2), Change.edit("web/src/Settings.tsx", 15, 1)],
          "standard", "lightweight"),
        C("Rename variables in the checkout helper for clarity", [Change.edit("src/checkout/helpers.py", 12, 12)], "standard"),
        C("Add retries to the Stripe client", [Change.edit("src/payments/stripe_client.py", 25, 5)],
          "standard", "comprehensive"),
        C("Add unit tests for the tokenizer", [Change.add("tests/test_tokenizer.py", 120)], "minimal", "standard"),
        C("Fix flaky test in the scheduler suite", [Change.edit("tests/test_scheduler.py", 4, 2)], "minimal", "standard"),
        C("Fix bug in the date picker", nil, "standard"),
        C("Add a timeout option to the HTTP client", nil, "standard"),
        C("Validate the email field before saving", [Change.edit("src/users/forms.py", 14, 2)], "standard"),
    ]

    static let medium: [C] = [
        C("Add CSV export to the report page",
          [Change.add("src/reports/export.py", 180), Change.edit("src/reports/views.py", 20, 2)], "lightweight"),
        C("Support pagination in the list command",
          [Change.edit("src/cli/list.go", 120, 30), Change.add("src/cli/list_test.go", 80)], "lightweight"),
        C("Add a new dashboard page for sales analytics",
          [Change.add("web/src/dashboard/Sales.tsx", 250), Change.add("web/src/dashboard/salesData.ts", 60)], "lightweight"),
        C("Implement search for the admin user list", nil, "lightweight", "comprehensive"),
        C("Fix race condition in the job queue", [Change.edit("src/jobs/queue.py", 25, 10)],
          "standard", "lightweight", "comprehensive"),
        C("Optimize the search query performance", [Change.edit("src/search/query.py", 40, 30)], "standard", "lightweight"),
        C("Add caching to the product catalog", [Change.edit("src/catalog/service.py", 90, 10), Change.add("src/catalog/cache.py", 120)],
          "lightweight"),
        C("Add bulk import of contacts from CSV", nil, "lightweight"),
    ]

    static let heavy: [C] = [
        C("Add a new REST API endpoint for invoices",
          [Change.add("src/api/invoices.py", 140), Change.add("tests/test_invoices_api.py", 90)], "comprehensive"),
        C("Add rate limiting to the login endpoint", [Change.edit("src/auth/login.py", 60, 5)], "comprehensive"),
        C("Add OAuth token refresh", nil, "comprehensive"),
        C("Refactor the authentication system",
          [Change.edit("src/auth/session.py", 150, 90), Change.edit("src/auth/tokens.py", 80, 40), Change.add("src/auth/store.py", 60)],
          "full-sdlc"),
        C("Split the monolith into services", nil, "full-sdlc"),
        C("Change the plugin API of the framework", nil, "full-sdlc"),
        C("Breaking change: rename config keys", [Change.edit("src/config.py", 40, 40)], "full-sdlc"),
        C("Add OAuth login with Google", [], "comprehensive"),
        C("Refactor the payment module to use the new ledger API", nil, "comprehensive", "full-sdlc"),
        C("Add two-factor authentication", nil, "comprehensive"),
        C("Encrypt API keys at rest", [Change.edit("src/secrets/store.py", 70, 10)], "comprehensive"),
        C("Fix XSS in comment rendering", [Change.edit("src/render/comments.py", 6, 2)], "comprehensive"),
        C("Add a database migration for the orders table", [Change.add("migrations/0007_orders.py", 40)], "comprehensive"),
        C("Migrate from REST to GraphQL", nil, "comprehensive", "full-sdlc"),
        C("Rewrite the storage layer", nil, "comprehensive", "full-sdlc"),
        C("Deprecate the v1 orders endpoint", nil, "comprehensive"),
        C("Implement distributed cache invalidation across services", nil, "comprehensive", "full-sdlc"),
        C("Add SAML single sign-on for enterprise customers", nil, "comprehensive"),
        C("Introduce role-based access control", nil, "comprehensive", "full-sdlc"),
        C("Replace the ORM with raw SQL queries across the codebase", nil, "comprehensive", "full-sdlc"),
        C("Add password reset via email", nil, "comprehensive"),
        C("Add Stripe webhook handler for refunds", [Change.add("src/payments/webhooks.py", 120)], "comprehensive"),
        C("Add GDPR data export for user accounts", nil, "comprehensive"),
        C("Fix typo", [Change.edit("tapps_agents/core/runner.py", 1, 1)], "full-sdlc"),
        C("", [Change.edit("tapps_agents/workflow/presets.py", 40, 2), Change.edit("README.md", 3)], "full-sdlc"),
        C("Redesign the event bus", nil, "full-sdlc"),
        C("Make the public API of the SDK async", nil, "comprehensive", "full-sdlc"),
    ]

    static let diffOnly: [C] = [
        C("", [Change.edit("README.md", 2, 1)], "minimal"),
        C("", [Change.edit("src/app.py", 3, 1)], "minimal", "standard"),
        C("", [Change.edit("src/auth/session.py", 40, 10)], "comprehensive"),
        C("", [Change.add("db/migrations/0042_add_email.py", 30)], "comprehensive"),
        C("", Change.spread(30, lines: 60, directories: ["api", "web", "worker", "lib", "cli"]), "comprehensive", "full-sdlc"),
        C("", [Change.edit("src/reports/a.py", 90, 20), Change.edit("src/reports/b.py", 80, 10), Change.add("src/reports/c.py", 60)],
          "lightweight"),
        C("", [Change.add("tests/test_parser.py", 40)], "minimal", "standard"),
        C("", [Change.edit(".github/workflows/ci.yml", 8, 2)], "minimal", "standard"),
        C("", [Change.edit("package-lock.json", 300, 200)], "minimal", "standard"),
        C("", [Change.binary("assets/logo.png")], "minimal"),
        C("", [Change.delete("src/legacy/old_importer.py", 200)], "minimal", "standard"),
        C("", [Change.rename("src/util.py", "src/helpers.py"), Change.rename("src/io.py", "src/files.py")], "minimal", "standard"),
        C("", [Change.edit("src/a.py", 60, 20), Change.edit("src/b.py", 30, 10)], "standard"),
        C("", [Change.submodule("vendor/libfoo")], "minimal", "standard"),
        C("", nil, "standard"),
        C("", [], "standard"),
    ]

    /// Words that contain a keyword but are not it.
    static let traps: [C] = [
        C("Fix the latest release notes", [Change.edit("CHANGELOG.md", 5, 2)], "minimal"),
        C("Update the author list", [Change.edit("AUTHORS", 1)], "minimal"),
        C("Catalog page shows wrong prices", [Change.edit("src/catalog/views.py", 6, 2)], "standard"),
        C("Improve logistics report layout", [Change.edit("src/logistics/report.py", 40, 10)], "standard", "lightweight"),
        C("Handle contest entries with missing scores", [Change.edit("src/contest/entries.py", 15, 3)], "standard"),
        C("Show authentic badge on author profile", [Change.edit("src/profile/badge.tsx", 25, 4)], "standard"),
        C("Add an endpoint to list authors", nil, "comprehensive"),
        C("Fix bug where catalogue export skips the latest items", [Change.edit("src/export.py", 5, 2)], "standard"),
        C("Show protest dates on the events page", [Change.edit("web/events/Page.tsx", 12, 3)], "standard"),
        C("Fix blog post ordering", [Change.edit("src/blog/posts.py", 4, 2)], "standard"),
        C("Non-breaking change to the search ranking", [Change.edit("src/search/rank.py", 30, 10)], "standard", "lightweight"),
        C("Upgrade Django to 5.0", [Change.edit("requirements.txt", 1, 1)], "minimal", "standard"),
        C("Log failed login attempts", [Change.edit("src/auth/login.py", 3)], "minimal", "standard", "comprehensive"),
        C("Fix typos in the authorization docs", [Change.edit("docs/authorization.md", 2, 2)], "minimal"),
    ]

    static let long: [C] = [
        C("""
          As a shop owner I want to export my monthly sales as CSV so that I can import them into my accounting tool. \
          The export should be available from the reports page and respect the current filters.
          """, [Change.add("src/reports/export.py", 160), Change.edit("src/reports/views.py", 30, 4),
                Change.add("tests/test_export.py", 70)], "lightweight"),
        C("""
          The nightly sync job crashes when the upstream API returns an empty page. Add a guard for empty responses \
          and a regression test so that it does not happen again.
          """, [Change.edit("src/sync/job.py", 8, 1), Change.add("tests/test_sync.py", 20)], "standard"),
        C("""
          Users reported that the dashboard is slow when many widgets are open. Profile the rendering and memoize \
          the expensive selectors; this is a performance fix, no API changes.
          """, [Change.edit("web/src/dashboard/Grid.tsx", 50, 20), Change.edit("web/src/dashboard/selectors.ts", 10, 4)],
          "standard", "lightweight"),
        C("""
          We are moving away from session cookies. Replace the session-based authentication with short-lived JWT \
          access tokens and refresh tokens, update every client, and remove the old session store. This is a \
          breaking change for API consumers.
          """, nil, "full-sdlc"),
        C("""
          Small cleanup after the last release: fix the typo in the changelog, reword two sentences in the \
          contributing guide and update the copyright year in the license file.
          """, [Change.edit("CHANGELOG.md", 1, 1), Change.edit("CONTRIBUTING.md", 2, 2), Change.edit("LICENSE", 1, 1)], "minimal"),
    ]

    /// Commit subjects of the kind seen in real projects, labelled before the recommender saw them.
    static let everyday: [C] = [
        C("Fix memory leak in image decoder", [Change.edit("src/image/decoder.c", 12, 4)], "standard", "lightweight"),
        C("Add support for Python 3.13", [Change.edit("pyproject.toml", 2, 1), Change.edit(".github/workflows/ci.yml", 1, 1)],
          "minimal", "standard"),
        C("Add retry with exponential backoff to the webhook sender", [Change.edit("src/webhooks/sender.py", 45, 8)],
          "standard", "lightweight"),
        C("Move the CI from Travis to GitHub Actions",
          [Change.delete(".travis.yml", 40), Change.add(".github/workflows/ci.yml", 60)], "minimal", "standard"),
        C("Add Dockerfile for local development", [Change.add("Dockerfile", 25)], "minimal", "standard"),
        C("Upgrade to React 18", [Change.edit("package.json", 2, 2), Change.edit("package-lock.json", 400, 380),
                                  Change.edit("src/index.tsx", 5, 3)], "standard", "lightweight"),
        C("Add user avatar upload", [Change.add("src/users/avatar.py", 90), Change.edit("web/src/Profile.tsx", 40, 5)],
          "lightweight", "comprehensive"),
        C("Fix SQL injection in search", nil, "comprehensive"),
        C("Store passwords with argon2 instead of bcrypt", nil, "comprehensive", "full-sdlc"),
        C("Add German translations", [Change.add("locales/de.json", 300)], "minimal", "standard"),
        C("Speed up the test suite by running tests in parallel", [Change.edit("pytest.ini", 2), Change.edit("conftest.py", 20, 4)],
          "minimal", "standard", "lightweight"),
        C("Add health check endpoint", [Change.add("src/api/health.py", 20)], "standard", "comprehensive"),
        C("Remove the deprecated v1 API", nil, "comprehensive", "full-sdlc"),
        C("Extract the email sending into a service class",
          [Change.add("src/mail/service.py", 80), Change.edit("src/orders/views.py", 10, 60)], "standard", "lightweight"),
        C("Add a CLI subcommand to prune old checkpoints", nil, "standard", "lightweight"),
        C("Fix the checkout total when a coupon is applied", [Change.edit("src/checkout/totals.py", 8, 3)],
          "standard", "comprehensive"),
        C("Cache compiled regexes", [Change.edit("src/lexer.py", 6, 2)], "minimal", "standard"),
        C("Introduce a plugin system for exporters", nil, "comprehensive", "full-sdlc"),
        C("Add end-to-end tests for the checkout flow", [Change.add("e2e/checkout.spec.ts", 150)], "minimal", "standard"),
        C("Make the config loader report line numbers in errors", [Change.edit("src/config/loader.py", 30, 10)], "standard"),
        C("Convert callbacks to async/await in the HTTP layer",
          Change.spread(5, lines: 60, directories: ["src"]), "lightweight", "comprehensive"),
        C("Add a Terraform module for the staging database", [Change.add("infra/staging/db.tf", 120)],
          "standard", "lightweight", "comprehensive"),
        C("Patch CVE-2024-1234 in the XML parser", nil, "comprehensive"),
        C("Add index on orders.created_at", [Change.add("migrations/0012_orders_created_index.py", 15)],
          "standard", "comprehensive"),
        C("Turn on strict mode in tsconfig", [Change.edit("tsconfig.json", 1, 1)], "minimal", "standard"),
        C("Add a LICENSE file", [Change.add("LICENSE", 21)], "minimal"),
        C("Implement the new billing engine", nil, "comprehensive", "full-sdlc"),
        C("Reorganize the repository layout into packages",
          (0..<20).map { Change.rename("src/m\($0).py", "src/pkg\($0 % 4)/m\($0).py", 2, 2) },
          "standard", "lightweight", "comprehensive"),
        C("Add type hints to the models", [Change.edit("src/models.py", 40, 40)], "minimal", "standard"),
        C("Fix the login redirect loop", [Change.edit("src/auth/views.py", 6, 2)], "standard", "comprehensive"),
        C("Add pagination to the users API", nil, "lightweight", "comprehensive"),
        C("Update dependencies", [Change.edit("package.json", 10, 10), Change.edit("package-lock.json", 500, 400)],
          "minimal", "standard"),
        C("Prepare release 2.3.0", [Change.edit("CHANGELOG.md", 20), Change.edit("pyproject.toml", 1, 1)], "minimal"),
        C("Add a feature flag for the new onboarding flow", [Change.edit("src/flags.py", 5)], "minimal", "standard"),
        C("Handle timezone-aware datetimes in the scheduler", [Change.edit("src/scheduler/time.py", 30, 12)], "standard"),
        C("Add audit logging for admin actions",
          [Change.add("src/admin/audit.py", 80), Change.edit("src/admin/views.py", 20, 2)],
          "standard", "lightweight", "comprehensive"),
        C("Rename master branch references to main",
          [Change.edit("docs/contributing.md", 3, 3), Change.edit(".github/workflows/ci.yml", 2, 2)], "minimal", "standard"),
        C("Drop support for Node 14", nil, "standard", "comprehensive", "full-sdlc"),
        C("Add Prometheus metrics to the API server", nil, "standard", "lightweight", "comprehensive"),
        C("Implement undo and redo in the editor", nil, "lightweight"),
        C("", [Change.edit("src/server/main.go", 200, 80), Change.edit("src/server/routes.go", 90, 30),
               Change.edit("internal/db/queries.go", 60, 20)], "lightweight", "comprehensive"),
        C("", [Change.edit("Sources/App/Views/Login.swift", 20, 5)], "standard", "comprehensive"),
        C("", [Change.binary("docs/img/architecture.png"), Change.edit("docs/architecture.md", 40, 10)], "minimal"),
        C("", [Change.add("src/payments/refund.py", 200), Change.add("tests/payments/test_refund.py", 150)], "comprehensive"),
        C("Add a README badge for coverage", nil, "minimal"),
        C("Fix memory leak", nil, "standard", "lightweight"),
        C("Add new endpoint", nil, "comprehensive"),
        C("Update tests after the author rename", [Change.edit("tests/test_authors.py", 10, 10)], "minimal", "standard"),
        C("Speed up startup by lazy-loading plugins", [Change.edit("src/plugins/loader.py", 40, 20)], "standard", "lightweight"),
        C("Add i18n support to the settings page", nil, "lightweight"),
    ]
}
