import Yams

/// Reads `.tapps.yaml`, checking every key and type; any problem is a ``ConfigError`` with a position.
public enum ConfigLoader {
    /// The file name looked for at the repository root.
    public static let fileName = ".tapps.yaml"

    /// Parses `text`; `file` is used in error messages only.
    public static func parse(_ text: String, file: String = fileName) throws(ConfigError) -> TappsConfig {
        // The block subset configuration files are written in needs no Yams (see ConfigYAML); anything else,
        // including every malformed file, is Yams' to parse and to report.
        let root: ConfigNode?
        if let subset = ConfigYAML.parse(text) { root = subset } else { root = try yamsRoot(text, file: file) }
        var config = TappsConfig()
        config.sourcePath = file
        guard let root else { return config }
        let reader = NodeReader(file: file)
        if root.isNullScalar { return config }
        let top = try reader.mapping(root, what: "the top level")
        try reader.rejectUnknownKeys(root, allowed: ["preset", "framework_paths", "test_patterns", "steps",
                                                   "presets", "budget", "builtins"], in: "the top level")
        if let node = top["preset"] {
            let name = try reader.string(node, what: "preset")
            config.preset = name == "auto" ? .auto : .named(name)
            config.presetIsConfigured = true
        }
        if let node = top["framework_paths"] { config.frameworkPaths = try reader.strings(node, what: "framework_paths") }
        if let node = top["test_patterns"] { config.testPatterns = try reader.strings(node, what: "test_patterns") }
        if let node = top["builtins"] { config.builtins = try readBuiltins(node, reader: reader) }
        if let node = top["presets"] { try PresetSection.read(node, into: &config.presets, reader: reader) }
        if let node = top["steps"] { config.steps = try StepSection.read(node, reader: reader) }
        if let node = top["budget"] { config.budget = try readBudget(node, reader: reader) }
        if case .named(let name) = config.preset, config.presets.preset(named: name) == nil, let node = top["preset"] {
            throw reader.error(at: node, "unknown preset '\(name)' (known: \(config.presets.names.joined(separator: ", ")), auto)")
        }
        return config
    }

    /// The document parsed by Yams (also what `ConfigYAMLTests` compare ``ConfigYAML`` with).
    static func yamsRoot(_ text: String, file: String) throws(ConfigError) -> ConfigNode? {
        do {
            // Values are typed by NodeReader, so nothing of Yams' typing is used: the basic resolver (the
            // default one compiles its regular expressions on every start-up), a constructor without its
            // default tables (rebuilt on every access) and the encoding given (the default reads the whole
            // environment into a dictionary).
            return try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8).map(ConfigNode.init)
        } catch let error as YamlError {
            throw YAMLErrors.configError(error, file: file)
        } catch {
            throw ConfigError(file: file, line: 0, column: 0, message: "cannot read YAML: \(error)")
        }
    }

    private static func readBuiltins(_ node: ConfigNode, reader: NodeReader) throws(ConfigError) -> BuiltinSettings {
        let known = Set(BuiltinSettings.knownNames)
        func checkName(_ name: String, at item: ConfigNode) throws(ConfigError) {
            guard !known.contains(name) else { return }
            let hint = Suggestion.closest(to: name, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw reader.error(at: item, "unknown built-in '\(name)'\(hint); known: \(BuiltinSettings.knownNames.joined(separator: ", "))")
        }
        if case .scalar = node, let enabled = try? reader.bool(node, what: "builtins") {
            return enabled ? BuiltinSettings() : BuiltinSettings(enabled: [])
        }
        if case .sequence = node {
            let names = try reader.strings(node, what: "builtins")
            for (name, item) in zip(names, node.sequence ?? []) { try checkName(name, at: item) }
            return BuiltinSettings(enabled: Set(names))
        }
        guard case .mapping = node else {
            throw reader.error(at: node, "builtins must be true, false, a list of names or a mapping of name to false or options")
        }
        var settings = BuiltinSettings()
        let values = try reader.mapping(node, what: "builtins")
        for (name, keyNode) in reader.keys(node) {
            try checkName(name, at: keyNode)
            guard let value = values[name] else { continue }
            if case .scalar = value, !value.isNullScalar {
                settings.set(name, enabled: try reader.bool(value, what: "builtins.\(name)"))
                continue
            }
            settings.set(name, enabled: true)
            if value.isNullScalar { continue }
            let options = try reader.mapping(value, what: "builtins.\(name)")
            try reader.rejectUnknownKeys(value, allowed: BuiltinSettings.options[name] ?? [], in: "builtins.\(name)")
            try readOption(name, options, into: &settings, reader: reader)
        }
        return settings
    }

    private static func readOption(_ name: String, _ options: [String: ConfigNode], into settings: inout BuiltinSettings,
                                   reader: NodeReader) throws(ConfigError) {
        if let node = options["timeout"] {
            let seconds = try reader.double(node, what: "builtins.\(name).timeout")
            guard seconds > 0 else { throw reader.error(at: node, "builtins.\(name).timeout must be a positive number of seconds") }
            settings.timeouts[name] = seconds
        }
        switch name {
        case "mypy":
            if let node = options["preload"] {
                settings.mypyPreload = try reader.bool(node, what: "builtins.mypy.preload")
            }
        case "pytest":
            if let node = options["select"] {
                let text = try reader.string(node, what: "builtins.pytest.select")
                guard let selection = PytestSelection(rawValue: text) else {
                    throw reader.error(at: node, "builtins.pytest.select must be related or all, not '\(text)'")
                }
                settings.pytestSelect = selection
            }
        case "large-files":
            if let node = options["max_kb"] {
                let value = try reader.int(node, what: "builtins.large-files.max_kb")
                guard value > 0 else { throw reader.error(at: node, "builtins.large-files.max_kb must be a positive number of KiB") }
                settings.largeFilesMaxKB = value
            }
        case "secrets":
            if let node = options["allow"] {
                let patterns = try reader.strings(node, what: "builtins.secrets.allow")
                for (pattern, item) in zip(patterns, node.sequence ?? []) where (try? Regex(pattern)) == nil {
                    throw reader.error(at: item, "builtins.secrets.allow: '\(pattern)' is not a valid regular expression")
                }
                settings.secretsAllow = patterns
            }
        default:
            break
        }
    }

    private static func readBudget(_ node: ConfigNode, reader: NodeReader) throws(ConfigError) -> BudgetConfig {
        if case .scalar = node {
            let total = try reader.int(node, what: "budget")
            guard total > 0 else { throw reader.error(at: node, "budget must be a positive number of tokens") }
            return BudgetConfig(total: total)
        }
        let map = try reader.mapping(node, what: "budget")
        try reader.rejectUnknownKeys(node, allowed: ["total", "thresholds"], in: "budget")
        guard let totalNode = map["total"] else { throw reader.error(at: node, "budget needs 'total' (tokens)") }
        let total = try reader.int(totalNode, what: "budget.total")
        guard total > 0 else { throw reader.error(at: totalNode, "budget.total must be a positive number of tokens") }
        var budget = BudgetConfig(total: total)
        if let thresholdsNode = map["thresholds"] {
            let values = try reader.doubles(thresholdsNode, what: "budget.thresholds")
            guard !values.isEmpty, values.allSatisfy({ $0 > 0 && $0 <= 1 }), values == values.sorted() else {
                throw reader.error(at: thresholdsNode, "budget.thresholds must be increasing fractions between 0 and 1")
            }
            budget.thresholds = values
        }
        return budget
    }
}

/// Turns Yams' parse errors into one positioned line.
enum YAMLErrors {
    static func configError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ConfigError(file: file, line: mark.line, column: mark.column, message: "malformed YAML: \(detail)")
        case .reader(let problem, _, _, _):
            return ConfigError(file: file, line: 0, column: 0, message: "malformed YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(file: file, line: context.mark.line, column: context.mark.column,
                               message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return ConfigError(file: file, line: 0, column: 0, message: "malformed YAML: \(error)")
        }
    }
}
