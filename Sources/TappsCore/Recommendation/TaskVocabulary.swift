/// What a word or phrase of a task description says about the task.
enum Cue: Hashable, Sendable {
    // Kinds of change, lightest first.
    /// Documentation-like edits: typo, comment, docs, README, changelog.
    case docLike
    /// Trivial code edits: logging, lint, formatting, version bumps, messages.
    case codeTrivial
    case tests
    case bug
    case validation
    /// A small, local feature: a flag, an option, a field, a button.
    case smallFeature
    /// A feature of medium size: export, pagination, search, a new command.
    case feature
    /// Concurrency, performance and similar moderately hard work.
    case tricky
    /// Explicitly complex or distributed work.
    case complex
    /// Endpoints, public APIs, wire formats.
    case api
    /// Security work named as such: vulnerabilities, XSS, rate limiting.
    case securityWork
    /// Database schema migrations.
    case migration
    case architecture
    case breaking
    // Acts (verbs).
    case create, change, fix, refactor, rewrite, migrate
    /// A verb whose whole object is documentation ("document", "reword").
    case docVerb
    /// A verb whose whole object is a dependency's version ("bump pytest …").
    case bumpVerb
    // Scopes.
    case localScope, mediumScope, broadScope, dataStore
    // Size words.
    case small, large
    /// A security topic: strong ones (authentication, payments) or weak ones (login page, session).
    case topic(String, strong: Bool)
    case negator
    /// A preposition that starts the part of a clause naming where the change happens.
    case location
    /// A conjunction that may start a new clause.
    case conjunction

    /// Kinds that name what the change is (used to find a clause's head noun).
    var isKind: Bool {
        switch self {
        case .docLike, .codeTrivial, .tests, .bug, .validation, .smallFeature, .feature, .tricky, .complex, .api,
             .securityWork, .migration, .architecture, .breaking: true
        case .topic(_, let strong): strong
        default: false
        }
    }

    var isAct: Bool {
        switch self {
        case .create, .change, .fix, .refactor, .rewrite, .migrate, .docVerb, .bumpVerb: true
        default: false
        }
    }
}

/// The words and phrases the recommender understands, matched as whole words.
///
/// Inflections are handled explicitly: a word is looked up as written, then with one of a few
/// suffixes removed (`-s`, `-es`, `-ies`, `-ed`, `-ing`, doubled consonants, a restored `-e`), and
/// only when the result is a word listed here. So "typos", "logging", "endpoints" and
/// "refactoring" match, while "author" is not "auth", "latest" is not "test", "catalog" is not
/// "log" and "logistics" is not "log".
enum TaskVocabulary {
    /// A phrase of one or more words and its cues. `exact` phrases match only as written
    /// ("log in" must not match "logging in").
    struct Entry: Sendable {
        let words: [String]
        let cues: [Cue]
        let exact: Bool
    }

    static func cues(ofLemma lemma: String) -> [Cue] { single[lemma] ?? [] }

    /// Phrases of two or more words, longest first.
    static let phrases: [Entry] = entries.filter { $0.words.count > 1 }.sorted { $0.words.count > $1.words.count }

    /// The base form of `word` if it is an inflection of a listed word, else `word` itself.
    static func lemma(_ word: String) -> String {
        if let irregular = irregulars[word] { return irregular }
        if single[word] != nil { return word }
        let stems = suffixRules.compactMap { rule -> (stem: String, replacement: String)? in
            guard word.count > rule.suffix.count + 2, word.hasSuffix(rule.suffix) else { return nil }
            let stem = String(word.dropLast(rule.suffix.count))
            if rule.suffix == "es", !["s", "x", "z", "ch", "sh"].contains(where: stem.hasSuffix) { return nil }
            return (stem, rule.replacement)
        }
        // Plain removal first, so "typos" is "typo" before "typ" + "e" could be tried.
        let candidates = stems.map { $0.stem + $0.replacement } + stems.map { $0.stem + "e" } + stems.map { undoubled($0.stem) }
        // A word with meaning of its own first ("imports" → "import"), then words of phrases ("limiting" → "limit").
        if let base = candidates.first(where: { single[$0] != nil }) { return base }
        if known.contains(word) { return word }
        return candidates.first(where: known.contains) ?? word
    }

    private static let suffixRules: [(suffix: String, replacement: String)] = [
        ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""),
    ]

    /// "logg" → "log" (logging), "formatt" → "format" (formatted).
    private static func undoubled(_ stem: String) -> String {
        guard let last = stem.last, stem.count >= 3, stem.dropLast().last == last, !"aeiou".contains(last) else {
            return stem
        }
        return String(stem.dropLast())
    }

    private static let irregulars: [String: String] = [
        "logger": "log", "loggers": "log", "formatter": "format", "linter": "lint", "linters": "lint",
        "logged": "log", "rewrote": "rewrite", "rewritten": "rewrite", "broke": "broken", "built": "build",
        "wrote": "write", "written": "write",
    ]

    private static let single: [String: [Cue]] = {
        var map: [String: [Cue]] = [:]
        for entry in entries where entry.words.count == 1 { map[entry.words[0], default: []] += entry.cues }
        return map
    }()

    private static let known: Set<String> = Set(entries.flatMap(\.words))

    private static func list(_ cues: [Cue], _ texts: [String], exact: Bool = false) -> [Entry] {
        texts.map { Entry(words: $0.split(separator: " ").map(String.init), cues: cues, exact: exact) }
    }

    private static let entries: [Entry] = kinds + acts + scopes + topics + grammar

    private static let kinds: [Entry] =
        list([.docLike], ["typo", "typographical", "spelling", "misspelling", "misspell", "grammar", "grammatical",
                          "wording", "punctuation", "comment", "docstring", "doc", "documentation", "readme",
                          "read me", "changelog", "release note", "license", "licence", "copyright", "whitespace",
                          "indentation", "adr", "decision record", "tutorial", "manpage", "man page", "help text",
                          "faq", "contributing", "code of conduct", "wiki", "broken link", "dead link"])
        + list([.docLike, .docVerb], ["document", "reword", "proofread", "rephrase"])
        + list([.codeTrivial, .bumpVerb], ["bump"])
        + list([.codeTrivial], ["log", "log message", "log line", "log statement", "log level", "lint", "format",
                                "code style", "prettier", "unused", "unused import", "unused variable", "unused code", "dead code", "version bump",
                                "translation", "translate", "i 18 n", "l 10 n", "localization", "error message",
                                "help message", "tooltip", "print statement", "todo", "type hint", "type annotation",
                                "import order", "sort imports", "copy", "cosmetic", "label", "placeholder",
                                "warning message", "deprecation warning", "comment out"])
        + list([.tests], ["test", "unit test", "integration test", "test case", "test coverage", "coverage", "fixture",
                          "mock", "snapshot test", "flaky", "pytest", "xctest", "unittest"])
        + list([.bug], ["bug", "bugfix", "hotfix", "crash", "regression", "broken", "incorrect", "wrong",
                        "off by one", "exception", "panic", "null pointer", "edge case", "glitch", "failure", "fail",
                        "error", "leak", "typeerror", "nil", "null", "hang", "freeze"])
        + list([.validation], ["validation", "validate", "input validation", "null check", "guard", "check"])
        + list([.smallFeature], ["flag", "option", "setting", "parameter", "param", "argument", "field", "column",
                                 "button", "shortcut", "alias", "default", "toggle", "checkbox", "env var",
                                 "environment variable", "config option", "error handling", "retry", "timeout",
                                 "keyboard shortcut", "constant", "icon", "link", "banner", "sort order",
                                 "verbose", "dry run", "date format", "feature flag", "health check"])
        + list([.feature], ["feature", "export", "import", "pagination", "paginate", "search", "dashboard",
                            "wizard", "workflow", "subcommand", "command", "notification", "upload", "download",
                            "caching", "cache", "integration", "integrate", "sync", "synchronization", "dark mode",
                            "theme", "background job", "queue", "scheduler", "plugin", "widget", "editor",
                            "preview", "undo", "onboarding", "analytics", "screen", "filter", "sorting",
                            "autocomplete", "bulk", "batch", "websocket", "streaming", "offline mode"])
        + list([.tricky], ["concurrency", "concurrent", "race condition", "race", "deadlock", "thread safety",
                           "threading", "transaction", "transactional", "performance", "optimize", "optimization",
                           "memory leak", "async", "parallel", "parallelism", "throughput", "latency"])
        + list([.complex], ["complex", "complicated", "distributed", "cache invalidation", "state machine",
                            "data consistency", "consensus", "replication", "sharding", "multi tenant",
                            "multi tenancy", "eventual consistency"])
        + list([.api], ["endpoint", "api", "apis", "public api", "rest api", "api endpoint", "graphql", "graph ql",
                        "grpc", "rpc", "webhook", "sdk", "response format", "response schema", "request format",
                        "wire format", "protocol", "openapi", "open api", "swagger", "route", "public interface",
                        "public method", "api contract"])
        + list([.securityWork], ["security", "vulnerability", "vulnerable", "cve", "exploit", "xss", "csrf", "ssrf",
                                 "sql injection", "injection", "rate limit", "rate limiter", "throttle", "throttling",
                                 "sanitize", "sanitization", "sanitise", "brute force", "path traversal",
                                 "security header", "content security policy", "csp", "harden", "hardening",
                                 "audit log", "encryption at rest"])
        + list([.migration], ["migration", "database migration", "schema migration", "schema change",
                              "alter table", "db migration", "new table", "database schema"])
        + list([.architecture], ["architecture", "architectural", "rearchitect", "re architect", "monolith",
                                 "microservice", "micro service", "event sourcing", "cqrs", "service boundary",
                                 "plugin api", "plugin system", "extension api", "hexagonal", "event bus",
                                 "message bus", "data model", "domain model", "dependency injection",
                                 "module system", "storage engine", "persistence layer", "data layer"])
        + list([.breaking], ["breaking change", "breaking", "backward incompatible", "backwards incompatible",
                             "incompatible", "major version", "drop support", "remove support", "semver major"])

    private static let acts: [Entry] =
        list([.create], ["add", "new", "create", "introduce", "build", "expose", "enable", "allow", "provide",
                         "develop", "write", "design"])
        + list([.create, .feature], ["implement", "support"])
        + list([.change], ["change", "modify", "update", "alter", "replace", "remove", "delete", "drop",
                           "move", "switch", "convert", "extend", "adjust", "tweak", "improve", "deprecate", "upgrade"])
        + list([.fix], ["fix", "correct", "repair", "resolve", "patch", "address"])
        + list([.refactor], ["refactor", "rename", "restructure", "reorganize", "reorganise", "rework", "cleanup", "clean up",
                             "simplify", "extract", "consolidate", "decouple", "modularize", "modularise", "dedupe",
                             "deduplicate", "tidy", "split"])
        + list([.rewrite], ["rewrite", "redesign", "overhaul", "revamp", "reimplement", "rebuild", "re implement",
                            "re write"])
        + list([.migrate], ["migrate", "port"])

    private static let scopes: [Entry] =
        list([.localScope], ["function", "method", "helper", "variable", "loop", "class", "file", "query", "struct",
                             "enum", "util", "utility", "closure", "callback", "snippet", "line", "expression",
                             "regex", "condition", "one line", "one liner", "oneliner"])
        + list([.mediumScope], ["module", "component", "service", "package", "library", "pipeline", "flow",
                                "handler", "controller", "middleware", "client", "provider", "model", "view",
                                "page", "form"])
        + list([.broadScope], ["system", "subsystem", "layer", "engine", "core", "infrastructure", "platform",
                               "codebase", "code base", "framework", "stack", "backend", "frontend", "application",
                               "orm", "everything", "whole app", "entire app"])
        + list([.dataStore], ["database", "db", "schema", "postgres", "postgresql", "mysql", "sqlite", "mongodb",
                              "database table"])
        + list([.small], ["small", "simple", "minor", "tiny", "trivial", "quick", "little", "single", "slight",
                          "slightly", "straightforward"])
        + list([.large], ["large", "major", "big", "huge", "significant", "extensive", "massive", "entire", "whole",
                          "multiple", "several", "many", "across", "throughout", "every", "end to end",
                          "cross cutting", "complete", "completely", "all"])

    private static func topic(_ name: String, strong: Bool, _ texts: [String], exact: Bool = false) -> [Entry] {
        list([.topic(name, strong: strong)], texts, exact: exact)
    }

    private static let topics: [Entry] =
        topic("auth", strong: true, ["auth", "authn", "authz", "authentication", "authenticate", "authorization",
                                     "authorisation", "authorize", "authorise", "oauth", "oauth2", "oidc", "saml",
                                     "sso", "single sign on", "password", "passwd", "passphrase", "credential",
                                     "jwt", "mfa", "totp", "2 fa", "two factor", "multi factor", "passkey",
                                     "webauthn"])
        + topic("crypto", strong: true, ["crypto", "cryptography", "cryptographic", "encryption", "encrypt",
                                         "decrypt", "decryption", "cipher", "hmac", "tls", "ssl", "certificate",
                                         "private key", "public key", "keychain", "keystore", "signing key"])
        + topic("secrets", strong: true, ["secret", "api key", "access token", "refresh token", "vault",
                                          "private token"])
        + topic("payments", strong: true, ["payment", "billing", "checkout", "refund", "stripe", "paypal",
                                           "credit card", "wallet", "ledger", "payout"])
        + topic("permissions", strong: true, ["permission", "rbac", "acl", "privilege", "access control",
                                              "role based", "sudo"])
        + topic("privacy", strong: true, ["pii", "gdpr", "personal data"])
        + topic("auth", strong: false, ["login", "logout", "signin", "signup", "session", "cookie"])
        + topic("auth", strong: false, ["log in", "log out", "sign in", "sign up", "sign out", "logged in"],
                exact: true)
        + topic("secrets", strong: false, ["token"])
        + topic("permissions", strong: false, ["role", "admin"])
        + topic("payments", strong: false, ["invoice", "subscription", "pricing"])

    private static let grammar: [Entry] =
        list([.negator], ["no", "not", "without", "non", "never", "don", "doesn", "didn", "isn", "aren", "won",
                          "shouldn", "nor", "avoid", "none"])
        + list([.location], ["to", "in", "into", "on", "onto", "for", "inside", "within", "at", "from", "under",
                             "with", "near", "around", "via", "when", "while", "if", "after", "before", "during",
                             "so", "because", "since", "about", "where", "that", "which", "by"])
        + list([.conjunction], ["and", "then", "also", "plus", "but", "or"])
}
