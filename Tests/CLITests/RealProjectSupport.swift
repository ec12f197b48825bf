import Foundation
import TestSupport

/// Real open-source projects (pinned PyPI sdists, unpacked into scratch repositories by
/// `scripts/real-projects`) and the one-line mutations in `Tests/RealProjects/mutations-NAME.json`.
enum RealProjects {
    /// The projects the suites run on: each sdist ships its tests and a mypy configuration. click and
    /// packaging have a `src/` layout, markdown-it-py a flat one (its package at the top level, its tests in
    /// folders without `__init__.py`, a mypy configuration without `files`), h11 a flat one with its tests
    /// inside the package (opt in: `TAPPS_REAL_PROJECTS=h11`).
    /// By default click and markdown-it-py (a full run of its 1,190 tests takes seconds): packaging's
    /// 64,000 tests take minutes per full run, past the suite's time budget (`scripts/bench mutation` runs
    /// all three). `TAPPS_REAL_PROJECTS=click,packaging` (a comma-separated list) chooses; `=0` runs none.
    static let all = ["click", "packaging", "markdown-it-py", "h11"]
    static let defaults = ["click", "markdown-it-py"]
    static let names: [String] = {
        let setting = ScratchRepository.environment["TAPPS_REAL_PROJECTS"] ?? ""
        let chosen = setting.split(separator: ",").map(String.init).filter(all.contains)
        return chosen.isEmpty ? defaults : chosen
    }()

    static let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let script = sourceRoot + "/scripts/real-projects"

    /// Why the projects cannot be had here (nil when they can): `TAPPS_REAL_PROJECTS=0`, or the
    /// sdists and test dependencies could not be downloaded (offline). Fetched once per test process.
    static let unavailableReason: String? = {
        if ScratchRepository.environment["TAPPS_REAL_PROJECTS"] == "0" { return "TAPPS_REAL_PROJECTS=0" }
        guard let result = try? ProcessRunner.run(script, ["fetch"] + names, directory: sourceRoot,
                                                  environment: ScratchRepository.environment) else {
            return "cannot run \(script)"
        }
        guard result.status == 0 else {
            let reason = result.errorText.split(separator: "\n").last.map(String.init) ?? "exit \(result.status)"
            FileHandle.standardError.write(Data("real-project tests skipped: \(reason)\n".utf8))
            return reason
        }
        return nil
    }()

    static var available: Bool { unavailableReason == nil }

    /// One mutation: `match` (one line's text, unique in `file`) becomes `replace`.
    struct Mutation: Sendable, CustomStringConvertible {
        var index: Int
        var file: String
        var match: String
        var replace: String
        var kind: String

        var description: String {
            "#\(index) \(file): \(match.trimmingCharacters(in: .whitespaces)) → \(replace.trimmingCharacters(in: .whitespaces))"
        }
    }

    static func mutations(_ project: String) throws -> [Mutation] {
        let path = sourceRoot + "/Tests/RealProjects/mutations-\(project).json"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let entries = json["mutations"] as? [[String: Any]] ?? []
        return entries.enumerated().map { index, entry in
            Mutation(index: index, file: entry["file"] as? String ?? "", match: entry["match"] as? String ?? "",
                     replace: entry["replace"] as? String ?? "", kind: entry["kind"] as? String ?? "")
        }
    }

    /// `count` of the mutations, picked by a fixed seed (the same ones on every run), in file order;
    /// `TAPPS_REAL_MUTATIONS=all` (or a number) runs all (or that many). `scripts/bench mutation` runs all.
    static func sample(_ mutations: [Mutation], count defaultCount: Int) -> [Mutation] {
        let setting = ScratchRepository.environment["TAPPS_REAL_MUTATIONS"] ?? ""
        let count = setting == "all" ? mutations.count : Int(setting) ?? defaultCount
        var generator = SplitMix64(seed: 6)
        var shuffled = mutations
        shuffled.shuffle(using: &generator)
        return shuffled.prefix(count).sorted { $0.index < $1.index }
    }

    /// A scratch repository holding `project` at its pinned version, committed once, with the
    /// git-tapps hook installed and no `.tapps.yaml` (zero config).
    static func repository(_ project: String) throws -> ScratchRepository {
        let repo = try ScratchRepository(initialize: false)
        try runScript(["prepare", project, repo.root])
        let install = try repo.tapps(["install"])
        guard install.status == 0 else { throw ScratchError.command("git tapps install: \(install.errorText)") }
        return repo
    }

    @discardableResult
    static func runScript(_ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run(script, arguments, directory: sourceRoot, environment: environment)
        guard result.status == 0 else {
            throw ScratchError.command("scripts/real-projects \(arguments.joined(separator: " ")) exited \(result.status): \(result.errorText)")
        }
        return result.outputText
    }

    /// Every process the suites start: no bytecode written (a same-size mutation applied within the
    /// second after its predecessor would otherwise run stale `.pyc` files), the built git-tapps first on PATH.
    static var environment: [String: String] {
        ScratchRepository.environment.merging(RunCommandTests.hookEnvironment) { $1 }
            .merging(["PYTHONDONTWRITEBYTECODE": "1"]) { $1 }
    }

    /// A real `git commit` through the installed hook.
    static func commit(_ repo: ScratchRepository, message: String) throws -> ProcessResult {
        try ProcessRunner.run(InstallSupport.gitExecutable, ["commit", "-q", "-m", message], directory: repo.root,
                              environment: environment)
    }

    /// The project's own verdicts on the work tree: `mypy` from the root (and where it reports errors, as
    /// `path:line`) and `python -m pytest`.
    static func ownVerdict(_ repo: ScratchRepository, project: String)
        throws -> (mypy: String, mypyErrors: Set<String>, pytest: String) {
        let output = try runScript(["verdict", project, repo.root])
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]] ?? [:]
        return (json["mypy"]?["status"] as? String ?? "missing", Set(json["mypy"]?["errors"] as? [String] ?? []),
                json["pytest"]?["status"] as? String ?? "missing")
    }

    /// The step lines of a hook's or run's text report that name a failed step (`✗ failed  pytest …`).
    static func failedStepLines(_ result: ProcessResult) -> [String] {
        (result.outputText + result.errorText).split(separator: "\n").map(String.init)
            .filter { $0.contains("failed") && ($0.contains("pytest") || $0.contains("mypy")) && !$0.contains("git-tapps") }
    }
}
