/// Typed access to YAML nodes that fails with the node's file position.
struct NodeReader {
    let file: String

    func error(at node: ConfigNode, _ message: String) -> ConfigError {
        ConfigError(file: file, line: node.position.line, column: node.position.column, message: message)
    }

    func mapping(_ node: ConfigNode, what: String) throws(ConfigError) -> [String: ConfigNode] {
        guard case .mapping(let mapping, _) = node else { throw error(at: node, "\(what) must be a mapping of keys to values") }
        var result: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw error(at: key, "keys in \(what) must be plain words") }
            result[scalar.string] = value
        }
        return result
    }

    /// Keys in document order, for error messages that point at the offending key.
    func keys(_ node: ConfigNode) -> [(String, ConfigNode)] {
        guard case .mapping(let mapping, _) = node else { return [] }
        return mapping.compactMap { key, _ in
            if case .scalar(let scalar) = key { return (scalar.string, key) }
            return nil
        }
    }

    /// Fails on the first key of the mapping `node` that is not in `allowed`, pointing at the key.
    func rejectUnknownKeys(_ node: ConfigNode, allowed: Set<String>, in what: String) throws(ConfigError) {
        for (name, keyNode) in keys(node) where !allowed.contains(name) {
            let hint = Suggestion.closest(to: name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            throw error(at: keyNode, "unknown key '\(name)' in \(what)\(hint); allowed: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ node: ConfigNode, what: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !node.isNullScalar else {
            throw error(at: node, "\(what) must be a string")
        }
        return scalar.string
    }

    func bool(_ node: ConfigNode, what: String) throws(ConfigError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error(at: node, "\(what) must be true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(at: node, "\(what) must be true or false, not '\(scalar.string)'")
        }
    }

    func int(_ node: ConfigNode, what: String) throws(ConfigError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            throw error(at: node, "\(what) must be a whole number")
        }
        return value
    }

    func double(_ node: ConfigNode, what: String) throws(ConfigError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string) else {
            throw error(at: node, "\(what) must be a number")
        }
        return value
    }

    func doubles(_ node: ConfigNode, what: String) throws(ConfigError) -> [Double] {
        try sequence(node, what: what).map { (item) throws(ConfigError) in try double(item, what: "each of \(what)") }
    }

    func sequence(_ node: ConfigNode, what: String) throws(ConfigError) -> [ConfigNode] {
        guard case .sequence(let sequence, _) = node else { throw error(at: node, "\(what) must be a list") }
        return sequence
    }

    func strings(_ node: ConfigNode, what: String) throws(ConfigError) -> [String] {
        try sequence(node, what: what).map { (item) throws(ConfigError) in try string(item, what: "each item of \(what)") }
    }
}

/// "Did you mean" for misspelt keys.
enum Suggestion {
    static func closest(to word: String, in candidates: Set<String>) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
