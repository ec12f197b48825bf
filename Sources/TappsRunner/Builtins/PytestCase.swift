/// One test outcome as pytest reported it, from its JUnit XML or its terminal output.
struct PytestCase: Sendable, Equatable {
    enum Outcome: String, Sendable {
        case passed, failed, error, skipped, xfailed
    }

    /// When an error happened: collecting the file, setting the test up, running it, tearing it down.
    enum Stage: String, Sendable {
        case collection, setup, call, teardown
    }

    /// pytest's node id (`tests/test_x.py::TestK::test_m[a - b]`; for a collection error, the file).
    var nodeID: String
    /// The test's file as pytest names it (relative to its rootdir).
    var file: String?
    /// The 1-based line of the test's `def`, when known.
    var line: Int?
    var outcome: Outcome
    var stage: Stage = .call
    /// pytest's one-line summary of the failure (the JUnit `message` attribute or the short summary's text).
    var summary: String?
    /// The failure's traceback (`--tb=short`).
    var details: String = ""

    var isProblem: Bool { outcome == .failed || outcome == .error }
}

/// Counts of outcomes, written the way pytest writes its last line: `2 failed, 39 passed, 1 skipped`.
struct PytestCounts: Sendable, Equatable {
    var failed = 0, passed = 0, skipped = 0, xfailed = 0, errors = 0

    init(failed: Int = 0, passed: Int = 0, skipped: Int = 0, xfailed: Int = 0, errors: Int = 0) {
        self.failed = failed
        self.passed = passed
        self.skipped = skipped
        self.xfailed = xfailed
        self.errors = errors
    }

    init(_ cases: [PytestCase]) {
        for item in cases {
            switch item.outcome {
            case .failed: failed += 1
            case .passed: passed += 1
            case .skipped: skipped += 1
            case .xfailed: xfailed += 1
            case .error: errors += 1
            }
        }
    }

    var isEmpty: Bool { failed + passed + skipped + xfailed + errors == 0 }

    var text: String {
        var parts: [String] = []
        if failed > 0 { parts.append("\(failed) failed") }
        if passed > 0 { parts.append("\(passed) passed") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if xfailed > 0 { parts.append("\(xfailed) xfailed") }
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        return parts.isEmpty ? "no tests ran" : parts.joined(separator: ", ")
    }

    /// pytest's last line, `8 failed, 1 passed, 1 skipped, 1 xfailed, 1 error in 13.60s` (also inside `=` rules,
    /// and with `, 2 warnings` or `1 xpassed`), or nil when `line` is not one.
    static func parseSummaryLine(_ line: Substring) -> PytestCounts? {
        var text = line.drop(while: { $0 == "=" || $0 == " " })
        while text.last == "=" || text.last == " " { text = text.dropLast() }
        guard let range = text.ranges(of: " in ").last,
              text[range.upperBound...].first?.isNumber == true else { return nil }
        var counts = PytestCounts()
        var matched = false
        for part in text[..<range.lowerBound].split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2, let number = Int(words[0]) else { return nil }
            switch words[1] {
            case "failed": counts.failed += number
            case "passed", "xpassed": counts.passed += number
            case "skipped", "deselected": if words[1] == "skipped" { counts.skipped += number }
            case "xfailed": counts.xfailed += number
            case "error", "errors": counts.errors += number
            case "warning", "warnings", "rerun": break
            default: return nil
            }
            matched = true
        }
        return matched ? counts : nil
    }
}
