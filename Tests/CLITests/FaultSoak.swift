import Foundation
import TestSupport

/// One trial of the randomized fault-injection soak (issue 9): a random repository state, random
/// steps, a signal at a random moment, then `git tapps recover`; returns what went wrong (nothing
/// when the promise held). Everything follows from the seed, so a failure reproduces with
/// `TAPPS_SOAK_SEED=<seed> TAPPS_SOAK_TRIALS=1`.
enum FaultSoak {
    typealias Random = FidelityPropertyTests.Random

    /// What a trial did, for the failure message.
    struct Trial {
        var seed: UInt64
        var state: [String] = []
        var steps: [String] = []
        var fault = "none"
        var failures: [String] = []

        var summary: String {
            "seed \(seed): state \(state.joined(separator: ",")); steps \(steps.joined(separator: ",")); fault \(fault): "
                + failures.joined(separator: "; ")
        }
    }

    static let names = ["plain.txt", "dir/sp ace.txt", "dir/deeper/ünï.txt", "tab\tname.txt", "-dash.txt", "bin.dat", "crlf.txt"]
    static let latin1Name: [UInt8] = Array("caf".utf8) + [0xe9] + Array(".txt".utf8)

    static func content(_ random: inout Random) -> [UInt8] {
        switch random.below(5) {
        case 0: return (0..<(1 + random.below(60))).map { _ in UInt8(random.below(256)) }
        case 1: return Array((0..<(1 + random.below(6))).map { "crlf \($0) \(random.next() % 1000)\r\n" }.joined().utf8)
        case 2: return Array("caf".utf8) + [0xe9, 0x20, 0xfc] + Array(" latin-1 \(random.next() % 100)\n".utf8)
        default: return Array((0..<(1 + random.below(8))).map { "line \($0) \(random.next() % 1000)\n" }.joined().utf8)
        }
    }

    /// The steps of a trial, and whether one of them changes files.
    static func steps(_ random: inout Random, trial: inout Trial) -> (config: String, modifies: Bool) {
        var entries: [String] = []
        var modifies = false
        let kinds = ["verify", "pass", "fail", "crash", "timeout", "modify", "slow"]
        for number in 0..<(1 + random.below(3)) {
            let kind = kinds[random.below(kinds.count)]
            let name = "\(kind)\(number)"
            trial.steps.append(name)
            switch kind {
            case "verify":
                entries.append("  - name: \(name)\n    phase: test\n    command: [\"python3\", \"-c\", \"\(FidelityPropertyTests.verifier)\"]\n    pass_filenames: false\n    cache: false\n")
            case "pass":
                entries.append(RunCommandTests.step(name, ["true"]))
            case "fail":
                entries.append(RunCommandTests.step(name, ["sh", "-c", "echo broken >&2; exit 1"]))
            case "crash":
                entries.append(RunCommandTests.step(name, ["sh", "-c", "kill -SEGV $$"]))
            case "timeout":
                entries.append(RunCommandTests.step(name, ["sleep", "3"], extra: "    timeout: 0.3\n"))
            case "modify":
                modifies = true
                entries.append("  - name: \(name)\n    phase: test\n    command: [\"sh\", \"-c\", \"for f; do [ -f \\\"$f\\\" ] && [ ! -L \\\"$f\\\" ] && printf '# fmt\\\\n' >> \\\"$f\\\"; done; exit 0\", \"fmt\"]\n    files: '\\\\.txt$'\n    modifies_files: true\n")
            default:
                entries.append(RunCommandTests.step(name, ["sleep", "0.\(2 + random.below(6))"]))
            }
        }
        return ("preset: minimal\nbuiltins: false\nsteps:\n" + entries.joined(), modifies)
    }

    /// Builds a random repository state.
    static func repository(_ random: inout Random, trial: inout Trial, config: String) throws -> ScratchRepository {
        let repo = try ScratchRepository()
        switch random.below(3) {
        case 0:
            try repo.git("config", "core.autocrlf", "true")
            trial.state.append("autocrlf")
        case 1:
            try repo.write(".gitattributes", "crlf.txt text eol=crlf\n*.dat binary\n")
            trial.state.append("eol-attr")
        default: break
        }
        try repo.write(".tapps.yaml", config)
        try repo.write(".gitignore", ".seen/\n*.log\n")
        try repo.write("ignored.log", "ignored, never touched\n")
        let unborn = random.below(7) == 0
        var names = Self.names.shuffled(using: &random).prefix(3 + random.below(4)).map { $0 }
        for name in names { try repo.write(name, bytes: content(&random)) }
        if random.below(3) == 0 {
            try repo.write(rawName: latin1Name, bytes: content(&random))
            trial.state.append("latin1-name")
        }
        if unborn {
            trial.state.append("unborn")
            try repo.git("add", "-A")
            for name in names where random.below(2) == 0 { try repo.write(name, bytes: content(&random)) }
            if random.below(2) == 0, let name = names.first {
                try FileManager.default.removeItem(atPath: repo.path(name))
                trial.state.append("deleted-unstaged")
            }
            return repo
        }
        try repo.commitAll("base")
        if random.below(2) == 0, let name = names.popLast() {
            // A staged type change (file → symlink) with the file back, edited, in the work tree.
            try FileManager.default.removeItem(atPath: repo.path(name))
            try FileManager.default.createSymbolicLink(atPath: repo.path(name), withDestinationPath: "link-target")
            try repo.git("add", "--", name)
            try FileManager.default.removeItem(atPath: repo.path(name))
            try repo.write(name, bytes: content(&random))
            trial.state.append("typechange")
        }
        if random.below(3) == 0, let name = names.popLast() {
            try repo.git("update-index", "--chmod=+x", "--", name)
            trial.state.append("mode-only")
        }
        try FidelityPropertyTests.scramble(repo, random: &random, files: names)
        trial.state.append("scrambled\(names.count)")
        return repo
    }

    /// The fault: an armed crash point (SIGKILL, or a catchable signal, maybe a second one while
    /// the checkpoint is written), or a signal from outside after a random delay with slowed writes.
    static func fault(_ random: inout Random) -> (environment: [String: String], external: (signal: Int32, delay: UInt32)?, label: String) {
        let points = ["after-backup", "mid-hide@1", "mid-hide@2", "after-hide", "mid-write@1", "mid-write@2", "mid-write@3",
                      "mid-write@5", "mid-restore@1", "mid-restore@2", "before-ref-delete", "in-ref-delete", "mid-checkpoint"]
        let signals: [(Int32, String)] = [(SIGKILL, "KILL"), (SIGINT, "INT"), (SIGTERM, "TERM")]
        switch random.below(10) {
        case 0:
            return ([:], nil, "none")
        case 1, 2, 3:
            let point = points[random.below(points.count)]
            return (["TAPPS_TEST_CRASH_AT": point], nil, point)
        case 4, 5:
            let point = ["after-backup", "mid-hide@1", "after-hide", "mid-write@1", "mid-restore@1"][random.below(5)]
            let (_, name) = signals[1 + random.below(2)]
            var armed = "\(point):\(name)"
            if random.below(2) == 0 { armed += ",mid-checkpoint:INT" }
            if random.below(3) == 0 { armed += ",mid-restore@1:INT" }
            return (["TAPPS_TEST_CRASH_AT": armed], nil, armed)
        default:
            let (signal, name) = signals[random.below(signals.count)]
            let delay = UInt32(random.below(900)) * 1000
            let slow = random.below(25)
            return (["TAPPS_TEST_WRITE_DELAY_MS": "\(slow)"], (signal, delay), "\(name) after \(delay / 1000) ms, writes +\(slow) ms")
        }
    }

    static func run(seed: UInt64) -> Trial {
        var trial = Trial(seed: seed)
        do {
            try body(seed: seed, trial: &trial)
        } catch {
            trial.failures.append("error: \(error)")
        }
        return trial
    }

    private static func body(seed: UInt64, trial: inout Trial) throws {
        var random = Random(state: seed &* 0x9E37_79B9 &+ 11)
        let (config, modifies) = steps(&random, trial: &trial)
        let repo = try repository(&random, trial: &trial, config: config)
        try repo.write(".seen/mismatches", "unwritten")
        let before = try SoakSnapshot(of: repo)
        let (environment, external, label) = fault(&random)
        trial.fault = label

        let run: (status: Int32, signalled: Bool, output: String, error: String)
        let background = try BackgroundTapps(repo, ["run", "--format", "json"], environment: environment)
        if let external {
            usleep(external.delay)
            background.signal(external.signal)
        }
        run = background.wait()
        let killed = run.signalled
        if killed && run.status != SIGKILL {
            // Before the trap is set (process start-up) a signal ends git-tapps — with nothing touched yet.
            let backups = (try? repo.git("for-each-ref", "refs/tapps/")) ?? "?"
            if !backups.isEmpty { trial.failures.append("died of signal \(run.status) after it had written \(backups)") }
        }
        if !killed && ![0, 1, 130, 143].contains(run.status) {
            trial.failures.append("exit \(run.status): \(run.error.prefix(300))")
        }
        if killed { OrphanSteps.end(in: repo) }

        let recover = try repo.tapps(["recover", "--format", "json"])
        let recovered = (try? JSONSerialization.jsonObject(with: Data(recover.output)) as? [String: Any]) ?? [:]
        let recoverProblems = (recovered["problems"] as? [String]) ?? []
        let runJSON = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]) ?? [:]
        let reportedChanges = ((runJSON["modified_files"] as? [Any]) ?? []).count
            + ((runJSON["dropped_changes"] as? [Any]) ?? []).count
        // Only a step that changes files may change them, and only where the run or recover said so.
        let stepChanged = modifies && (reportedChanges > 0 || recoverProblems.contains { $0.contains("changed since") })
        if recover.status != 0 && !(stepChanged && recoverProblems.allSatisfy { $0.contains("changed since") }) {
            trial.failures.append("recover exit \(recover.status): \(recover.errorText.prefix(400))")
        }

        let after = try SoakSnapshot(of: repo)
        let differences = after.differences(from: before)
        for key in differences {
            let fmt = after.files[key].map { String(decoding: $0, as: UTF8.self).contains("# fmt") } ?? false
            if stepChanged && (fmt || key == "<status>") { continue }
            trial.failures.append("\(key) differs\(key.hasPrefix("<") ? "" : ": \(SoakSnapshot.describe(before.files[key])) → \(SoakSnapshot.describe(after.files[key]))")")
        }
        if let leftover = try? repo.git("for-each-ref", "--format=%(refname)", "refs/tapps/backup/"), !leftover.isEmpty {
            trial.failures.append("backup left: \(leftover)")
        }
        let leftovers = KillWindow.leftovers(repo)
        if !leftovers.isEmpty { trial.failures.append("left behind: \(leftovers)") }
        if !killed, !modifies, let steps = runJSON["steps"] as? [[String: Any]],
           steps.contains(where: { ($0["name"] as? String)?.hasPrefix("verify") == true && $0["status"] as? String == "passed" }) {
            let seen = repo.readText(".seen/mismatches") ?? "?"
            if !seen.isEmpty { trial.failures.append("a step saw other bytes than staged: \(seen)") }
        }
    }
}

/// Every byte a user could lose, with the full permission bits: like `WorkTreeSnapshot`, `.seen/` left out.
struct SoakSnapshot {
    var files: [String: [UInt8]]

    init(of repo: ScratchRepository) throws {
        let snapshot = try WorkTreeSnapshot(of: repo)
        files = snapshot.files.filter { !$0.key.hasPrefix(".seen") }
        files["<index>"] = snapshot.index
        files["<status>"] = snapshot.status.split(separator: 0).filter { !$0.starts(with: Array("! .seen".utf8)) }
            .joined(separator: [0]).map { $0 }
        var modes: [String] = []
        if let walker = FileManager.default.enumerator(atPath: repo.root) {
            for case let name as String in walker where !name.hasPrefix(".git/") && !name.hasPrefix(".seen") {
                var info = stat()
                if lstat(repo.path(name), &info) == 0 { modes.append("\(name) \(String(info.st_mode, radix: 8))") }
            }
        }
        files["<modes>"] = Array(modes.sorted().joined(separator: "\n").utf8)
    }

    func differences(from other: SoakSnapshot) -> [String] {
        Set(files.keys).union(other.files.keys).sorted().filter { files[$0] != other.files[$0] }
    }

    static func describe(_ bytes: [UInt8]?) -> String {
        guard let bytes else { return "absent" }
        return "\(bytes.count) bytes \(String(decoding: bytes.prefix(40), as: UTF8.self).debugDescription)"
    }
}

/// Step processes outlive a git-tapps killed with SIGKILL (nothing can end them then); the soak
/// ends them before recovering, as the user's next command would find them gone.
enum OrphanSteps {
    static func end(in repo: ScratchRepository) {
        let root = URL(fileURLWithPath: repo.root).resolvingSymlinksInPath().path
        for _ in 0..<50 {
            var found = false
            for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = Int32(name), pid != getpid(),
                      let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(name)/cwd"),
                      cwd == root || cwd.hasPrefix(root + "/") || cwd == repo.root || cwd.hasPrefix(repo.root + "/") else { continue }
                kill(pid, SIGKILL)
                found = true
            }
            if !found { return }
            usleep(20_000)
        }
    }
}

extension FidelityPropertyTests.Random: RandomNumberGenerator {}
