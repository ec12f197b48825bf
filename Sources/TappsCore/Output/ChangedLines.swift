/// Which files a change touches and which of their lines it adds: what the delta report filters findings by.
///
/// Only the files that have findings need their added lines: ``addedLines`` may hold fewer files than
/// ``touchedFiles`` (a touched file without an entry counts as having no added line the report knows of).
public struct ChangedLines: Sendable, Equatable {
    /// Every file of the change (new paths of renames), whether or not its lines were read.
    public var touchedFiles: Set<RepoPath>
    /// Added line ranges (1-based, inclusive, in the new content) per file.
    public var addedLines: [RepoPath: [ClosedRange<Int>]]

    public init(touchedFiles: Set<RepoPath>, addedLines: [RepoPath: [ClosedRange<Int>]] = [:]) {
        self.touchedFiles = touchedFiles
        self.addedLines = addedLines
    }

    public func touches(_ file: RepoPath) -> Bool { touchedFiles.contains(file) }

    /// True when `line` of `file` is one the change adds.
    public func adds(_ file: RepoPath, line: Int) -> Bool {
        addedLines[file]?.contains { $0.contains(line) } ?? false
    }

    /// True when `finding` sits on an added line.
    public func isOnAddedLine(_ finding: Finding) -> Bool {
        guard let file = finding.file, let line = finding.line else { return false }
        return adds(file, line: line)
    }
}
