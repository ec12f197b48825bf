/// A `git commit` found in a shell command an agent is about to run, with what decides what the commit would
/// contain: `-a`, paths (`--only`, or `-i`), and the `git add` commands before it in the same command line.
public struct CommitCommand: Sendable, Equatable {
    /// Where git runs, relative to the command's working directory (`cd DIR &&`, `git -C DIR`); nil: right there.
    public var directory: String?
    /// `-a`/`--all`: every tracked file's work-tree content.
    public var all = false
    /// `-i`/`--include`: the paths are added to what is staged (otherwise paths mean `--only`).
    public var include = false
    /// The paths after the options (`git commit file…`).
    public var paths: [String] = []
    /// `-n`/`--no-verify`: the pre-commit hook would not run.
    public var noVerify = false
    /// `--dry-run`: nothing is committed.
    public var dryRun = false
    /// `NAME=value` assignments before `git` (`SKIP=…`, `TAPPS_SKIP=1`).
    public var environment: [String: String] = [:]
    /// `git add …` (or `git rm --cached …`) commands earlier in the line, each as git's arguments after `git`, with
    /// its directory: they change what this commit contains.
    public var stagingBefore: [(directory: String?, arguments: [String])] = []

    public init() {}

    public static func == (lhs: CommitCommand, rhs: CommitCommand) -> Bool {
        lhs.directory == rhs.directory && lhs.all == rhs.all && lhs.include == rhs.include && lhs.paths == rhs.paths
            && lhs.noVerify == rhs.noVerify && lhs.dryRun == rhs.dryRun && lhs.environment == rhs.environment
            && lhs.stagingBefore.map(\.directory) == rhs.stagingBefore.map(\.directory)
            && lhs.stagingBefore.map(\.arguments) == rhs.stagingBefore.map(\.arguments)
    }

    /// True when the commit contains exactly what is staged now.
    public var isPlainStaged: Bool { !all && paths.isEmpty && stagingBefore.isEmpty }

    /// The `git commit` commands in `line`, in order (usually none or one).
    public static func find(in line: String) -> [CommitCommand] {
        // Cheap refusal first: the hook answers every shell command an agent runs.
        guard line.contains("commit") else { return [] }
        var found: [CommitCommand] = []
        var directory: String?
        var staging: [(directory: String?, arguments: [String])] = []
        for words in ShellCommandLine.commands(line) {
            var rest = words[...]
            var environment: [String: String] = [:]
            while let first = rest.first, let equals = first.firstIndex(of: "="), first.first != "=",
                  first[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                environment[String(first[..<equals])] = String(first[first.index(after: equals)...])
                rest = rest.dropFirst()
            }
            while let first = rest.first, ["command", "exec", "time", "nohup", "env"].contains(first) { rest = rest.dropFirst() }
            guard let program = rest.first else { continue }
            if program == "cd" {
                let target = rest.dropFirst().first ?? "~"
                directory = join(directory, target)
                continue
            }
            guard program == "git" || program.hasSuffix("/git") else { continue }
            var gitDirectory = directory
            var arguments = rest.dropFirst()
            while let option = arguments.first, option.hasPrefix("-") {
                arguments = arguments.dropFirst()
                if option == "-C", let value = arguments.first {
                    gitDirectory = join(gitDirectory, value)
                    arguments = arguments.dropFirst()
                } else if ["-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"].contains(option),
                          !arguments.isEmpty, option == "-c" || !option.contains("=") {
                    arguments = arguments.dropFirst()
                }
            }
            guard let subcommand = arguments.first else { continue }
            let subArguments = Array(arguments.dropFirst())
            switch subcommand {
            case "commit":
                var commit = parse(subArguments)
                commit.directory = gitDirectory
                commit.environment = environment
                commit.stagingBefore = staging
                found.append(commit)
            case "add":
                staging.append((gitDirectory, ["add"] + subArguments))
            case "rm" where subArguments.contains("--cached"):
                staging.append((gitDirectory, ["rm"] + subArguments))
            default:
                break
            }
        }
        return found
    }

    /// Options of `git commit` that take a value in the next word when not written `--name=value`.
    static let longWithValue: Set<String> = [
        "--message", "--file", "--author", "--date", "--reuse-message", "--reedit-message", "--fixup", "--squash",
        "--template", "--cleanup", "--trailer", "--pathspec-from-file",
    ]
    /// Short options whose value is the rest of the cluster or the next word.
    static let shortWithValue: Set<Character> = ["m", "F", "C", "c", "t"]
    /// Short options whose optional value can only be attached (`-uno`, `-Skey`).
    static let shortAttachedValue: Set<Character> = ["u", "S"]

    static func parse(_ arguments: [String]) -> CommitCommand {
        var commit = CommitCommand()
        var index = 0
        var onlyPaths = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPaths || argument == "-" || !argument.hasPrefix("-") {
                if argument == "--" && !onlyPaths { onlyPaths = true; continue }
                commit.paths.append(argument)
                continue
            }
            if argument == "--" { onlyPaths = true; continue }
            if argument.hasPrefix("--") {
                let name = String(argument.prefix(while: { $0 != "=" }))
                switch name {
                case "--all": commit.all = true
                case "--include": commit.include = true
                case "--only": commit.include = false
                case "--no-verify": commit.noVerify = true
                case "--verify": commit.noVerify = false
                case "--dry-run": commit.dryRun = true
                default:
                    if longWithValue.contains(name) && !argument.contains("=") { index += 1 }
                }
                continue
            }
            letters: for (offset, letter) in argument.dropFirst().enumerated() {
                switch letter {
                case "a": commit.all = true
                case "i": commit.include = true
                case "o": commit.include = false
                case "n": commit.noVerify = true
                default: break
                }
                if shortWithValue.contains(letter) {
                    if offset == argument.count - 2 { index += 1 }
                    break letters
                }
                if shortAttachedValue.contains(letter) { break letters }
            }
        }
        return commit
    }

    /// `base` then `path` (an absolute `path` replaces it).
    public static func join(_ base: String?, _ path: String) -> String {
        guard let base, !path.hasPrefix("/"), !path.hasPrefix("~") else { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
