import TappsCore
import TappsGit

/// Runs the in-process built-ins (``BuiltinCheck/isNative``) on the staged blobs.
///
/// The content guards (conflict-markers, private-keys, syntax, secrets) share one visit per blob
/// (``BlobVisits``): each blob is read once and scanned by every guard that looks at it, on two threads
/// for a big change. markdown-links, large-files and case-conflicts then run here, on the blobs already read.
enum NativeGuards {
    /// Results for the native `steps`, in their order; `cache` answers for the blobs it knows (and learns the rest).
    static func run(_ steps: [PlannedStep], content: StagedContent, settings: BuiltinSettings,
                    cache: GuardResultCache? = nil) -> [StepResult] {
        let visits = BlobVisits(steps: steps, content: content)
        let scanned = visits.scan(repository: content.objects, allow: settings.secretsAllow, cache: cache)
        for scan in scanned {
            if let bytes = scan.bytes { content.remember(scan.id, bytes) } else if let size = scan.size { content.remember(scan.id, size: size) }
        }
        content.countReads(scanned.count { !$0.fromCache })
        // The reading is shared: each content guard that ran is charged an equal part of it.
        let readers = visits.items.reduce(VisitChecks()) { $0.union($1.checks) }.slots.count
        let readShare = readers == 0 ? 0 : scanned.reduce(0) { $0 + $1.readSeconds } / Double(readers)
        return steps.map { step in
            guard let check = step.check else { return StepResult(name: step.name, phase: step.phase, status: .error) }
            let started = Clock.now
            var result = StepResult(name: step.name, phase: step.phase, status: .passed, fileCount: step.files.count)
            var seconds = 0.0
            do throws(GitError) {
                if BlobVisits.checks.contains(check) {
                    result.findings = try visited(check, scanned: scanned, content: content, seconds: &seconds)
                    seconds += readShare
                } else {
                    result.findings = try findings(check, files: step.files, content: content, settings: settings, cache: cache)
                }
            } catch {
                result.status = .error
                result.note = "cannot read the staged content: \(error.message)"
            }
            if !result.findings.isEmpty {
                result.status = .failed
                let files = Set(result.findings.compactMap(\.file)).count
                result.note = "\(result.findings.count) problem\(result.findings.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
            }
            result.duration = seconds + Clock.since(started)
            return result
        }
    }

    /// A content guard's findings from the shared visit. For `secrets`, the staged blob was scanned whole; a
    /// modified file's findings are then kept on the lines the change adds (the scan judges each line alone, so
    /// this is what scanning only the added lines finds — and the old blob is read and diffed only then).
    private static func visited(_ check: BuiltinCheck, scanned: [BlobScan], content: StagedContent,
                                seconds: inout Double) throws(GitError) -> [Finding] {
        var findings: [Finding] = []
        for scan in scanned where scan.checks.contains(check) {
            if let error = scan.error { throw error }
            seconds += scan.seconds[check]
            guard var found = scan.findings[check], !found.isEmpty else { continue }
            if check == .secrets, scan.oldID != nil, let entry = content.entry(scan.file) {
                let added = Set(try content.addedLines(scan.file, entry: entry).map(\.number))
                found = found.filter { $0.line.map(added.contains) ?? false }
            }
            findings += found
        }
        return findings
    }

    /// The guards that need more than one blob at a time.
    private static func findings(_ check: BuiltinCheck, files: [RepoPath], content: StagedContent,
                                 settings: BuiltinSettings, cache: GuardResultCache?) throws(GitError) -> [Finding] {
        var findings: [Finding] = []
        switch check {
        case .markdownLinks:
            let documents = MarkdownDocuments(content: content, cache: cache)
            let tree = MarkdownLinks.DocumentTree(exists: content.exists) { path in
                guard let entry = content.entry(RepoPath(path)), entry.isFile else { return nil }
                return try? documents.document(entry.id)
            }
            for file in files {
                guard let entry = content.entry(file), entry.isFile else { continue }
                findings += MarkdownLinks.check(try documents.document(entry.id), file: file, tree: tree)
            }
        case .largeFiles:
            for file in files {
                guard let entry = content.entry(file), entry.isFile else { continue }
                let size = try content.size(entry.id)
                guard size > settings.largeFilesMaxKB * 1024 else { continue }
                let old = content.committedEntry(file)
                let oldSize = try old.map { entry throws(GitError) in try content.size(entry.id) }
                guard var finding = LargeFiles.check(file: file, newSize: size, oldSize: oldSize, maxKB: settings.largeFilesMaxKB)
                else { continue }
                if oldSize == nil, content.committedTreeContains(entry.id) { continue } // a rename or copy of committed bytes
                let prefix = try content.content(entry.id).prefix(LargeFiles.lfsPointerPrefix.count)
                if LargeFiles.isLFSPointer(prefix) { continue }
                finding.file = file
                findings.append(finding)
            }
        case .caseConflicts:
            let added = files.filter { content.oldEntry($0) == nil }
            guard !added.isEmpty else { return [] }
            findings = CaseConflicts.find(added: added, all: content.allPaths())
        default:
            break
        }
        return findings
    }
}
