import Foundation
import Testing
import TestSupport

/// The manual (docs/man/git-tapps.1, generated from the argument parser by scripts/generate-manual) against the
/// binary's own help, and installed the way scripts/install does it so that `git tapps --help` opens it.
@Suite struct ManualTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let manualPath = packageRoot + "/docs/man/git-tapps.1"
    /// swift-argument-parser's generate-manual tool, present once `scripts/generate-manual` has run in this build.
    static let generatorPath = packageRoot + "/.build/x86_64-unknown-linux-gnu/debug/generate-manual-tool"

    /// A command of the tree the parser describes (`--experimental-dump-help`).
    struct Command {
        var path: [String]
        var abstract: String
        /// Long option names (without dashes) and their help.
        var options: [(name: String, abstract: String)]
    }

    static func commands() throws -> [Command] {
        let dump = try ProcessRunner.run(TestPaths.executable, ["--experimental-dump-help"], directory: "/tmp",
                                         environment: ScratchRepository.environment)
        let json = try #require(JSONSerialization.jsonObject(with: Data(dump.output)) as? [String: Any])
        var found: [Command] = []
        func walk(_ command: [String: Any], path: [String]) {
            // `help` is the parser's own (its --help is the root's).
            guard command["shouldDisplay"] as? Bool ?? true, path != ["help"] else { return }
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let options: [(String, String)] = arguments.compactMap { argument in
                guard argument["shouldDisplay"] as? Bool ?? true,
                      let names = argument["names"] as? [[String: Any]],
                      let long = names.first(where: { $0["kind"] as? String == "long" })?["name"] as? String else { return nil }
                return (long, argument["abstract"] as? String ?? "")
            }
            found.append(Command(path: path, abstract: command["abstract"] as? String ?? "", options: options))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                if let name = sub["commandName"] as? String { walk(sub, path: path + [name]) }
            }
        }
        let root = try #require(json["command"] as? [String: Any])
        walk(root, path: [])
        return found
    }

    /// Commands the parser hides from help (`shouldDisplay: false`), by name.
    static func hiddenCommandNames() throws -> [String] {
        let dump = try ProcessRunner.run(TestPaths.executable, ["--experimental-dump-help"], directory: "/tmp",
                                         environment: ScratchRepository.environment)
        let json = try #require(JSONSerialization.jsonObject(with: Data(dump.output)) as? [String: Any])
        var names: [String] = []
        func walk(_ command: [String: Any]) {
            if command["shouldDisplay"] as? Bool == false, let name = command["commandName"] as? String { names.append(name) }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(json["command"] as? [String: Any]))
        return names
    }

    /// mdoc source as plain words: macros' escapes undone, whitespace collapsed, only ASCII (the generator drops the rest).
    static func plain(_ text: String) -> String {
        let ascii = String(String.UnicodeScalarView(text.unicodeScalars.filter(\.isASCII)))
        return ascii.replacingOccurrences(of: "\\(dq", with: "\"").replacingOccurrences(of: "\\e", with: "\\")
            .replacingOccurrences(of: "\\&", with: "")
            .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    @Test func theManualHoldsTheHelpOfEveryCommand() throws {
        let page = try String(contentsOfFile: Self.manualPath, encoding: .utf8)
        let text = Self.plain(page)
        let commands = try Self.commands()
        #expect(commands.count > 15, "the command tree has every subcommand")
        for command in commands {
            let help = try ProcessRunner.run(TestPaths.executable, command.path + ["--help"], directory: "/tmp",
                                             environment: ScratchRepository.environment)
            #expect(help.status == 0, "git-tapps \(command.path.joined(separator: " ")) --help: \(help.errorText)")
            #expect(Self.plain(help.outputText).contains(Self.plain(command.abstract)), "--help shows the abstract")
            let name = command.path.last ?? "git-tapps"
            let heading = command.path.isEmpty ? ".Nm git-tapps" : ".It Em \(name)"
            #expect(page.contains(heading), "the manual has no entry for \(command.path): run scripts/generate-manual")
            #expect(text.contains(Self.plain(command.abstract)),
                    "the manual lacks the abstract of \(command.path) (\(command.abstract)): run scripts/generate-manual")
            for option in command.options {
                #expect(page.contains("Fl -\(option.name)"), "the manual lacks --\(option.name) of \(command.path): run scripts/generate-manual")
                #expect(text.contains(Self.plain(option.abstract)),
                        "the manual lacks the help of --\(option.name) of \(command.path): run scripts/generate-manual")
            }
        }
        // And nothing stale: every command the page describes still exists.
        // (The generator also writes hidden commands, such as select-tests.)
        let known = Set(commands.compactMap(\.path.last) + ["help"] + (try Self.hiddenCommandNames()))
        for line in page.split(separator: "\n") where line.hasPrefix(".It Em ") {
            let name = String(line.dropFirst(".It Em ".count))
            #expect(known.contains(name), "the manual describes '\(name)', which is no longer a command")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: generatorPath),
                   "generate-manual-tool not built here: run scripts/generate-manual once for the byte-exact check"))
    func regeneratingTheManualGivesTheCommittedPage() throws {
        let page = try String(contentsOfFile: Self.manualPath, encoding: .utf8)
        let dateLine = try #require(page.split(separator: "\n").first { $0.hasPrefix(".Dd ") })
        let parts = dateLine.dropFirst(4).replacingOccurrences(of: ",", with: "").split(separator: " ")
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        let month = try #require(months.firstIndex(of: String(parts[0]))) + 1
        let date = "\(parts[2])-\(month < 10 ? "0" : "")\(month)-\(parts[1].count == 1 ? "0" : "")\(parts[1])"
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-man-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try ProcessRunner.run(Self.generatorPath, [TestPaths.executable, "--date", date, "--output-directory", output],
                                           directory: "/tmp", environment: ScratchRepository.environment)
        #expect(result.status == 0, "\(result.errorText)")
        let generated = try String(contentsOfFile: output + "/git-tapps.1", encoding: .utf8)
        let expected = generated.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ".Pp" : String($0) }.joined(separator: "\n")
        #expect(expected == page, "docs/man/git-tapps.1 is out of date: run scripts/generate-manual")
    }

    /// Installs with scripts/install into a fresh prefix, as scripts/setup does.
    static func install() throws -> (prefix: String, environment: [String: String]) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tapps-install-\(UUID().uuidString.prefix(8))").path
        let prefix = base + "/bin"
        try FileManager.default.createDirectory(atPath: base + "/home", withIntermediateDirectories: true)
        var environment = ScratchRepository.environment
        environment["HOME"] = base + "/home"
        environment["PREFIX"] = prefix
        environment["BINARY"] = TestPaths.executable
        environment["PATH"] = prefix + ":/usr/local/bin:/usr/bin:/bin"
        environment["MANPATH"] = nil
        environment["XDG_DATA_DIRS"] = base + "/share:/usr/local/share:/usr/share"
        environment["MANPAGER"] = "cat"
        environment["PAGER"] = "cat"
        let result = try ProcessRunner.run(packageRoot + "/scripts/install", [], directory: "/tmp", environment: environment)
        #expect(result.status == 0, "scripts/install: \(result.errorText)")
        return (prefix, environment)
    }

    static let hasMan = FileManager.default.isExecutableFile(atPath: "/usr/bin/man")

    @Test(.enabled(if: hasMan, "man is not installed (scripts/test installs man-db)"))
    func gitHelpOpensTheInstalledManual() throws {
        let (prefix, environment) = try Self.install()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: prefix).deletingLastPathComponent().path) }
        let share = URL(fileURLWithPath: prefix).deletingLastPathComponent().path + "/share"
        #expect(FileManager.default.fileExists(atPath: share + "/man/man1/git-tapps.1"))
        // MANPATH unset: man finds the page beside the bin directory on PATH; then with an explicit MANPATH.
        for extra in [[:], ["MANPATH": share + "/man"]] as [[String: String]] {
            let env = environment.merging(extra) { $1 }
            for arguments in [["tapps", "--help"], ["help", "tapps"]] {
                let result = try ProcessRunner.run("/usr/bin/git", arguments, directory: "/tmp", environment: env)
                #expect(result.status == 0, "git \(arguments.joined(separator: " ")) (\(extra)): \(result.errorText)")
                #expect(result.outputText.contains("GIT-TAPPS(1)") && result.outputText.contains("suggest"),
                        "git \(arguments.joined(separator: " ")) shows the manual")
            }
        }
    }

    @Test func usageErrorsPointAtAHelpThatWorks() throws {
        let repo = try ScratchRepository()
        let cases: [([String], String)] = [
            (["run", "--jobs", "0"], "git tapps run -h"),
            (["checkpoints", "prune", "--older-than"], "git tapps checkpoints prune -h"),
            (["--no-such-flag"], "git tapps -h"),
        ]
        for (arguments, hint) in cases {
            let result = try repo.tapps(arguments)
            #expect(result.status == 2, "\(arguments): exit 2")
            #expect(result.errorText.contains("(see \(hint))"), "\(arguments): \(result.errorText)")
            #expect(!result.errorText.contains("--help"), "never points at --help, which needs the manual installed")
            let help = try repo.tapps(Array(hint.split(separator: " ").dropFirst(2).map(String.init)))
            #expect(help.status == 0 && help.outputText.contains("USAGE:"), "\(hint) works")
        }
    }

    @Test func versionCommandAndFlagAgreeAndNameLibgit2() throws {
        let repo = try ScratchRepository()
        let command = try repo.tapps(["version"])
        let flag = try repo.tapps(["--version"])
        #expect(command.status == 0 && flag.status == 0)
        #expect(command.outputText == flag.outputText)
        let lines = command.outputText.split(separator: "\n")
        #expect(lines.first?.hasPrefix("git-tapps ") == true)
        let libgit2 = try #require(lines.first { $0.hasPrefix("libgit2 ") })
        let version = libgit2.dropFirst("libgit2 ".count).split(separator: " ").first.map(String.init) ?? ""
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil })
        // The library it runs with is the one on this machine.
        if let probe = try? ProcessRunner.run("/usr/bin/pkg-config", ["--modversion", "libgit2"], directory: "/tmp",
                                              environment: ScratchRepository.environment), probe.status == 0 {
            #expect(version == probe.outputText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let json = try repo.tapps(["version", "--format", "json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])
        #expect(object["libgit2"] as? String == version)
    }
}
