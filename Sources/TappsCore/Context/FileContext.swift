/// What the staged change touches, derived from its files: the recommender's evidence.
public struct FileContext: Sendable {
    /// One changed file and what it is.
    public struct File: Sendable, Hashable {
        public var change: ChangedFile
        public var language: String?
        public var isTest: Bool
        public var isFramework: Bool
        public var isDocumentation: Bool
        public var isConfiguration: Bool
        public var isGenerated: Bool
        /// Security topics the path names (auth, crypto, payments, migrations …).
        public var securityTopics: [String]

        public var path: RepoPath { change.path }
    }

    /// False when there was no repository to read (suggest outside a repository).
    public var hasRepository: Bool
    /// Every changed file, sorted by path (byte order, as git sorts).
    public var files: [File]

    public init(hasRepository: Bool, files: [File]) {
        self.hasRepository = hasRepository
        self.files = files
    }

    /// A context for when no repository could be read.
    public static let unavailable = FileContext(hasRepository: false, files: [])

    /// Classifies `changes` with `classifier`.
    public static func build(from changes: [ChangedFile], classifier: FileClassifier) -> FileContext {
        let files = changes.map { change in
            let path = change.path
            return File(
                change: change, language: change.isSubmodule ? nil : Language.of(path),
                isTest: classifier.isTest(path),
                isFramework: classifier.isFramework(path) || (change.oldPath.map(classifier.isFramework) ?? false),
                isDocumentation: classifier.isDocumentation(path),
                isConfiguration: classifier.isConfiguration(path),
                isGenerated: classifier.isGenerated(path),
                securityTopics: classifier.securityTopics(of: path).union(
                    change.oldPath.map(classifier.securityTopics(of:)) ?? []).sorted())
        }
        return FileContext(hasRepository: true, files: files.sorted { $0.path < $1.path })
    }

    public var filesAffected: Int { files.count }
    public var linesAdded: Int { files.reduce(0) { $0 + $1.change.linesAdded } }
    public var linesDeleted: Int { files.reduce(0) { $0 + $1.change.linesDeleted } }
    public var linesChanged: Int { linesAdded + linesDeleted }

    /// Languages by number of files, most first.
    public var languages: [String] {
        var counts: [String: Int] = [:]
        for file in files { if let language = file.language { counts[language, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    public var testFiles: [RepoPath] { files.filter(\.isTest).map(\.path) }
    public var frameworkFiles: [RepoPath] { files.filter(\.isFramework).map(\.path) }
    public var binaryFiles: [RepoPath] { files.filter { $0.change.isBinary }.map(\.path) }
    public var generatedFiles: [RepoPath] { files.filter(\.isGenerated).map(\.path) }
    public var submodules: [RepoPath] { files.filter { $0.change.isSubmodule }.map(\.path) }
    public var unmergedFiles: [RepoPath] { files.filter { $0.change.status == .unmerged }.map(\.path) }
    public var securitySensitiveFiles: [RepoPath] { files.filter { !$0.securityTopics.isEmpty }.map(\.path) }
    public var securityTopics: [String] { Array(Set(files.flatMap(\.securityTopics))).sorted() }

    public var addedFiles: Int { files.filter { $0.change.status == .added }.count }
    public var deletedFiles: Int { files.filter { $0.change.status == .deleted }.count }
    public var renamedFiles: Int { files.filter { $0.change.status == .renamed }.count }

    /// Files that are neither tests, docs, config nor generated: the code the change really edits.
    public var sourceFiles: [File] {
        files.filter { !$0.isTest && !$0.isDocumentation && !$0.isConfiguration && !$0.isGenerated }
    }

    public var isEmpty: Bool { files.isEmpty }
    public var isDocsOnly: Bool { !files.isEmpty && files.allSatisfy(\.isDocumentation) }
    public var isConfigOnly: Bool { !files.isEmpty && files.allSatisfy(\.isConfiguration) }
    public var isTestsOnly: Bool { !files.isEmpty && files.allSatisfy(\.isTest) }

    /// The number of distinct directories the change spans.
    public var directoryCount: Int { Set(files.map(\.path.directory)).count }
    /// The number of distinct top-level directories (a root file counts as "").
    public var topLevelDirectoryCount: Int { Set(files.map { $0.path.directories.first ?? "" }).count }
}
