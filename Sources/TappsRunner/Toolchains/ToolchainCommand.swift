import TappsCore
import TappsSystem

/// How a toolchain check runs: found tool and project configuration, or the reason it is skipped.
enum ToolchainCommand {
    enum Resolution {
        /// The step with its real command line (files appended when `passFilenames`).
        case run(PlannedStep)
        /// The tool is missing: reported as skipped with this note.
        case skip(String)
        /// The project does not use the tool (no configuration where one is required): left out of the run.
        case notUsed
    }

    /// Resolves `step` in the work tree at `root` with `environment`'s PATH.
    static func resolve(_ step: PlannedStep, check: BuiltinCheck, root: String, environment: [String: String]) -> Resolution {
        let project = ProjectFiles(root: root)
        func find(_ tool: String, nodeLocal: Bool = false) -> String? {
            if nodeLocal, ToolLocator.isExecutableFile(root + "/node_modules/.bin/" + tool) { return root + "/node_modules/.bin/" + tool }
            return ToolLocator.find(tool, root: root, environment: environment)
        }
        var planned = step
        func command(_ argv: [String], passFiles: Bool = true) -> Resolution {
            planned.config.command = argv
            planned.config.passFilenames = passFiles
            return .run(planned)
        }
        switch check {
        case .gofmt:
            guard let gofmt = find("gofmt") else { return .skip("go not found (gofmt is not on PATH)") }
            return command([gofmt, "-l"])
        case .goVet:
            guard let go = find("go") else { return .skip("go not found") }
            return command(GoVet.command(go: go, files: step.files, project: project), passFiles: false)
        case .rustfmt:
            guard let rustfmt = find("rustfmt") else { return .skip("rustfmt not found") }
            let edition = step.files.lazy.compactMap { project.cargoEdition(for: $0) }.first ?? "2021"
            // Colour codes would hide the `Diff in` lines (rustfmt colours even when its output is not a terminal).
            return command([rustfmt, "--check", "--color", "never", "--edition", edition])
        case .cargoCheck:
            let manifests = Set(step.files.compactMap(project.cargoManifest(for:))).sorted()
            guard !manifests.isEmpty else { return .notUsed }
            guard let cargo = find("cargo") else { return .skip("cargo not found") }
            return command(CargoCheck.command(cargo: cargo, manifests: manifests), passFiles: false)
        case .eslint:
            guard project.hasESLintConfig else { return .notUsed }
            guard let eslint = find("eslint", nodeLocal: true) else { return .skip("eslint not found (run npm install)") }
            return command([eslint, "--format", "json"])
        case .tsc:
            guard project.exists("tsconfig.json") else { return .notUsed }
            guard let tsc = find("tsc", nodeLocal: true) else { return .skip("tsc not found (run npm install)") }
            return command([tsc, "--noEmit", "--pretty", "false"], passFiles: false)
        case .shellcheck:
            guard let shellcheck = find("shellcheck") else { return .skip("shellcheck not found") }
            return command([shellcheck, "--format", "gcc", "--severity", "warning"])
        case .swiftFormat:
            guard project.exists(".swift-format") else { return .notUsed }
            if let tool = find("swift-format") { return command([tool, "lint", "--strict"]) }
            guard let swift = find("swift") else { return .skip("swift-format not found") }
            return command([swift, "format", "lint", "--strict"])
        case .ruff:
            guard project.hasRuffConfig else { return .notUsed }
            guard let ruff = find("ruff") else { return .skip("ruff not found") }
            return command([ruff, "check", "--output-format=concise", "--force-exclude", "--no-fix"])
        case .bandit:
            guard let bandit = find("bandit") else { return .skip("bandit not found") }
            return command([bandit, "-q", "-ll", "-f", "custom", "--msg-template", BanditOutput.template])
        case .conflictMarkers, .largeFiles, .privateKeys, .caseConflicts, .syntax, .secrets, .markdownLinks:
            return .run(step)
        }
    }
}

/// Project files a toolchain check looks for, in the work tree.
struct ProjectFiles {
    var root: String

    func exists(_ relative: String) -> Bool { FileSystem.resolves(root + "/" + relative) }

    func text(_ relative: String) -> String? {
        FileBytes.read(root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    var hasESLintConfig: Bool {
        let names = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts",
                     "eslint.config.cts", ".eslintrc", ".eslintrc.js", ".eslintrc.cjs", ".eslintrc.json", ".eslintrc.yml",
                     ".eslintrc.yaml"]
        return names.contains(where: exists) || text("package.json")?.contains("\"eslintConfig\"") == true
    }

    var hasRuffConfig: Bool {
        exists("ruff.toml") || exists(".ruff.toml") || text("pyproject.toml")?.contains("[tool.ruff") == true
    }

    /// The nearest directory at or above `file`'s that holds `name` ("" for the root), or nil.
    func nearest(_ name: String, for file: RepoPath) -> String? {
        var parts = file.directories
        while true {
            let directory = parts.joined(separator: "/")
            if exists(directory.isEmpty ? name : directory + "/" + name) { return directory }
            if parts.isEmpty { return nil }
            parts.removeLast()
        }
    }

    /// The `Cargo.toml` (repository-relative) that covers `file`.
    func cargoManifest(for file: RepoPath) -> String? {
        nearest("Cargo.toml", for: file).map { $0.isEmpty ? "Cargo.toml" : $0 + "/Cargo.toml" }
    }

    /// The `edition = "…"` of the package that covers `file`.
    func cargoEdition(for file: RepoPath) -> String? {
        guard let manifest = cargoManifest(for: file), let text = text(manifest) else { return nil }
        for line in text.split(separator: "\n") where line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("edition") {
            let digits = line.filter(\.isNumber)
            if digits.count == 4 { return String(digits) }
        }
        return nil
    }
}
