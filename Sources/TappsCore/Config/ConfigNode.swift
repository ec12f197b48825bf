import Yams

/// What the configuration reader needs of a YAML document: scalars (with whether they were written plainly),
/// mappings in document order and sequences, each with its 1-based position (columns in Unicode scalars, as
/// libyaml counts them). Made by ``ConfigYAML`` for the block subset config files are written in, and from
/// Yams' node tree for everything else.
indirect enum ConfigNode: Sendable {
    case scalar(Scalar)
    case mapping([(key: ConfigNode, value: ConfigNode)], Position)
    case sequence([ConfigNode], Position)

    struct Position: Sendable, Equatable {
        var line: Int
        var column: Int
    }

    struct Scalar: Sendable {
        var string: String
        /// Written without quotes (only a plain empty value, `~` or `null` is null).
        var isPlain: Bool
        var position: Position
    }

    var position: Position {
        switch self {
        case .scalar(let scalar): scalar.position
        case .mapping(_, let position), .sequence(_, let position): position
        }
    }

    /// An empty value or `~`/`null` written plainly.
    var isNullScalar: Bool {
        guard case .scalar(let scalar) = self, scalar.isPlain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var sequence: [ConfigNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The value of the first pair whose key is the scalar `key`.
    func value(forKey key: String) -> ConfigNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        for pair in pairs {
            if case .scalar(let scalar) = pair.key, scalar.string == key { return pair.value }
        }
        return nil
    }
}

extension ConfigNode {
    /// The same tree, from Yams.
    init(_ node: Node) {
        let position = { (mark: Mark?) in Position(line: mark?.line ?? 0, column: mark?.column ?? 0) }
        switch node {
        case .scalar(let scalar):
            self = .scalar(Scalar(string: scalar.string, isPlain: scalar.style == .plain, position: position(scalar.mark)))
        case .mapping(let mapping):
            self = .mapping(mapping.map { (key: ConfigNode($0.key), value: ConfigNode($0.value)) }, position(mapping.mark))
        case .sequence(let sequence):
            self = .sequence(sequence.map { ConfigNode($0) }, position(sequence.mark))
        case .alias(let alias):
            // An alias the composer did not resolve (Yams resolves them): nothing the reader can use.
            self = .scalar(Scalar(string: "*" + alias.anchor.rawValue, isPlain: false, position: position(alias.mark)))
        }
    }
}
