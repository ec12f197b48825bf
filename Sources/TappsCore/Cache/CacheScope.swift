/// What a cached pass of a step covers.
public enum CacheScope: String, Sendable, Hashable {
    /// The whole staged tree: any staged change runs the step again (type checkers, tests).
    case tree
    /// Each file it is given, by path and staged blob: a later run gives the step only the files whose blobs
    /// changed (file-local linters).
    case perFile = "per-file"

    /// Programs (argv[0]'s base name) whose checks are file-local, cached per file unless the step says otherwise.
    public static let fileLocalPrograms: Set<String> = ["ruff", "gofmt", "shellcheck"]

    /// The scope a step is cached with, nil when it is not cached (`cache: false`, or it modifies files). A step
    /// without `pass_filenames` can only be cached whole. Without an explicit `cache:`, configured steps running a
    /// file-local program, and built-ins declared file-local, are per file; everything else is cached whole.
    public static func effective(for step: StepConfig, fileLocalBuiltin: Bool = false, isBuiltin: Bool = false) -> CacheScope? {
        guard step.cache, !step.modifiesFiles else { return nil }
        guard step.passFilenames else { return .tree }
        if let declared = step.cacheScope { return declared }
        if isBuiltin { return fileLocalBuiltin ? .perFile : .tree }
        let program = step.command.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
        return fileLocalPrograms.contains(program) ? .perFile : .tree
    }
}
