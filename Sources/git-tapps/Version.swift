import ArgumentParser
import TappsCore
import TappsGit
import TappsRunner

/// What `git tapps version` and `git tapps --version` print: the same text.
enum VersionText {
    /// `git-tapps 0.1.0` and, on the next line, the libgit2 it runs with.
    static var text: String {
        let features = Libgit2Version.features
        let suffix = features.isEmpty ? "" : " (" + features.joined(separator: ", ") + ")"
        return "git-tapps \(GitTappsVersion.current)\nlibgit2 \(Libgit2Version.current)\(suffix)"
    }

    static var json: JSONValue {
        .object([
            ("git_tapps", .string(GitTappsVersion.current)),
            ("libgit2", .string(Libgit2Version.current)),
            ("libgit2_features", .array(Libgit2Version.features.map(JSONValue.string))),
        ])
    }
}

extension GitTapps {
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "version",
            abstract: "Print the git-tapps version and the libgit2 version it runs with (same as --version).")

        @OptionGroup var output: OutputOptions

        func run() throws {
            Console.out(output.format == .json ? VersionText.json.serialized() : VersionText.text)
        }
    }
}
