/// Reads the staged change's file context and says which tiers it calls for, and why.
enum ChangeAnalyzer {
    struct Result {
        /// Tier evidence from the change.
        var evidence: [Evidence] = []
        /// A hard upper bound: a docs-only change never needs more than `standard`.
        var cap: Tier?
        /// Why the change could not be used, when it could not.
        var unavailableReason: String?
        /// True when source code is staged (not only tests, docs, config, generated or binary files).
        var touchesSource = false
    }

    static func analyze(_ context: FileContext) -> Result {
        guard context.hasRepository else {
            return Result(unavailableReason: "no repository here: judged from the description only")
        }
        guard !context.isEmpty else {
            return Result(unavailableReason: "nothing staged: judged from the description only")
        }
        var result = Result()
        result.evidence.append(shape(context, cap: &result.cap))
        let source = context.files.filter(isSource)
        result.touchesSource = !source.isEmpty
        if let tested = testedTogether(context, source: source) { result.evidence.append(tested) }
        result.evidence += security(context)
        if !context.unmergedFiles.isEmpty {
            result.evidence.append(Evidence(.standard, floor: .standard, ceiling: .fullSDLC, complexity: 4, risk: 6,
                                            reason: "unmerged \(pathList(context.unmergedFiles)): resolve the conflicts before committing",
                                            source: .change))
        }
        let binaries = context.binaryFiles
        if !binaries.isEmpty, binaries.count < context.filesAffected {
            result.evidence.append(.note("\(count(binaries.count, "binary file")): \(pathList(binaries))", source: .change))
        }
        return result
    }

    // MARK: - What kind of change, how big

    static func shape(_ context: FileContext, cap: inout Tier?) -> Evidence {
        let files = context.files
        let summary = Self.summary(files)
        func evidence(_ preferred: Tier, _ floor: Tier, _ ceiling: Tier, c: Int, r: Int, _ reason: String) -> Evidence {
            Evidence(preferred, floor: floor, ceiling: ceiling, complexity: c, risk: r, reason: reason, source: .change)
        }
        let lines = context.linesChanged
        if files.allSatisfy({ $0.isDocumentation }) {
            cap = .standard
            return evidence(.minimal, .minimal, .standard, c: 1, r: 1, "docs-only change: \(summary)")
        }
        if files.allSatisfy({ $0.isGenerated }) {
            return evidence(.minimal, .minimal, .standard, c: 1, r: 2, "generated files only (lockfiles, build output): \(summary)")
        }
        if files.allSatisfy({ $0.change.isBinary }) {
            return evidence(.minimal, .minimal, .standard, c: 1, r: 1, "binary files only: \(summary)")
        }
        if files.allSatisfy({ $0.change.isSubmodule }) {
            return evidence(.standard, .minimal, .lightweight, c: 2, r: 3, "submodule update only: \(pathList(context.submodules))")
        }
        if context.isTestsOnly {
            return lines <= 100
                ? evidence(.minimal, .minimal, .standard, c: 2, r: 1, "tests-only change: \(summary)")
                : evidence(.standard, .minimal, .lightweight, c: 3, r: 1, "tests-only change: \(summary)")
        }
        if context.isConfigOnly {
            if lines <= 60, files.allSatisfy({ $0.change.status == .modified && $0.change.linesAdded == $0.change.linesDeleted }) {
                return evidence(.minimal, .minimal, .standard, c: 1, r: 2,
                                "config-only change replacing lines one for one (versions, pins, values): \(summary)")
            }
            return lines <= 10
                ? evidence(.minimal, .minimal, .standard, c: 1, r: 2, "config-only change: \(summary)")
                : evidence(.standard, .minimal, .lightweight, c: 2, r: 3, "config-only change: \(summary)")
        }
        let source = files.filter { isSource($0) }
        if source.isEmpty {
            let kinds = nonSourceKinds(files)
            return lines <= 100
                ? evidence(.minimal, .minimal, .standard, c: 2, r: 2, "no source code changed (\(kinds)): \(summary)")
                : evidence(.standard, .minimal, .lightweight, c: 3, r: 2, "no source code changed (\(kinds)): \(summary)")
        }
        if files.allSatisfy({ $0.change.status == .renamed && $0.change.linesAdded + $0.change.linesDeleted <= 4 }) {
            return evidence(.standard, .minimal, .standard, c: 2, r: 3, "renames only: \(count(files.count, "file"))")
        }
        if files.allSatisfy({ $0.change.status == .deleted }) {
            return evidence(.standard, .minimal, .lightweight, c: 2, r: 3, "deletions only: \(summary)")
        }
        if source.allSatisfy(isVersionStamp) {
            return evidence(.minimal, .minimal, .standard, c: 1, r: 2,
                            "version number change only: \(pathList(source.map(\.path))), with \(summary)")
        }
        return size(of: source)
    }

    static func size(of source: [FileContext.File]) -> Evidence {
        let lines = source.reduce(0) { $0 + $1.change.linesAdded + $1.change.linesDeleted }
        let count = source.count
        let topLevels = Set(source.map { $0.path.directories.first ?? "" }).count
        var detail = "\(Self.count(count, "source file")), \(signedLines(source))"
        let addedLines = source.filter { $0.change.status == .added }.reduce(0) { $0 + $1.change.linesAdded }
        if lines >= 50, addedLines * 2 >= lines { detail += ", mostly new files" }
        func evidence(_ preferred: Tier, _ floor: Tier, _ ceiling: Tier, c: Int, r: Int, _ reason: String) -> Evidence {
            Evidence(preferred, floor: floor, ceiling: ceiling, complexity: c, risk: r, reason: reason, source: .change)
        }
        // Even one changed line of code can change behaviour: only a description naming a trivial
        // edit (a typo, a comment, logging) takes a tiny change below standard.
        if lines <= 10, count == 1 {
            return evidence(.standard, .minimal, .standard, c: 2, r: 2, "tiny change to source code: \(detail)")
        }
        // Many files with a few lines each (a rename sweep, lint fixes) are small, not medium.
        if lines <= 150 && count <= 4 || lines <= 40 && count <= 12 {
            return evidence(.standard, lines > 30 ? .standard : .minimal, .lightweight, c: 3, r: 3, "small change: \(detail)")
        }
        if lines <= 600, count <= 12 {
            return topLevels <= 2
                ? evidence(.lightweight, .standard, .comprehensive, c: 5, r: 4, "medium change in one area: \(detail)")
                : evidence(.comprehensive, .lightweight, .fullSDLC, c: 6, r: 5,
                           "medium change spread over \(topLevels) top-level directories: \(detail)")
        }
        if lines > 1500, topLevels >= 4 {
            return evidence(.comprehensive, .comprehensive, .fullSDLC, c: 9, r: 6,
                            "very large change across \(topLevels) top-level directories: \(detail)")
        }
        return evidence(.comprehensive, .lightweight, .fullSDLC, c: 7, r: 5,
                        "large change over \(Self.count(topLevels, "top-level directory", plural: "top-level directories")): \(detail)")
    }

    /// Source code staged with tests beside it: the tests pin a behaviour the code changes, so the
    /// change gets at least a review (`standard`), whatever the description calls it.
    static func testedTogether(_ context: FileContext, source: [FileContext.File]) -> Evidence? {
        let tests = context.files.filter { $0.isTest && $0.change.linesAdded + $0.change.linesDeleted > 0 }
        guard !source.isEmpty, !tests.isEmpty else { return nil }
        let sourceLines = source.reduce(0) { $0 + $1.change.linesAdded + $1.change.linesDeleted }
        guard sourceLines > 0 else { return nil }
        return Evidence(.standard, floor: .standard, ceiling: .standard, complexity: 3, risk: 3,
                        reason: "source code changes together with \(count(tests.count, "test file")) (\(pathList(tests.map(\.path)))): a behaviour change",
                        source: .change)
    }

    /// A file that only holds the version number (`__version__.py`, `_version.py`, `VERSION`), with
    /// one or two lines replaced: a version bump, not code.
    static func isVersionStamp(_ file: FileContext.File) -> Bool {
        let change = file.change
        return versionFileNames.contains(file.path.fileName) && change.status == .modified
            && change.linesAdded == change.linesDeleted && change.linesAdded <= 2
    }

    static let versionFileNames: Set<String> = ["__version__.py", "_version.py", "VERSION", "version.txt"]

    /// Code the change really edits: not tests, docs, config, generated, binary or submodules.
    static func isSource(_ file: FileContext.File) -> Bool {
        !file.isTest && !file.isDocumentation && !file.isConfiguration && !file.isGenerated
            && !file.change.isBinary && !file.change.isSubmodule
    }

    // MARK: - Security-sensitive paths

    static func security(_ context: FileContext) -> [Evidence] {
        let sensitive = context.files.filter {
            !$0.securityTopics.isEmpty && !$0.isTest && !$0.isDocumentation && !$0.isGenerated
        }
        guard !sensitive.isEmpty else { return [] }
        let newMigrations = sensitive.filter { $0.change.status == .added && $0.securityTopics.contains("migrations") }
        if !newMigrations.isEmpty {
            return [Evidence(.comprehensive, floor: .comprehensive, ceiling: .fullSDLC, complexity: 6, risk: 8,
                             reason: "new schema migration: \(describe(newMigrations))", source: .change)]
        }
        let lines = sensitive.reduce(0) { $0 + $1.change.linesAdded + $1.change.linesDeleted }
        let substantive = lines >= 30 || sensitive.contains { $0.change.status == .added && isSource($0) }
        let label = sensitive.count == 1 ? "security-sensitive path" : "security-sensitive paths"
        return [Evidence(.comprehensive, floor: substantive ? .comprehensive : .standard, ceiling: .fullSDLC,
                         complexity: substantive ? 5 : 3, risk: substantive ? 8 : 6,
                         reason: "\(label): \(describe(sensitive))", source: .change)]
    }

    // MARK: - Wording

    /// "src/auth/session.py (auth)", at most three, then "and N more".
    static func describe(_ files: [FileContext.File]) -> String {
        let shown = files.prefix(3).map { "\($0.path) (\($0.securityTopics.joined(separator: ", ")))" }
        let more = files.count > 3 ? " and \(files.count - 3) more" : ""
        return shown.joined(separator: ", ") + more
    }

    static func pathList(_ paths: [RepoPath]) -> String {
        let shown = paths.prefix(3).map(\.description).joined(separator: ", ")
        return paths.count > 3 ? "\(shown) and \(paths.count - 3) more" : shown
    }

    /// "1 file, +1 −0".
    static func summary(_ files: [FileContext.File]) -> String {
        "\(count(files.count, "file")), \(signedLines(files))"
    }

    static func signedLines(_ files: [FileContext.File]) -> String {
        let added = files.reduce(0) { $0 + $1.change.linesAdded }
        let deleted = files.reduce(0) { $0 + $1.change.linesDeleted }
        return "+\(added) −\(deleted)"
    }

    static func count(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    static func nonSourceKinds(_ files: [FileContext.File]) -> String {
        var kinds: [String] = []
        let tests = files.filter(\.isTest).count
        let docs = files.filter { $0.isDocumentation && !$0.isTest }.count
        let config = files.filter { $0.isConfiguration && !$0.isTest && !$0.isDocumentation }.count
        let generated = files.filter { $0.isGenerated && !$0.isConfiguration && !$0.isTest && !$0.isDocumentation }.count
        let other = files.count - tests - docs - config - generated
        if tests > 0 { kinds.append("\(tests) test") }
        if docs > 0 { kinds.append("\(docs) docs") }
        if config > 0 { kinds.append("\(config) config") }
        if generated > 0 { kinds.append("\(generated) generated") }
        if other > 0 { kinds.append("\(other) other") }
        return kinds.joined(separator: ", ")
    }
}
