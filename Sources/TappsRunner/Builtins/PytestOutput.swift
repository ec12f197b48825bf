/// Reads pytest's terminal output (`-rfE --tb=short`) when there is no JUnit report: the short test summary
/// (`FAILED node - message`, `ERROR node - message`), the traceback sections (`____ test_x ____`) and the last
/// line's counts.
enum PytestOutput {
    /// The failing and erroring tests, each with its traceback when its section was found, plus a conftest.py
    /// that could not be loaded.
    static func cases(in output: String) -> [PytestCase] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == "\r" ? $0.dropLast() : $0 }
        var sections = self.sections(lines)
        var cases: [PytestCase] = []
        for line in lines {
            guard var item = summaryCase(line) else { continue }
            let domain = self.domain(of: item.nodeID)
            let titles: [(String, PytestCase.Stage)] = item.outcome == .failed
                ? [(domain, .call)]
                : [("ERROR collecting \(item.nodeID)", .collection), ("ERROR at setup of \(domain)", .setup),
                   ("ERROR at teardown of \(domain)", .teardown)]
            if item.outcome == .error { item.stage = item.nodeID.contains("::") ? .setup : .collection }
            for (title, stage) in titles {
                if let index = sections.firstIndex(where: { $0.title == title }) {
                    item.details = sections.remove(at: index).body
                    item.stage = stage
                    break
                }
            }
            cases.append(item)
        }
        if let conftest = conftestFailure(lines) { cases.append(conftest) }
        return cases
    }

    /// The counts on pytest's last line(s), summed over several invocations.
    static func counts(in output: String) -> PytestCounts? {
        var total: PytestCounts?
        for line in output.split(whereSeparator: \.isNewline) {
            guard let counts = PytestCounts.parseSummaryLine(line) else { continue }
            var sum = total ?? PytestCounts()
            sum.failed += counts.failed
            sum.passed += counts.passed
            sum.skipped += counts.skipped
            sum.xfailed += counts.xfailed
            sum.errors += counts.errors
            total = sum
        }
        return total
    }

    static func summaryCase(_ line: Substring) -> PytestCase? {
        let outcome: PytestCase.Outcome
        let body: Substring
        if line.hasPrefix("FAILED ") {
            outcome = .failed
            body = line.dropFirst("FAILED ".count)
        } else if line.hasPrefix("ERROR ") {
            outcome = .error
            body = line.dropFirst("ERROR ".count)
        } else {
            return nil
        }
        let (nodeID, message) = splitNodeID(body)
        guard !nodeID.isEmpty, !nodeID.hasPrefix(" ") else { return nil }
        let file = String(nodeID.prefix { $0 != ":" })
        return PytestCase(nodeID: nodeID, file: file, outcome: outcome, summary: message)
    }

    /// The part of a node id pytest puts in a section title: `tests/t.py::TestK::test_m[x]` → `TestK.test_m[x]`.
    static func domain(of nodeID: String) -> String {
        guard let separator = nodeID.firstRange(of: "::") else { return nodeID }
        return String(nodeID[separator.upperBound...]).replacing("::", with: ".")
    }

    /// Sections under pytest's `ERRORS` and `FAILURES` headings: a title in a rule of underscores, then text up
    /// to the next title or heading.
    static func sections(_ lines: [Substring]) -> [(title: String, body: String)] {
        var sections: [(title: String, body: String)] = []
        var current: (title: String, lines: [Substring])?
        func finish() {
            if let current { sections.append((current.title, current.lines.joined(separator: "\n"))) }
            current = nil
        }
        for line in lines {
            if let title = ruleTitle(line, rule: "_") {
                finish()
                current = (title, [])
            } else if ruleTitle(line, rule: "=") != nil || line.hasPrefix("!!!!") {
                finish()
            } else {
                current?.lines.append(line)
            }
        }
        finish()
        return sections
    }

    /// `____ title ____` → title.
    static func ruleTitle(_ line: Substring, rule: Character) -> String? {
        guard line.hasPrefix(String(repeating: rule, count: 3)), line.last == rule else { return nil }
        let inner = line.drop(while: { $0 == rule })
        var title = inner
        while title.last == rule { title = title.dropLast() }
        guard title.hasPrefix(" "), title.hasSuffix(" "), title.count > 2 else { return nil }
        return String(title.dropFirst().dropLast())
    }

    /// `ImportError while loading conftest '/repo/tests/conftest.py'.` and the traceback after it (pytest exits
    /// with 4 and writes no report).
    static func conftestFailure(_ lines: [Substring]) -> PytestCase? {
        let marker = "ImportError while loading conftest '"
        guard let start = lines.firstIndex(where: { $0.hasPrefix(marker) }) else { return nil }
        var path = lines[start].dropFirst(marker.count)
        if path.hasSuffix("'.") { path = path.dropLast(2) }
        let body = lines[(start + 1)...].joined(separator: "\n")
        return PytestCase(nodeID: String(path), file: String(path), outcome: .error, stage: .collection,
                          details: body)
    }

    /// Splits `node id - message` at the first " - " outside the node id's `[parameters]`.
    static func splitNodeID(_ body: Substring) -> (String, String?) {
        var depth = 0
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "[" { depth += 1 } else if character == "]" { depth = max(0, depth - 1) }
            if depth == 0, body[index...].hasPrefix(" - ") {
                let message = body[body.index(index, offsetBy: 3)...]
                return (String(body[..<index]), String(message))
            }
            index = body.index(after: index)
        }
        return (String(body), nil)
    }
}
