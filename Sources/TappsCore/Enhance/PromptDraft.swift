/// One section of the prompt: some plain lines, then bullet items.
public struct PromptSection: Sendable, Hashable {
    /// The sections in the order the prompt shows them.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case task, questions, context, constraints, criteria, checks, domain

        public var title: String {
            switch self {
            case .task: "Task"
            case .questions: "Open questions"
            case .context: "Context"
            case .constraints: "Constraints"
            case .criteria: "Acceptance criteria"
            case .checks: "Checks"
            case .domain: "Domain checklist"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var kind: Kind
    public var lines: [String]
    public var items: [String]

    public init(_ kind: Kind, lines: [String] = [], items: [String] = []) {
        self.kind = kind
        self.lines = lines
        self.items = items
    }

    public var isEmpty: Bool { lines.isEmpty && items.isEmpty }

    /// Markdown: a `##` heading, the lines, then `- ` items (`- [ ] ` for acceptance criteria).
    public var markdown: String {
        let bullet = kind == .criteria ? "- [ ] " : "- "
        return (["## \(kind.title)"] + lines + items.map { bullet + $0 }).joined(separator: "\n")
    }
}

/// The prompt being built: sections that stages add and rewrite.
public struct PromptDraft: Sendable, Hashable {
    public var sections: [PromptSection]

    public init(sections: [PromptSection] = []) { self.sections = sections }

    public func section(_ kind: PromptSection.Kind) -> PromptSection? { sections.first { $0.kind == kind } }

    /// Adds `section`, replacing one of the same kind.
    public mutating func put(_ section: PromptSection) {
        if let index = sections.firstIndex(where: { $0.kind == section.kind }) {
            sections[index] = section
        } else {
            sections.append(section)
        }
    }

    /// The markdown prompt: non-empty sections in their canonical order, a blank line between.
    public var markdown: String {
        sections.filter { !$0.isEmpty }.sorted { $0.kind < $1.kind }.map(\.markdown).joined(separator: "\n\n") + "\n"
    }

    public var tokens: Int { TokenEstimate.of(markdown) }
}

/// The token estimate used everywhere in enhancement: a quarter of the UTF-8 bytes, rounded up.
public enum TokenEstimate {
    public static func of(_ text: String) -> Int { (text.utf8.count + 3) / 4 }
}

/// Small wording helpers shared by the stages.
enum PromptText {
    /// A path as inline code, in git's quoting so control and non-UTF-8 bytes stay visible and harmless.
    static func code(_ path: RepoPath) -> String { code(path.quoted) }

    static func code(_ text: String) -> String {
        guard text.contains("`") else { return "`\(text)`" }
        return "`` \(text) ``"
    }

    /// "`a`, `b`, `c` … and 4 more".
    static func list(_ paths: [RepoPath], cap: Int) -> String {
        list(paths.map(code), cap: cap)
    }

    static func list(_ texts: [String], cap: Int) -> String {
        let shown = texts.prefix(max(cap, 1)).joined(separator: ", ")
        return texts.count > cap ? "\(shown) … and \(texts.count - cap) more" : shown
    }

    static func count(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }
}
