import ArgumentParser

/// Where a usage error sends the reader: the `-h` of the command that was being parsed, which always works
/// (`git tapps --help` opens the manual, and only once it is installed).
enum UsageHint {
    /// `git tapps run -h` for `git-tapps run --jobs 0`; `git tapps -h` when no subcommand was named.
    static func help(for arguments: [String]) -> String {
        (["git tapps"] + commandPath(for: arguments) + ["-h"]).joined(separator: " ")
    }

    /// The subcommand names at the start of `arguments` (options before them are skipped), as far as they
    /// name real subcommands.
    static func commandPath(for arguments: [String]) -> [String] {
        var command: any ParsableCommand.Type = GitTapps.self
        var path: [String] = []
        for argument in arguments {
            if argument == "--" { break }
            if argument.hasPrefix("-") { continue }
            guard let next = command.configuration.subcommands.first(where: { $0.configuration.commandName == argument })
            else { break }
            path.append(argument)
            command = next
        }
        return path
    }
}
