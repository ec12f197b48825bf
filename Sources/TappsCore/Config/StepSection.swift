/// Reads `steps:`.
enum StepSection {
    static let keys: Set<String> = ["name", "phase", "command", "files", "exclude", "pass_filenames", "timeout",
                                    "modifies_files", "stage_fixed", "cache", "always_run"]

    static func read(_ node: ConfigNode, reader: NodeReader) throws(ConfigError) -> [StepConfig] {
        if node.isNullScalar { return [] }
        var steps: [StepConfig] = []
        var seen: Set<String> = []
        for item in try reader.sequence(node, what: "steps") {
            let map = try reader.mapping(item, what: "a step")
            try reader.rejectUnknownKeys(item, allowed: keys, in: "a step")
            guard let nameNode = map["name"] else { throw reader.error(at: item, "a step needs a 'name'") }
            let name = try reader.string(nameNode, what: "step name")
            guard !name.isEmpty, !name.contains(","), !name.contains(where: \.isWhitespace) else {
                throw reader.error(at: nameNode, "step name '\(name)' must be one word without commas or spaces")
            }
            guard seen.insert(name).inserted else { throw reader.error(at: nameNode, "step '\(name)' is defined twice") }
            guard let phaseNode = map["phase"] else {
                throw reader.error(at: item, "step '\(name)' needs a 'phase' (review, test, security or docs)")
            }
            let phaseText = try reader.string(phaseNode, what: "phase")
            guard let phase = Phase(rawValue: phaseText) else {
                throw reader.error(at: phaseNode, "step '\(name)': unknown phase '\(phaseText)' (review, test, security or docs)")
            }
            guard let commandNode = map["command"] else { throw reader.error(at: item, "step '\(name)' needs a 'command'") }
            let command: [String]
            if case .scalar = commandNode {
                let line = try reader.string(commandNode, what: "command")
                command = ["/bin/sh", "-c", line + " \"$@\"", name]
            } else {
                command = try reader.strings(commandNode, what: "step '\(name)' command")
            }
            guard let program = command.first, !program.isEmpty else {
                throw reader.error(at: commandNode, "step '\(name)': command must not be empty")
            }
            var step = StepConfig(name: name, phase: phase, command: command,
                                  origin: "\(reader.file):\(item.position.line)")
            if let node = map["files"] { step.files = try regex(node, key: "files", step: name, reader: reader) }
            if let node = map["exclude"] { step.exclude = try regex(node, key: "exclude", step: name, reader: reader) }
            if let node = map["pass_filenames"] { step.passFilenames = try reader.bool(node, what: "pass_filenames") }
            if let node = map["timeout"] {
                let seconds = try reader.double(node, what: "timeout")
                guard seconds > 0 else { throw reader.error(at: node, "step '\(name)': timeout must be a positive number of seconds") }
                step.timeout = seconds
            }
            if let node = map["modifies_files"] { step.modifiesFiles = try reader.bool(node, what: "modifies_files") }
            if let node = map["stage_fixed"] { step.stageFixed = try reader.bool(node, what: "stage_fixed") }
            if let node = map["cache"] {
                // per-file cache: `cache: per-file` (a file-local step; see CacheScope).
                if case .scalar(let scalar) = node, scalar.string == CacheScope.perFile.rawValue {
                    step.cacheScope = .perFile
                } else {
                    do { step.cache = try reader.bool(node, what: "cache") } catch {
                        throw reader.error(at: node, "step '\(name)': cache must be true, false or per-file")
                    }
                    step.cacheScope = step.cache ? .tree : nil
                }
            }
            if let node = map["always_run"] { step.alwaysRun = try reader.bool(node, what: "always_run") }
            steps.append(step)
        }
        return steps
    }

    private static func regex(_ node: ConfigNode, key: String, step: String, reader: NodeReader) throws(ConfigError) -> String {
        let pattern = try reader.string(node, what: key)
        do {
            _ = try Regex(pattern)
        } catch {
            throw reader.error(at: node, "step '\(step)': '\(key)' is not a valid regular expression: \(pattern)")
        }
        return pattern
    }
}
