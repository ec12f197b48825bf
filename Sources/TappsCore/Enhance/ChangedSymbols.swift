/// The definitions (functions, methods, classes, types) a staged change adds, edits or removes in one file, found by
/// comparing the definition blocks of the HEAD and staged versions. A block runs from a definition's line to the
/// next definition's line; one whose text differs, or that is new, is changed. Line-based and keyword-driven, per
/// language: a prompt's pointer to where the change is, not a parser.
public struct ChangedSymbols: Sendable, Hashable {
    /// Added or edited definitions, in the staged file's order.
    public var changed: [String]
    /// Definitions the HEAD version has and the staged one does not.
    public var removed: [String]

    public init(changed: [String] = [], removed: [String] = []) {
        self.changed = changed
        self.removed = removed
    }

    public var isEmpty: Bool { changed.isEmpty && removed.isEmpty }

    /// Compares `old` (nil: a new file) with `new` for a file in `language` (``Language/of(_:)``'s names).
    public static func find(old: [UInt8]?, new: [UInt8], language: String?) -> ChangedSymbols {
        guard let language, let keywords = definitionKeywords[language] else { return ChangedSymbols() }
        let before = blocks(old ?? [], keywords: keywords, language: language)
        let after = blocks(new, keywords: keywords, language: language)
        let oldBodies = Dictionary(before.map { ($0.name, $0.text) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(after.map(\.name))
        var seen: Set<String> = []
        let changed = after.filter { oldBodies[$0.name] != $0.text && seen.insert($0.name).inserted }.map(\.name)
        var gone: Set<String> = []
        let removed = before.filter { !newNames.contains($0.name) && gone.insert($0.name).inserted }.map(\.name)
        return ChangedSymbols(changed: changed, removed: removed)
    }

    /// The words that open a definition, after modifiers are dropped, per language.
    static let definitionKeywords: [String: [String]] = [
        "Python": ["def", "class"],
        "Swift": ["func", "class", "struct", "enum", "protocol", "actor", "extension", "init"],
        "Go": ["func", "type"],
        "JavaScript": ["function", "class"], "TypeScript": ["function", "class", "interface", "type", "enum"],
        "Rust": ["fn", "struct", "enum", "trait", "impl", "mod"],
        "Kotlin": ["fun", "class", "interface", "object"],
        "Ruby": ["def", "class", "module"], "Shell": ["function"],
    ]

    static let modifiers: Set<String> = [
        "public", "private", "fileprivate", "internal", "open", "static", "final", "override", "mutating",
        "nonmutating", "convenience", "required", "async", "export", "default", "pub", "pub(crate)", "unsafe",
        "abstract", "declare", "data", "sealed", "inline", "suspend", "indirect", "nonisolated", "dynamic", "lazy",
    ]

    struct Block {
        var name: String
        var text: [Substring]
    }

    static func blocks(_ bytes: [UInt8], keywords: [String], language: String) -> [Block] {
        let text = String(decoding: bytes, as: UTF8.self)
        var blocks: [Block] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let name = definitionName(line, keywords: keywords, language: language) {
                blocks.append(Block(name: name, text: [line]))
            } else if !blocks.isEmpty {
                blocks[blocks.count - 1].text.append(line)
            }
        }
        // Trailing blank lines belong to no definition.
        for index in blocks.indices {
            while let last = blocks[index].text.last, last.allSatisfy(\.isWhitespace) { blocks[index].text.removeLast() }
        }
        return blocks
    }

    static func definitionName(_ line: Substring, keywords: [String], language: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
        while let first = words.first, modifiers.contains(String(first)) || first.hasPrefix("@") { words.removeFirst() }
        guard let keyword = words.first else { return nil }
        // `init(` and `fn name(` forms: the keyword may run into the parenthesis.
        if language == "Swift", keyword.hasPrefix("init(") || keyword.hasPrefix("init<") || keyword == "init?(" { return "init" }
        if language == "Shell", keyword.hasSuffix("()") { return identifier(keyword.dropLast(2)) }
        guard keywords.contains(String(keyword)), words.count > 1 else { return nil }
        var rest = words.dropFirst()
        // Go methods: `func (r *T) Name(`.
        if language == "Go", keyword == "func", let receiver = rest.first, receiver.hasPrefix("(") {
            while let part = rest.first, !part.contains(")") { rest.removeFirst() }
            rest = rest.dropFirst()
        }
        guard let next = rest.first else { return nil }
        return identifier(next)
    }

    /// The leading identifier of `word` (`login(user,` → `login`), nil when there is none.
    static func identifier(_ word: Substring) -> String? {
        let name = word.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" || $0 == "." }
        guard let first = name.first, first.isLetter || first == "_" || first == "$" else { return nil }
        return String(name)
    }
}
