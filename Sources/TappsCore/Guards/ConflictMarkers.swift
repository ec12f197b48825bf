/// Unresolved merge-conflict markers, by git's own rules (`is_conflict_marker` in git's diff.c, as
/// `git diff --check` applies them): a line that starts with seven `<`, `|`, `=` or `>` followed by
/// whitespace or the end of the line.
///
/// `<<<<<<<` and `>>>>>>>` lines are always reported. A `=======` (or diff3's `|||||||`) line is
/// reported only inside an open `<<<<<<<` region, so a Markdown or reStructuredText heading
/// underlined with exactly seven `=` is not mistaken for a conflict. Binary content is not looked at.
public enum ConflictMarkers {
    /// git's default `conflict-marker-size`.
    public static let markerSize = 7

    public static func scan(_ bytes: [UInt8], file: RepoPath) -> [Finding] {
        guard !TextLines.isBinary(bytes) else { return [] }
        // A quick exit for the usual file: no run of seven marker characters at all.
        guard mayContainMarker(bytes) else { return [] }
        var findings: [Finding] = []
        var open = false
        TextLines.forEach(bytes) { number, line in
            guard let marker = marker(line) else { return true }
            switch marker {
            case UInt8(ascii: "<"):
                open = true
                findings.append(finding(file, number, "conflict marker '<<<<<<<': an unresolved merge conflict starts here"))
            case UInt8(ascii: ">"):
                open = false
                findings.append(finding(file, number, "conflict marker '>>>>>>>': an unresolved merge conflict ends here"))
            case UInt8(ascii: "=") where open:
                findings.append(finding(file, number, "conflict marker '=======' between the two sides of a merge conflict"))
            case UInt8(ascii: "|") where open:
                findings.append(finding(file, number, "conflict marker '|||||||' (merge base) inside a merge conflict"))
            default:
                break
            }
            return true
        }
        return findings
    }

    /// The marker character when `line` is a conflict marker line.
    static func marker(_ line: ArraySlice<UInt8>) -> UInt8? {
        guard line.count >= markerSize, let first = line.first,
              first == UInt8(ascii: "<") || first == UInt8(ascii: ">") || first == UInt8(ascii: "=")
                || first == UInt8(ascii: "|") else { return nil }
        let start = line.startIndex
        for offset in 1..<markerSize where line[start + offset] != first { return nil }
        if line.count == markerSize { return first }
        let next = line[start + markerSize]
        return next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0B || next == 0x0C ? first : nil
    }

    private static let openingRun = [UInt8](repeating: UInt8(ascii: "<"), count: markerSize)
    private static let closingRun = [UInt8](repeating: UInt8(ascii: ">"), count: markerSize)

    /// Whether a run of seven `<` or `>` is anywhere in the content (no `=======` counts without one).
    private static func mayContainMarker(_ bytes: [UInt8]) -> Bool {
        TextLines.find(openingRun, in: bytes[...]) != nil || TextLines.find(closingRun, in: bytes[...]) != nil
    }

    private static func finding(_ file: RepoPath, _ line: Int, _ message: String) -> Finding {
        Finding(file: file, line: line, column: 1, severity: "error", code: "conflict-marker", message: message)
    }
}
