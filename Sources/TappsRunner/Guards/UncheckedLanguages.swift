import TappsCore

/// Says which staged code nothing checked: `nothing checks the staged Go files (2): install go, or add a step`.
enum UncheckedLanguages {
    /// Languages of data, markup and build files, which the guards cover or which need no checker.
    static let notCode: Set<String> = [
        "Markdown", "reStructuredText", "AsciiDoc", "YAML", "TOML", "JSON", "XML", "INI", "HTML", "CSS", "SQL",
        "Makefile", "Dockerfile", "CMake", "Gradle", "Jupyter", "Protocol Buffers", "HCL", "Starlark",
    ]

    /// One note per language whose staged files no step checked (the native guards do not count: they read
    /// every file but check no language). `steps` are all planned steps; `results` their results.
    static func notes(steps: [PlannedStep], results: [StepResult]) -> [String] {
        let statusByName = Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var staged: Set<RepoPath> = []
        var checked: Set<RepoPath> = []
        var previous: [RepoPath] = []
        for step in steps {
            // The guards are mostly given the same files: the same list adds nothing.
            if step.files != previous { staged.formUnion(step.files) }
            previous = step.files
            guard step.check?.isNative != true, let result = statusByName[step.name] else { continue }
            if result.status != .skipped && result.status != .error && result.status != .interrupted {
                checked.formUnion(step.files)
            }
        }
        var unchecked: [String: [RepoPath]] = [:]
        for file in staged.subtracting(checked) {
            guard let language = Language.of(file), !notCode.contains(language) else { continue }
            unchecked[language, default: []].append(file)
        }
        return unchecked.keys.sorted().map { language in
            let files = unchecked[language] ?? []
            var hints: [String] = []
            for step in steps where step.check?.isNative != true && !Set(step.files).isDisjoint(with: files) {
                // A missing tool is worth naming; a missing configuration is in the step's own line.
                guard let note = statusByName[step.name]?.note, statusByName[step.name]?.status == .skipped,
                      note.contains("not found") else { continue }
                let hint = "install \(tool(for: step))"
                if !hints.contains(hint) { hints.append(hint) }
            }
            hints.append("add a step")
            return "nothing checks the staged \(language) files (\(files.count)): \(hints.joined(separator: ", or "))"
        }
    }

    private static func tool(for step: PlannedStep) -> String {
        switch step.check {
        case .gofmt?, .goVet?: "go"
        case .cargoCheck?: "cargo"
        case .tsc?: "typescript"
        case let check?: check.rawValue
        case nil: step.name
        }
    }
}
