import TappsCore
import TappsGit

/// Runs the in-process built-ins (``BuiltinCheck/isNative``) on the staged blobs.
enum NativeGuards {
    static func run(_ step: PlannedStep, check: BuiltinCheck, content: StagedContent, settings: BuiltinSettings,
                    allow: [Regex<AnyRegexOutput>]) -> StepResult {
        let started = Clock.now
        var result = StepResult(name: step.name, phase: step.phase, status: .passed, fileCount: step.files.count)
        do throws(GitError) {
            result.findings = try findings(check, files: step.files, content: content, settings: settings, allow: allow)
        } catch {
            result.status = .error
            result.note = "cannot read the staged content: \(error.message)"
        }
        if !result.findings.isEmpty {
            result.status = .failed
            let files = Set(result.findings.compactMap(\.file)).count
            result.note = "\(result.findings.count) problem\(result.findings.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        }
        result.duration = Clock.since(started)
        return result
    }

    private static func findings(_ check: BuiltinCheck, files: [RepoPath], content: StagedContent, settings: BuiltinSettings,
                                 allow: [Regex<AnyRegexOutput>]) throws(GitError) -> [Finding] {
        var findings: [Finding] = []
        switch check {
        case .conflictMarkers, .privateKeys, .syntax, .markdownLinks:
            for file in files {
                guard let entry = content.entry(file), entry.isFile else { continue }
                let bytes = try content.content(entry.id)
                switch check {
                case .conflictMarkers: findings += ConflictMarkers.scan(bytes, file: file)
                case .privateKeys: findings += PrivateKeys.scan(bytes, file: file)
                case .syntax: if let finding = SyntaxCheck.check(bytes, file: file) { findings.append(finding) }
                default:
                    let tree = MarkdownLinks.Tree(exists: content.exists) { path in
                        guard let entry = content.entry(RepoPath(path)), entry.isFile else { return nil }
                        return try? content.content(entry.id)
                    }
                    findings += MarkdownLinks.check(bytes, file: file, tree: tree)
                }
            }
        case .largeFiles:
            for file in files {
                guard let entry = content.entry(file), entry.isFile else { continue }
                let size = try content.size(entry.id)
                guard size > settings.largeFilesMaxKB * 1024 else { continue }
                let old = content.oldEntry(file)
                let oldSize = try old.map { entry throws(GitError) in try content.size(entry.id) }
                guard var finding = LargeFiles.check(file: file, newSize: size, oldSize: oldSize, maxKB: settings.largeFilesMaxKB)
                else { continue }
                if oldSize == nil, content.oldTreeContains(entry.id) { continue } // a rename or copy of committed bytes
                let prefix = try content.content(entry.id).prefix(LargeFiles.lfsPointerPrefix.count)
                if LargeFiles.isLFSPointer(prefix) { continue }
                finding.file = file
                findings.append(finding)
            }
        case .caseConflicts:
            let added = files.filter { content.oldEntry($0) == nil }
            guard !added.isEmpty else { return [] }
            findings = CaseConflicts.find(added: added, all: content.allPaths())
        case .secrets:
            for file in files {
                guard let entry = content.entry(file), entry.isFile else { continue }
                let lines = try content.addedLines(file, entry: entry)
                guard !lines.isEmpty else { continue }
                findings += Secrets.scan(lines, file: file) { secret in
                    allow.contains { (try? $0.firstMatch(in: secret)) != nil }
                }
            }
        default:
            break
        }
        return findings
    }
}
