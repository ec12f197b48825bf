import ArgumentParser

/// The shells `git tapps completion` writes a script for.
enum CompletionShell: String, ExpressibleByArgument, CaseIterable, Sendable {
    case bash, zsh, fish
}

/// The completion scripts: each is a thin adapter that hands the words typed after `git tapps` (or `git-tapps`)
/// to `git-tapps __complete` and offers what it prints, so every shell completes the same commands, options,
/// preset names and checkpoint ids.
enum CompletionScripts {
    static func script(for shell: CompletionShell) -> String {
        switch shell {
        case .bash: bash
        case .zsh: zsh
        case .fish: fish
        }
    }

    /// git's completion (`/usr/share/bash-completion/completions/git`) loads this file for `git tapps` through
    /// bash-completion's loader and calls `_git_tapps` with `words`, `cword`, `cur` and `__git_cmd_idx` set.
    static let bash = #"""
        # bash completion for git-tapps — `git tapps <TAB>` (git's completion calls _git_tapps) and `git-tapps <TAB>`.
        # Install: git tapps completion bash > ~/.local/share/bash-completion/completions/git-tapps
        _git_tapps() {
            local start=${__git_cmd_idx:-0}
            if [[ -z ${__git_cmd_idx-} ]]; then
                local i
                for ((i = 1; i < cword; i++)); do
                    if [[ ${words[i]} == tapps ]]; then start=$i; break; fi
                done
            fi
            local current=${cur-${words[cword]}}
            local IFS=$'\n' line
            COMPREPLY=()
            while IFS= read -r line; do
                [[ -n $line ]] && COMPREPLY+=("${line%%$'\t'*}")
            done < <(git-tapps __complete "${words[@]:start+1:cword-start-1}" "$current" 2>/dev/null)
        }

        _git_tapps_command() {
            local cur words cword
            if declare -F _get_comp_words_by_ref >/dev/null; then
                _get_comp_words_by_ref -n =: cur words cword
            else
                words=("${COMP_WORDS[@]}") cword=$COMP_CWORD cur=${COMP_WORDS[COMP_CWORD]}
            fi
            local __git_cmd_idx=0
            _git_tapps
        }
        complete -o bashdefault -o default -F _git_tapps_command git-tapps
        """#

    /// zsh's `_git` calls `_git-tapps` for `git tapps` (with `words` starting at `tapps`); compinit autoloads it
    /// from a directory on `$fpath` by its `#compdef` line, which also covers `git-tapps` itself.
    static let zsh = #"""
        #compdef git-tapps
        # zsh completion for git-tapps — `git tapps <TAB>` (zsh's _git calls _git-tapps) and `git-tapps <TAB>`.
        # Install: git tapps completion zsh > "${fpath[1]}/_git-tapps" (a directory on $fpath), then compinit.
        _git-tapps() {
            local -a lines values descriptions
            local line value
            lines=("${(@f)$(git-tapps __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)}")
            for line in "${lines[@]}"; do
                [[ -n $line ]] || continue
                value=${line%%$'\t'*}
                values+=("$value")
                if [[ $line == *$'\t'* ]]; then descriptions+=("$value -- ${line#*$'\t'}"); else descriptions+=("$value"); fi
            done
            (( ${#values} )) || return 1
            compadd -l -d descriptions -- "${values[@]}"
        }
        _git-tapps "$@"
        """#

    /// fish 3.6's git completion does not find completions for `git-*` commands on `$PATH` by itself, so this
    /// registers `git tapps` under git's own `__fish_git_using_command` as well as the `git-tapps` command.
    /// Installed in a `vendor_conf.d` directory it is read at start-up.
    static let fish = #"""
        # fish completion for git-tapps — `git tapps <TAB>` and `git-tapps <TAB>`.
        # Install: git tapps completion fish > ~/.config/fish/conf.d/git-tapps.fish
        function __git_tapps_complete
            set -l tokens (commandline -opc)
            set -l start (contains -i -- tapps $tokens)
            or set start (contains -i -- git-tapps $tokens)
            or return
            git-tapps __complete $tokens[(math $start + 1)..-1] (commandline -ct) 2>/dev/null
        end
        complete -c git-tapps -f -a '(__git_tapps_complete)'
        complete -c git -f -n '__fish_git_using_command tapps' -a '(__git_tapps_complete)'
        """#
}
