/// What `git tapps …<TAB>` offers: computed in one place for every shell, from the words typed so far.
struct CompletionEngine {
    /// A value that depends on the repository: its preset names or its checkpoint ids.
    enum Source: Sendable, Equatable {
        /// Preset names; `auto` too where the command accepts it.
        case presets(auto: Bool)
        case checkpoints
    }

    /// One candidate and what it is.
    struct Candidate: Sendable, Equatable {
        var value: String
        var description: String
    }

    var tree: CompletionTree
    /// Looks dynamic values up (presets from `.tapps.yaml` and the built-ins, checkpoint ids from the refs).
    var lookup: (Source) -> [Candidate]

    /// The candidates for `current`, the word being completed, after the complete words `words` (those after
    /// `tapps`). Options are offered when `current` starts with `-`; an option's value after the option; else
    /// subcommands and the next positional argument's values.
    func candidates(words: [String], current: String) -> [Candidate] {
        var command = tree
        var path: [String] = []
        var pendingOption: CompletionTree.Option?
        var positionalCount = 0
        var used: Set<String> = []
        var afterTerminator = false
        for word in words {
            if let option = pendingOption {
                pendingOption = nil
                used.insert(option.names[0])
                continue
            }
            if !afterTerminator, word == "--" { afterTerminator = true; continue }
            if !afterTerminator, word.hasPrefix("-"), word.count > 1 {
                let spelling = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
                if let option = command.option(spelling) {
                    used.insert(option.names[0])
                    if option.takesValue, !word.contains("=") { pendingOption = option }
                }
                continue
            }
            if positionalCount == 0, !afterTerminator, let sub = command.subcommand(word) {
                command = sub
                path.append(word)
                continue
            }
            positionalCount += 1
        }
        if let option = pendingOption {
            return filter(values(of: option, path: path), prefix: current)
        }
        if !afterTerminator, current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
            let spelling = String(current[..<equals])
            guard let option = command.option(spelling), option.takesValue else { return [] }
            let prefix = spelling + "="
            return filter(values(of: option, path: path).map { Candidate(value: prefix + $0.value, description: $0.description) },
                          prefix: current)
        }
        if !afterTerminator, current.hasPrefix("-") {
            let offered = command.options.filter { $0.repeating || !used.contains($0.names[0]) }.flatMap { option in
                option.names.map { Candidate(value: $0, description: option.abstract) }
            }
            return filter(offered, prefix: current)
        }
        var offered: [Candidate] = []
        if positionalCount == 0, !afterTerminator {
            offered += command.subcommands.map { Candidate(value: $0.name, description: $0.abstract) }
        }
        let positional = positionalCount < command.positionals.count ? command.positionals[positionalCount]
            : command.positionals.last.flatMap { $0.repeating ? $0 : nil }
        if let positional { offered += values(of: positional, path: path) }
        return filter(offered, prefix: current)
    }

    func values(of option: CompletionTree.Option, path: [String]) -> [Candidate] {
        if let source = Self.source(forOption: option.valueName, path: path) { return lookup(source) }
        return option.values.map { Candidate(value: $0, description: "") }
    }

    func values(of positional: CompletionTree.Positional, path: [String]) -> [Candidate] {
        if let source = Self.source(forPositional: positional.valueName, path: path) { return lookup(source) }
        return positional.values.map { Candidate(value: $0, description: "") }
    }

    /// Which options take repository-dependent values.
    static func source(forOption valueName: String, path: [String]) -> Source? {
        valueName == "preset" ? .presets(auto: path == ["run"]) : nil
    }

    /// Which positional arguments take repository-dependent values.
    static func source(forPositional valueName: String, path: [String]) -> Source? {
        switch (path, valueName) {
        case (["presets", "show"], _): .presets(auto: false)
        case (["checkpoints", "show"], _), (["checkpoints", "drop"], _), (["resume"], _): .checkpoints
        default: nil
        }
    }

    private func filter(_ candidates: [Candidate], prefix: String) -> [Candidate] {
        var seen: Set<String> = []
        return candidates.filter { $0.value.hasPrefix(prefix) && seen.insert($0.value).inserted }
    }
}
