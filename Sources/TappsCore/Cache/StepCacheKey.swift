/// Everything a step's result depends on, as far as the step-result cache can tell; its ``digest`` names the
/// cache entry. Two runs with equal inputs get equal digests, and any difference gives a different one.
public struct StepCacheKey: Sendable {
    /// The executable a step runs, identified well enough that upgrading or editing it changes the key.
    public struct Program: Sendable, Hashable {
        /// The resolved path.
        public var path: String
        public var size: Int64
        public var modifiedSeconds: Int64
        public var modifiedNanoseconds: Int64
        /// SHA-256 of the content for small files (scripts), nil for large ones (size and mtime stand in).
        public var contentDigest: String?

        public init(path: String, size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64, contentDigest: String?) {
            self.path = path
            self.size = size
            self.modifiedSeconds = modifiedSeconds
            self.modifiedNanoseconds = modifiedNanoseconds
            self.contentDigest = contentDigest
        }
    }

    /// The staged content the step sees.
    public enum Input: Sendable, Hashable {
        /// The paths the step is given, each with its staged blob id (hex).
        case files([Pair])
        /// The id of the whole staged tree: for steps that read more than the files they are given.
        case tree(String)
    }

    /// A path and the staged blob id it has.
    public struct Pair: Sendable, Hashable {
        public var path: RepoPath
        public var blob: String

        public init(path: RepoPath, blob: String) {
            self.path = path
            self.blob = blob
        }
    }

    /// The git-tapps version: a new version may judge output differently.
    public var toolVersion: String
    public var step: StepConfig
    /// The built-in's name (mypy, pytest), nil for a configured step.
    public var builtin: String?
    /// A coverage requirement's minimum and files (the built-in pytest under a preset with `min_coverage`).
    public var coverage: (minimum: Int, files: [RepoPath])?
    public var program: Program
    public var input: Input
    /// Configuration files the tool reads, by name, with the SHA-256 of their content (nil: absent).
    public var configFiles: [(name: String, digest: String?)]
    /// Environment variables that change what the tool does, with their values (nil: unset).
    public var environment: [(name: String, value: String?)]

    public init(toolVersion: String, step: StepConfig, builtin: String?, coverage: (minimum: Int, files: [RepoPath])?,
                program: Program, input: Input, configFiles: [(name: String, digest: String?)],
                environment: [(name: String, value: String?)]) {
        self.toolVersion = toolVersion
        self.step = step
        self.builtin = builtin
        self.coverage = coverage
        self.program = program
        self.input = input
        self.configFiles = configFiles
        self.environment = environment
    }

    /// The canonical form that is hashed: an ordered JSON document (field order fixed, lists as given).
    public var canonical: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        let inputJSON: JSONValue
        switch input {
        case .files(let pairs):
            inputJSON = .object([("files", .array(pairs.map { .array([.path($0.path), .string($0.blob)]) }))])
        case .tree(let id):
            inputJSON = .object([("tree", .string(id))])
        }
        return .object([
            ("format", .int(1)),
            ("git_tapps", .string(toolVersion)),
            ("step", .object([
                ("name", .string(step.name)),
                ("phase", .string(step.phase.rawValue)),
                ("command", .array(step.command.map(JSONValue.string))),
                ("files", optional(step.files)),
                ("exclude", optional(step.exclude)),
                ("pass_filenames", .bool(step.passFilenames)),
                ("timeout", step.timeout.map(JSONValue.double) ?? .null),
                ("modifies_files", .bool(step.modifiesFiles)),
                ("stage_fixed", .bool(step.stageFixed)),
                ("cache", .bool(step.cache)),
                ("always_run", .bool(step.alwaysRun)),
            ])),
            ("builtin", optional(builtin)),
            ("coverage", coverage.map { .object([("minimum", .int($0.minimum)), ("files", .array($0.files.map(JSONValue.path)))]) } ?? .null),
            ("program", .object([
                ("path", .string(program.path)),
                ("size", .int(Int(program.size))),
                ("mtime", .string("\(program.modifiedSeconds).\(program.modifiedNanoseconds)")),
                ("sha256", optional(program.contentDigest)),
            ])),
            ("input", inputJSON),
            ("config_files", .array(configFiles.map { .array([.string($0.name), optional($0.digest)]) })),
            ("environment", .array(environment.map { .array([.string($0.name), optional($0.value)]) })),
        ])
    }

    /// The SHA-256 of the canonical form, 64 hex digits.
    public var digest: String { SHA256.hex(Array(canonical.serialized(pretty: false).utf8)) }
}
