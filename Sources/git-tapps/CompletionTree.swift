import ArgumentParser
import TappsCore

/// The command tree as swift-argument-parser describes it (`--experimental-dump-help`), so completion can never
/// drift from what the parser accepts.
struct CompletionTree: Sendable {
    struct Option: Sendable {
        /// Every spelling, with its dashes: `--preset`, `-h`.
        var names: [String]
        var takesValue: Bool
        var repeating: Bool
        /// The value's name (`preset`, `format`), for finding dynamic values.
        var valueName: String
        /// Fixed values (an enumeration such as `text`, `json`).
        var values: [String]
        var abstract: String
    }

    struct Positional: Sendable {
        var valueName: String
        var values: [String]
        var repeating: Bool
    }

    var name: String
    var abstract: String
    var subcommands: [CompletionTree]
    var options: [Option]
    var positionals: [Positional]

    /// The tree of `git-tapps`, read from the parser's own description of it.
    static func gitTapps() -> CompletionTree? {
        do {
            _ = try GitTapps.parseAsRoot(["--experimental-dump-help"])
            return nil
        } catch {
            let dump = GitTapps.fullMessage(for: error)
            guard let json = try? JSONParser.parse(Array(dump.utf8)), let command = json["command"] else { return nil }
            return CompletionTree(command)
        }
    }

    init(name: String, abstract: String, subcommands: [CompletionTree], options: [Option], positionals: [Positional]) {
        self.name = name
        self.abstract = abstract
        self.subcommands = subcommands
        self.options = options
        self.positionals = positionals
    }

    init?(_ json: JSONValue) {
        guard let name = json["commandName"]?.stringValue else { return nil }
        self.name = name
        abstract = json["abstract"]?.stringValue ?? ""
        subcommands = (json["subcommands"]?.arrayValue ?? [])
            .filter { $0["shouldDisplay"]?.boolValue != false }
            .compactMap(CompletionTree.init)
        options = []
        positionals = []
        for argument in json["arguments"]?.arrayValue ?? [] where argument["shouldDisplay"]?.boolValue != false {
            let kind = argument["kind"]?.stringValue
            let valueName = argument["valueName"]?.stringValue ?? ""
            let values = argument["allValues"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let repeating = argument["isRepeating"]?.boolValue ?? false
            if kind == "positional" {
                positionals.append(Positional(valueName: valueName, values: values, repeating: repeating))
                continue
            }
            let names: [String] = (argument["names"]?.arrayValue ?? []).compactMap { name in
                guard let text = name["name"]?.stringValue else { return nil }
                return (name["kind"]?.stringValue == "long" ? "--" : "-") + text
            }
            guard !names.isEmpty else { continue }
            options.append(Option(names: names, takesValue: kind == "option", repeating: repeating, valueName: valueName,
                                  values: values, abstract: argument["abstract"]?.stringValue ?? ""))
        }
        if !options.contains(where: { $0.names.contains("--help") }) {
            options.append(Option(names: ["-h", "--help"], takesValue: false, repeating: false, valueName: "help",
                                  values: [], abstract: "Show help information."))
        }
    }

    func subcommand(_ name: String) -> CompletionTree? { subcommands.first { $0.name == name } }

    func option(_ spelling: String) -> Option? { options.first { $0.names.contains(spelling) } }
}
