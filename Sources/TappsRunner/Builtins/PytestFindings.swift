import TappsCore
import TappsSystem

/// Maps the paths pytest prints (relative to the repository root or to pytest's rootdir, or absolute) to
/// repository paths.
struct PytestPaths: Sendable {
    /// The repository root, without a trailing '/'.
    var root: String
    /// Paths pytest is likely to name (the test files it was given, the staged files): a path pytest prints
    /// relative to a rootdir below the repository root is matched to one of these by its ending.
    var known: [RepoPath]

    init(root: String, known: [RepoPath]) {
        self.root = TextConventions.trimmingTrailingSlashes(root)
        self.known = known
    }

    /// The repository path, or nil for a place outside the repository (`/usr/lib/…`, `<frozen …>`, `../x`).
    func resolve(_ text: String) -> RepoPath? {
        var text = Substring(text)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        if text.hasPrefix("/") {
            guard text.hasPrefix(root + "/") else { return nil }
            text = text.dropFirst(root.count + 1)
        }
        guard !text.isEmpty, !text.hasPrefix("<"), !text.hasPrefix("../"), text != ".." else { return nil }
        let exact = RepoPath(String(text))
        if known.contains(exact) { return exact }
        if let match = known.first(where: { $0.string.hasSuffix("/" + text) }) { return match }
        return exact
    }
}

/// Turns failing pytest outcomes into findings: one error per failing test at the failing statement in its test
/// file, plus a note at each staged file the traceback passes through.
enum PytestFindings {
    /// Every failing test keeps its own error; a note at a staged line that many failing tests pass through with
    /// the same message is given once, at the first of them, and says how many more (one broken line in a
    /// module the whole suite uses would otherwise fill the report with copies of itself).
    static func findings(for cases: [PytestCase], paths: PytestPaths, staged: Set<RepoPath>) -> [Finding] {
        let every = cases.filter(\.isProblem).flatMap { findings(for: $0, paths: paths, staged: staged) }
        var repeats: [NoteKey: Int] = [:]
        for finding in every where finding.severity == "note" { repeats[NoteKey(finding), default: 0] += 1 }
        guard repeats.values.contains(where: { $0 > 1 }) else { return every }
        var given: Set<NoteKey> = []
        var merged: [Finding] = []
        for var finding in every {
            if finding.severity == "note" {
                let key = NoteKey(finding)
                guard given.insert(key).inserted else { continue }
                let others = (repeats[key] ?? 1) - 1
                if others > 0 { finding.message += " (and \(others) more failing test\(others == 1 ? "" : "s"))" }
            }
            merged.append(finding)
        }
        return merged
    }

    private struct NoteKey: Hashable {
        let file: RepoPath?
        let line: Int?
        let message: String

        init(_ finding: Finding) {
            file = finding.file
            line = finding.line
            message = finding.message
        }
    }

    static func findings(for item: PytestCase, paths: PytestPaths, staged: Set<RepoPath>) -> [Finding] {
        let traceback = PytestTraceback(item.details)
        let fileText = item.file ?? String(item.nodeID.prefix { $0 != ":" })
        let testFile = paths.resolve(fileText)
        let frames = traceback.frames.map { (path: paths.resolve($0.path), frame: $0) }
        let inTest = frames.last { $0.path != nil && $0.path == testFile }?.frame
        let cause = traceback.message ?? firstLine(item.summary)
            ?? (item.outcome == .failed ? "test failed" : "error")
        var message = prefix(item.stage) + cause
        let project = frames.filter { $0.path != nil && !isInstalledPackage($0.frame.path) }
        var file = testFile
        var line = inTest?.line ?? item.line
        if inTest == nil, item.stage == .collection, let deepest = project.last {
            // A directory (or a conftest.py under it) that failed to collect: the place that raised is the location.
            file = deepest.path
            line = deepest.frame.line
        } else if let deepest = project.last, let path = deepest.path, path != testFile, !staged.contains(path) {
            message += " (raised at \(path.string):\(deepest.frame.line))"
        }
        // A collection error's node id is its file: name it as the repository does.
        let code = item.stage == .collection ? testFile?.string ?? item.nodeID : item.nodeID
        var findings = [Finding(file: file, line: line, severity: "error", code: code, message: message)]
        var seen: Set<RepoPath> = file.map { [$0] } ?? []
        for entry in project.reversed() {
            guard let path = entry.path, staged.contains(path), seen.insert(path).inserted else { continue }
            let place = entry.frame.function.map { "in \($0): " } ?? ""
            findings.insert(Finding(file: path, line: entry.frame.line, severity: "note", code: code,
                                    message: place + cause), at: 1)
        }
        return findings
    }

    static func prefix(_ stage: PytestCase.Stage) -> String {
        switch stage {
        case .collection: "collection error: "
        case .setup: "in setup: "
        case .teardown: "in teardown: "
        case .call: ""
        }
    }

    static func firstLine(_ text: String?) -> String? {
        guard let line = text?.split(separator: "\n").first?.trimmingPrefix(" "), !line.isEmpty else { return nil }
        return String(line)
    }

    /// A virtualenv or installed package inside the repository: not the project's code.
    static func isInstalledPackage(_ path: String) -> Bool {
        path.contains("/site-packages/") || path.contains("/dist-packages/")
    }
}
