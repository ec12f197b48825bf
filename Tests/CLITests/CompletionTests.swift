import Foundation
import Testing
import TestSupport

/// `git tapps …<TAB>` in real shells, through git's own completion, with the scripts scripts/install puts where
/// each shell looks (simulated with `XDG_DATA_DIRS` / `$fpath` pointing into a fresh prefix).
@Suite(.serialized) struct CompletionTests {
    static let gitBashCompletion = "/usr/share/bash-completion/completions/git"
    static let bashCompletion = "/usr/share/bash-completion/bash_completion"
    static func tool(_ name: String) -> String? {
        ["/usr/bin/" + name, "/bin/" + name, "/usr/local/bin/" + name].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A repository with a preset of its own and one checkpoint, and git-tapps installed into a fresh prefix.
    final class Fixture {
        let repo: ScratchRepository
        let share: String
        let environment: [String: String]
        let checkpoint: String

        init() throws {
            repo = try CheckpointSupport.budgetRepository(
                budget: "presets:\n  team-check: {extends: minimal, phases: [test]}\nbudget:\n  total: 10000\n")
            let stopped = try repo.tapps(["run", "--jobs", "1"])
            #expect(stopped.status == 3, "the budget stops the run and saves a checkpoint: \(stopped.errorText)")
            checkpoint = try #require(try CheckpointSupport.checkpointIDs(repo).first)
            let (prefix, environment) = try ManualTests.install()
            share = URL(fileURLWithPath: prefix).deletingLastPathComponent().path + "/share"
            self.environment = environment
        }

        deinit { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: share).deletingLastPathComponent().path) }
    }

    static let presets = ["minimal", "standard", "lightweight", "comprehensive", "full-sdlc", "team-check"]

    func lines(_ result: ProcessResult) -> [String] {
        result.outputText.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func check(_ complete: (String) throws -> [String], checkpoint: String) throws {
        #expect(try complete("git tapps su") == ["suggest"])
        #expect(try complete("git tapps run --pre") == ["--preset", "--pretty"])
        #expect(try complete("git tapps run --pres") == ["--preset"])
        let presets = Set(try complete("git tapps run --preset "))
        #expect(presets == Set(Self.presets + ["auto"]), "built-in and configured presets, and auto")
        #expect(Set(try complete("git tapps presets show ")) == Set(Self.presets), "auto is not a preset to show")
        #expect(try complete("git tapps checkpoints show ") == [checkpoint])
        #expect(try complete("git tapps completion ").sorted() == ["bash", "fish", "zsh"])
        #expect(Set(try complete("git tapps run --format ")) == ["text", "json"])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: gitBashCompletion), "git's bash completion is not installed"))
    func bashThroughGitsCompletion() throws {
        let fixture = try Fixture()
        let script = """
            [ -f \(Self.bashCompletion) ] && source \(Self.bashCompletion)
            source \(Self.gitBashCompletion)
            # Without bash-completion's loader git cannot find the file by itself: load it as the loader would.
            declare -F _completion_loader >/dev/null || source \(fixture.share)/bash-completion/completions/git-tapps
            line="$1"
            read -ra COMP_WORDS <<< "$line"
            [[ $line == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE="$line" COMP_POINT=${#line}
            __git_wrap__git_main
            declare -F _git_tapps >/dev/null || { echo "_git_tapps was not loaded" >&2; exit 3; }
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        try check({ line in
            let result = try ProcessRunner.run("/bin/bash", ["-c", script, "bash", line], directory: fixture.repo.root,
                                               environment: fixture.environment)
            #expect(result.status == 0, "\(line): \(result.errorText)")
            return lines(result)
        }, checkpoint: fixture.checkpoint)
    }

    @Test(.enabled(if: tool("fish") != nil, "fish is not installed (scripts/test installs it)"))
    func fishThroughGitsCompletion() throws {
        let fixture = try Fixture()
        let fish = try #require(Self.tool("fish"))
        try check({ line in
            let result = try ProcessRunner.run(fish, ["-c", "complete -C \"$argv[1]\"", line], directory: fixture.repo.root,
                                               environment: fixture.environment)
            #expect(result.status == 0, "\(line): \(result.errorText)")
            return lines(result).map { String($0.split(separator: "\t").first ?? "") }
        }, checkpoint: fixture.checkpoint)
    }

    /// Drives an interactive `zsh -f` on a pseudo-terminal (zsh/zpty), presses TAB after the line and prints every
    /// candidate compadd was given that matched.
    static let zshCapture = #"""
        zmodload zsh/zpty zsh/datetime
        zpty z zsh -f -i
        zpty -w z "fpath=($1 \$fpath); PROMPT=''; autoload -U compinit; compinit -u -D"
        zpty -w z 'zstyle ":completion:*" list-grouped false; zstyle ":completion:*" insert-tab false'
        zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) && print -r -l -- $'"'"'\x01'"'"'${^__hits}; builtin compadd "$@"; }'
        zpty -w z '__done() { print -r -- $'"'"'\x01END'"'"' ; }; comppostfuncs=(__done); bindkey "^I" complete-word'
        zpty -w -n z "$2"$'\t'
        local line out=""
        float deadline=$(( EPOCHREALTIME + 20 ))
        while (( EPOCHREALTIME < deadline )); do
          if zpty -r -t z line; then out+=$line; [[ $out == *$'\x01END'* ]] && break; else sleep 0.05; fi
        done
        zpty -d z
        [[ $out == *$'\x01END'* ]] || { print -u2 "zsh did not finish completing"; exit 2; }
        out=${out//$'\r'/}
        out=${out#*$'\x01'}
        print -r -- "${out%%$'\x01END'*}" | tr '\001' '\n' | sed 's/[[:space:]]*$//' | grep -a . | sort -u
        """#

    @Test(.enabled(if: tool("zsh") != nil, "zsh is not installed (scripts/test installs it)"))
    func zshThroughGitsCompletion() throws {
        let fixture = try Fixture()
        let zsh = try #require(Self.tool("zsh"))
        let script = fixture.share + "/capture.zsh"
        try Self.zshCapture.write(toFile: script, atomically: true, encoding: .utf8)
        try check({ line in
            let result = try ProcessRunner.run(zsh, ["-f", script, fixture.share + "/zsh/site-functions", line],
                                               directory: fixture.repo.root, environment: fixture.environment)
            #expect(result.status == 0, "\(line): \(result.errorText)")
            return lines(result)
        }, checkpoint: fixture.checkpoint)
    }

    @Test func theCompletionCommandPrintsEachShellsScript() throws {
        let repo = try ScratchRepository()
        let expectations = [("bash", "_git_tapps()"), ("zsh", "#compdef git-tapps"), ("fish", "__fish_git_using_command tapps")]
        for (shell, marker) in expectations {
            let result = try repo.tapps(["completion", shell])
            #expect(result.status == 0 && result.outputText.contains(marker), "\(shell)")
        }
        let bad = try repo.tapps(["completion", "tcsh"])
        #expect(bad.status == 2 && bad.errorText.contains("tcsh"))
    }
}
