import TappsCore

/// The built-in mypy step: type-checks the staged Python files with a warm cache.
enum MypyStep {
    /// Scoped to the given files; imported modules are analysed but their errors stay silent unless the repository's
    /// own configuration says otherwise. Incremental mode stays on (`--no-incremental` is many times slower); the
    /// cache lives in the git directory so that it survives across commits and is shared by worktrees.
    static func invocation(tool: String, environment: StepEnvironment, config: MypyConfig) -> BuiltinInvocation {
        var arguments: [String] = []
        if !config.setsFollowImports { arguments.append("--follow-imports=silent") }
        arguments += ["--show-column-numbers", "--show-error-codes", "--no-error-summary", "--no-color-output",
                      "--no-pretty"]
        if let cache = ownCacheDirectory(environment: environment, config: config) {
            arguments += ["--cache-dir", cache]
        }
        return BuiltinInvocation(program: tool, arguments: arguments)
    }

    /// The cache directory the step chooses, unless the repository's configuration or `MYPY_CACHE_DIR` chose one.
    static func ownCacheDirectory(environment: StepEnvironment, config: MypyConfig) -> String? {
        guard !config.setsCacheDir && environment.baseEnvironment["MYPY_CACHE_DIR"] == nil else { return nil }
        return cacheDirectory(gitCommonDirectory: environment.gitCommonDirectory)
    }

    static func cacheDirectory(gitCommonDirectory: String) -> String {
        TappsDirectory.path("mypy-cache", in: gitCommonDirectory)
    }

    /// Failed when mypy reports an error in a staged file. Exit 2 (a crash, or a blocking error such as a syntax
    /// error somewhere mypy had to read) without an error in a staged file means nothing was checked: an error.
    static func verdict(exitCodes: [Int32], output: String, staged: [RepoPath]) -> StepVerdict {
        let findings = MypyOutput.findings(in: output, staged: staged)
        let errors = findings.filter { $0.severity == "error" }
        if let unexpected = exitCodes.first(where: { !(0...2).contains($0) }) {
            return StepVerdict(status: .error, exitCode: unexpected, findings: findings,
                               note: "mypy exited with code \(unexpected)")
        }
        let worst = exitCodes.max() ?? 0
        if !errors.isEmpty {
            return StepVerdict(status: .failed, exitCode: worst, findings: findings)
        }
        if worst == 2 {
            let elsewhere = MypyOutput.parse(output).contains { $0.severity == "error" }
            return StepVerdict(status: .error, exitCode: 2, findings: findings,
                               note: elsewhere ? "mypy stopped on an error in a file that is not staged"
                                               : "mypy crashed (exit code 2); see its output")
        }
        let note = worst == 1 ? "mypy reported errors only in files that are not staged" : nil
        return StepVerdict(status: .passed, exitCode: worst, findings: findings, note: note)
    }
}
