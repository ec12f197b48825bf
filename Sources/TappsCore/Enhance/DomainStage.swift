/// Stage 6: short, fixed checklists for the security topics the change touches (from its paths
/// and its description) and for the languages of the code it edits.
public enum DomainStage {
    public static func run(_ input: EnhanceInput, languageCap: Int = 3) -> PromptSection {
        var items: [String] = []
        for topic in topics(input) {
            if let list = topicChecklists[topic] { items.append("\(topic): " + list.joined(separator: "; ")) }
        }
        let languages = languages(of: input.editedSources).filter { languageChecklists[$0] != nil }.prefix(languageCap)
        for language in languages {
            items.append("\(language): " + (languageChecklists[language] ?? []).joined(separator: "; "))
        }
        return PromptSection(.domain, items: items)
    }

    /// Topics from the staged paths, plus the strong topics, security work and migrations the description names.
    static func topics(_ input: EnhanceInput) -> [String] {
        var topics = Set(input.context.files.filter { !$0.isTest && !$0.isDocumentation }.flatMap(\.securityTopics))
        for clause in DescriptionTokenizer.clauses(input.description) {
            for token in clause where !token.negated {
                for cue in token.cues {
                    switch cue {
                    case .topic(let name, true): topics.insert(name)
                    case .securityWork: topics.insert("security")
                    case .migration: topics.insert("migrations")
                    default: break
                    }
                }
            }
        }
        return topics.sorted()
    }

    static func languages(of files: [FileContext.File]) -> [String] {
        var counts: [String: Int] = [:]
        for file in files { if let language = file.language { counts[language, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    static let topicChecklists: [String: [String]] = [
        "auth": ["no secrets or credentials in code, config or logs", "compare tokens and password hashes in constant time",
                 "failed logins reveal nothing about which part was wrong"],
        "crypto": ["use the platform's vetted crypto library, no home-made primitives",
                   "no hard-coded keys, IVs or salts", "randomness from a cryptographically secure generator"],
        "secrets": ["no secret values in code, tests, fixtures or logs", "secrets come from the environment or a secret store",
                    "rotate any secret that was ever committed"],
        "payments": ["amounts in integer minor units or decimals, never floating point",
                     "idempotent: a retried request charges once", "no card numbers or full account data in logs"],
        "permissions": ["deny by default and check on the server side", "test one allowed and one denied caller",
                        "grant no more privilege than the task needs"],
        "migrations": ["reversible, or the way back is written down", "tested on a copy of realistic data",
                       "safe while the old code still runs"],
        "privacy": ["collect and log no more personal data than needed", "personal data can be exported and deleted"],
        "security": ["validate and encode untrusted input at the boundary",
                     "a test shows the attack the change defends against now fails"],
    ]

    static let languageChecklists: [String: [String]] = [
        "Python": ["type hints on new functions, mypy clean", "no bare except", "no mutable default arguments"],
        "Swift": ["no force-unwraps on outside input", "errors thrown, not fatalError", "no new warnings"],
        "TypeScript": ["no new `any`", "every promise awaited or returned"],
        "JavaScript": ["=== not ==", "every promise awaited or returned"],
        "Go": ["every returned error checked", "go vet clean", "no goroutine without a way to stop it"],
        "Rust": ["no unwrap() on fallible input", "cargo clippy clean"],
        "Java": ["resources closed with try-with-resources", "no swallowed exceptions"],
        "Kotlin": ["no !! on outside input", "resources closed with use {}"],
        "C": ["every buffer length checked", "every allocation freed on every path"],
        "C++": ["RAII for every resource", "no raw new/delete"],
        "Ruby": ["no string-built SQL", "no rescue of Exception"],
        "Shell": ["quote every expansion", "set -eu"],
        "SQL": ["parameterised queries only", "indexes for new lookups"],
    ]
}
