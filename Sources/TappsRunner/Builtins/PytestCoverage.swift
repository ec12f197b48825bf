import TappsCore

/// Coverage for the built-in pytest (pytest-cov): the staged source files must reach the preset's
/// `min_coverage`. Only those files count; the data file and the configuration live in the run's
/// scratch directory, so nothing is left in the work tree.
enum PytestCoverage {
    /// What pytest prints when pytest-cov is not installed and `--cov` is passed.
    static let missingPlugin = "unrecognized arguments: --cov"

    /// The extra pytest arguments, or nil when the configuration could not be written.
    static func arguments(_ requirement: CoverageRequirement, scratch: String) -> [String]? {
        guard StepFileSystem.createDirectories(scratch) == nil else { return nil }
        let configPath = scratch + "/coverage.rc"
        // coverage.py reads `include` as file patterns; names with pattern characters are matched literally
        // by escaping them in brackets.
        let patterns = requirement.files.map { path in
            path.string.map { "*?[".contains($0) ? "[\($0)]" : String($0) }.joined()
        }
        let text = """
            [run]
            source = .
            data_file = \(scratch)/coverage.data
            [report]
            include =
            \(patterns.map { "    " + $0 }.joined(separator: "\n"))

            """
        guard StepFileSystem.write(Array(text.utf8), to: configPath) == nil else { return nil }
        return ["--cov", "--cov-config=\(configPath)", "--cov-report=term",
                "--cov-fail-under=\(requirement.minimum)"]
    }

    /// Adds the coverage verdict: a finding when the minimum was missed.
    static func annotate(_ verdict: StepVerdict, output: String) -> StepVerdict {
        var verdict = verdict
        for line in output.split(whereSeparator: \.isNewline) where line.hasPrefix("FAIL Required test coverage of") {
            verdict.findings.append(Finding(file: nil, severity: "error", code: "coverage",
                                            message: String(line.dropFirst("FAIL ".count))))
            verdict.status = .failed
            let note = "coverage of the staged files is below the preset's minimum"
            verdict.note = verdict.note.map { "\($0); \(note)" } ?? note
        }
        return verdict
    }
}
