import ArgumentParser
import TappsRunner

extension GitTapps {
    struct Completion: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "completion",
            abstract: "Print the completion script for `git tapps …` in bash, zsh or fish.",
            discussion: """
                scripts/setup installs them where each shell looks. By hand: bash — save as \
                ~/.local/share/bash-completion/completions/git-tapps (git's completion loads it for `git tapps`); \
                zsh — save as _git-tapps in a directory on $fpath before compinit; fish — save as \
                ~/.config/fish/completions/git-tapps.fish.
                """)

        @Argument(help: "The shell: bash, zsh or fish.")
        var shell: CompletionShell

        func run() throws {
            Console.out(CompletionScripts.script(for: shell))
        }
    }
}
