/// Broken links in Markdown: relative links and images whose target is not in the resulting tree, and
/// `#anchors` that name no heading of the target document (GitHub's heading ids).
///
/// Links with a scheme (`https:`, `mailto:` …), protocol-relative links, links that climb out of the
/// repository (GitHub's `../../issues`) and anything inside code (fenced blocks, code spans) are not
/// checked. An anchor is only checked in Markdown targets; `#L10` line anchors into code are left alone.
public enum MarkdownLinks {
    /// What the check may ask about the resulting tree.
    public struct Tree {
        /// Whether a file or a directory exists at the repository-relative path.
        public var exists: (String) -> Bool
        /// The Markdown content at the path (for its headings), or nil.
        public var markdown: (String) -> [UInt8]?

        public init(exists: @escaping (String) -> Bool, markdown: @escaping (String) -> [UInt8]?) {
            self.exists = exists
            self.markdown = markdown
        }
    }

    /// The file extensions of Markdown files (lower case).
    public static let extensions: Set<String> = ["md", "markdown", "mdown", "mkd"]

    public static func isMarkdown(_ path: RepoPath) -> Bool {
        extensions.contains(path.fileExtension)
    }

    public static func check(_ bytes: [UInt8], file: RepoPath, tree: Tree) -> [Finding] {
        guard !TextLines.isBinary(bytes) else { return [] }
        return check(links(in: bytes), file: file, exists: tree.exists, ownAnchors: { anchors(in: bytes) },
                     anchorsAt: { tree.markdown($0).map(anchors(in:)) ?? [] })
    }

    /// What checking needs of a document, parsed once (and kept per blob by the guard-result cache): its links
    /// and its anchors. The verdict also needs the tree (``check(_:file:tree:)-(Document,_,_)``); the parsing does not.
    public struct Document: Sendable, Equatable {
        /// git's rule: a NUL in the first 8,000 bytes. A binary document's links are not checked.
        public var isBinary: Bool
        public var links: [Link]
        /// ``anchors(in:)`` of the bytes (of a binary one too: a link may point into it).
        public var anchors: Set<String>

        public init(_ bytes: [UInt8]) {
            isBinary = TextLines.isBinary(bytes)
            links = isBinary ? [] : MarkdownLinks.links(in: bytes)
            anchors = MarkdownLinks.anchors(in: bytes)
        }

        public init(isBinary: Bool, links: [Link], anchors: Set<String>) {
            self.isBinary = isBinary
            self.links = links
            self.anchors = anchors
        }
    }

    /// ``Tree`` for parsed documents.
    public struct DocumentTree {
        public var exists: (String) -> Bool
        /// The parsed document at the path (for its anchors), or nil.
        public var document: (String) -> Document?

        public init(exists: @escaping (String) -> Bool, document: @escaping (String) -> Document?) {
            self.exists = exists
            self.document = document
        }
    }

    /// ``check(_:file:tree:)`` on a parsed document: the same findings as on its bytes.
    public static func check(_ document: Document, file: RepoPath, tree: DocumentTree) -> [Finding] {
        guard !document.isBinary else { return [] }
        return check(document.links, file: file, exists: tree.exists, ownAnchors: { document.anchors },
                     anchorsAt: { tree.document($0)?.anchors ?? [] })
    }

    private static func check(_ links: [Link], file: RepoPath, exists: (String) -> Bool, ownAnchors getOwnAnchors: () -> Set<String>,
                              anchorsAt: (String) -> Set<String>) -> [Finding] {
        let directory = file.directory
        var findings: [Finding] = []
        var ownAnchors: Set<String>?
        var anchorCache: [String: Set<String>] = [:]
        for link in links {
            let (target, anchor) = split(link.target)
            func report(_ code: String, _ message: String) {
                findings.append(Finding(file: file, line: link.line, column: link.column, severity: "error", code: code,
                                        message: message))
            }
            if target.isEmpty {
                guard !anchor.isEmpty else { continue }
                if ownAnchors == nil { ownAnchors = getOwnAnchors() }
                if !(ownAnchors ?? []).contains(normalized(anchor)) {
                    report("missing-anchor", "no heading in this file has the anchor '#\(anchor)'")
                }
                continue
            }
            guard let resolved = resolve(percentDecoded(target), from: directory) else { continue }
            guard exists(resolved) else {
                let what = link.isImage ? "image" : "link target"
                report("broken-link", "\(what) '\(link.target)' is not in the staged tree (missing, or not `git add`ed)")
                continue
            }
            guard !anchor.isEmpty, isMarkdown(RepoPath(resolved)) else { continue }
            if anchorCache[resolved] == nil { anchorCache[resolved] = anchorsAt(resolved) }
            if !(anchorCache[resolved] ?? []).contains(normalized(anchor)) {
                report("missing-anchor", "'\(resolved)' has no heading with the anchor '#\(anchor)'")
            }
        }
        return findings
    }

    /// The target without its query, and its anchor ("" when none).
    static func split(_ written: String) -> (target: String, anchor: String) {
        // An ASCII target's characters are its bytes ("\r\n" cannot be inside a line).
        if written.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = Array(written.utf8)[...]
            if let query = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes = bytes[..<query] }
            guard let hash = bytes.firstIndex(of: UInt8(ascii: "#")) else { return (String(decoding: bytes, as: UTF8.self), "") }
            return (String(decoding: bytes[..<hash], as: UTF8.self), String(decoding: bytes[(hash + 1)...], as: UTF8.self))
        }
        return splitByCharacters(written)
    }

    /// ``split(_:)`` on characters (any text).
    static func splitByCharacters(_ written: String) -> (target: String, anchor: String) {
        var target = written
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        var anchor = ""
        if let hash = target.firstIndex(of: "#") {
            anchor = String(target[target.index(after: hash)...])
            target = String(target[..<hash])
        }
        return (target, anchor)
    }

    /// A link or image reference as written, where it starts (1-based line and column).
    public struct Link: Sendable, Equatable {
        public var target: String
        public var line: Int
        public var column: Int
        public var isImage: Bool

        public init(target: String, line: Int, column: Int, isImage: Bool) {
            self.target = target
            self.line = line
            self.column = column
            self.isImage = isImage
        }
    }

    /// Inline links and images, reference definitions and HTML `src`/`href` attributes outside code.
    static func links(in bytes: [UInt8]) -> [Link] {
        var result: [Link] = []
        var fence: (character: UInt8, length: Int)?
        TextLines.forEach(bytes) { number, raw in
            let indent = raw.prefix(while: { $0 == 0x20 }).count
            let rest = raw.dropFirst(indent)
            if indent < 4, let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let length = rest.prefix(while: { $0 == first }).count
                if length >= 3 {
                    if let open = fence {
                        if open.character == first && length >= open.length
                            && rest.dropFirst(length).allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { fence = nil }
                    } else {
                        fence = (first, length)
                    }
                    return true
                }
            }
            if fence != nil { return true }
            // Every link form needs a `]` (inline links, reference definitions) or a `<` (HTML attributes).
            guard raw.contains(UInt8(ascii: "]")) || raw.contains(UInt8(ascii: "<")) else { return true }
            let text = withoutCodeSpans(Array(raw))
            scanLine(text, number: number, into: &result)
            return true
        }
        return result
    }

    private static func scanLine(_ text: [UInt8], number: Int, into result: inout [Link]) {
        // A reference definition: `[label]: target`.
        let indent = text.prefix(while: { $0 == 0x20 }).count
        if indent < 4, text.dropFirst(indent).first == UInt8(ascii: "["),
           let close = text.dropFirst(indent).firstIndex(of: UInt8(ascii: "]")), close + 1 < text.count,
           text[close + 1] == UInt8(ascii: ":"), text[indent + 1] != UInt8(ascii: "^") {
            var start = close + 2
            while start < text.count, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
            var end = start
            if start < text.count, text[start] == UInt8(ascii: "<") {
                start += 1
                end = start
                while end < text.count, text[end] != UInt8(ascii: ">") { end += 1 }
            } else {
                while end < text.count, text[end] != 0x20 && text[end] != 0x09 { end += 1 }
            }
            if end > start { add(text[start..<end], number, start, false, into: &result) }
            return
        }
        var index = 0
        while index + 1 < text.count {
            if text[index] == UInt8(ascii: "]") && text[index + 1] == UInt8(ascii: "("), !isEscaped(text, index) {
                let isImage = imageOpening(text, before: index)
                var start = index + 2
                while start < text.count, text[start] == 0x20 { start += 1 }
                var end = start
                if start < text.count, text[start] == UInt8(ascii: "<") {
                    start += 1
                    end = start
                    while end < text.count, text[end] != UInt8(ascii: ">") { end += 1 }
                } else {
                    var depth = 0
                    while end < text.count {
                        let byte = text[end]
                        if byte == 0x20 || byte == 0x09 { break }
                        if byte == UInt8(ascii: "(") { depth += 1 }
                        if byte == UInt8(ascii: ")") { if depth == 0 { break }; depth -= 1 }
                        end += 1
                    }
                }
                if end > start { add(text[start..<end], number, start, isImage, into: &result) }
                index = end
                continue
            }
            index += 1
        }
        guard text.contains(UInt8(ascii: "<")) else { return }
        for attribute in ["src=\"", "href=\"", "src='", "href='"] {
            let needle = Array(attribute.utf8)
            var from = 0
            while let hit = TextLines.find(needle, in: text[...], from: from) {
                let start = hit + needle.count
                let quote = needle[needle.count - 1]
                guard let end = text[start...].firstIndex(of: quote) else { break }
                // Only inside a tag: an attribute of a `<` that has not closed yet.
                if hit > 0, text[hit - 1] == 0x20 || text[hit - 1] == 0x09,
                   let open = text[..<hit].lastIndex(of: UInt8(ascii: "<")),
                   !text[open..<hit].contains(UInt8(ascii: ">")), end > start {
                    add(text[start..<end], number, start, attribute.hasPrefix("src"), into: &result)
                }
                from = end
            }
        }
    }

    private static func add(_ bytes: ArraySlice<UInt8>, _ line: Int, _ offset: Int, _ isImage: Bool, into result: inout [Link]) {
        let target = String(decoding: bytes, as: UTF8.self)
        guard isCheckable(target) else { return }
        result.append(Link(target: target, line: line, column: offset + 1, isImage: isImage))
    }

    /// `![alt](…)`: the `[` that matches the `]` at `close` is preceded by `!`.
    private static func imageOpening(_ text: [UInt8], before close: Int) -> Bool {
        var depth = 0
        var index = close - 1
        while index >= 0 {
            if text[index] == UInt8(ascii: "]") { depth += 1 }
            if text[index] == UInt8(ascii: "[") {
                if depth == 0 { return index > 0 && text[index - 1] == UInt8(ascii: "!") }
                depth -= 1
            }
            index -= 1
        }
        return false
    }

    private static func isEscaped(_ text: [UInt8], _ index: Int) -> Bool {
        index > 0 && text[index - 1] == UInt8(ascii: "\\")
    }

    /// The line with code spans blanked out (same length, so columns stay right).
    static func withoutCodeSpans(_ line: [UInt8]) -> [UInt8] {
        guard line.contains(UInt8(ascii: "`")) else { return line }
        var result = line
        var index = 0
        while index < line.count {
            guard line[index] == UInt8(ascii: "`") else { index += 1; continue }
            let run = line[index...].prefix(while: { $0 == UInt8(ascii: "`") }).count
            var search = index + run
            var closed: Int?
            while search < line.count {
                if line[search] == UInt8(ascii: "`") {
                    let length = line[search...].prefix(while: { $0 == UInt8(ascii: "`") }).count
                    if length == run { closed = search; break }
                    search += length
                } else {
                    search += 1
                }
            }
            guard let close = closed else { index += run; continue }
            for position in index..<(close + run) { result[position] = 0x20 }
            index = close + run
        }
        return result
    }

    /// Whether the target is a local path (or anchor) this check can judge.
    private static let templateOpening = Array("{{".utf8), tagOpening = Array("{%".utf8)

    static func isCheckable(_ target: String) -> Bool {
        let bytes = Array(target.utf8)[...]
        if bytes.isEmpty || bytes.starts(with: "//".utf8) || TextLines.find(templateOpening, in: bytes) != nil
            || TextLines.find(tagOpening, in: bytes) != nil { return false }
        // A scheme: letters (and + - .) before a ':' that comes before any '/'.
        if let colon = target.firstIndex(of: ":") {
            let scheme = target[..<colon]
            if !scheme.contains("/"), !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
                return false
            }
        }
        return true
    }

    /// The repository-relative path `target` names from a file in `directory`; nil when it leaves the repository.
    static func resolve(_ target: String, from directory: String) -> String? {
        if target.utf8.allSatisfy({ $0 < 0x80 }) && directory.utf8.allSatisfy({ $0 < 0x80 }) {
            return resolveASCII(Array(target.utf8), from: Array(directory.utf8))
        }
        return resolveByCharacters(target, from: directory)
    }

    /// ``resolve(_:from:)`` on characters (any text).
    static func resolveByCharacters(_ target: String, from directory: String) -> String? {
        var parts: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for part in target.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// ``resolve(_:from:)`` on bytes: for ASCII text, characters and bytes are the same.
    private static func resolveASCII(_ target: [UInt8], from directory: [UInt8]) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts: [ArraySlice<UInt8>] = target.first == slash ? [] : directory.split(separator: slash)
        for part in target.split(separator: slash) {
            if part.count == 1 && part.first == dot { continue }
            if part.count == 2 && part.allSatisfy({ $0 == dot }) {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.isEmpty ? nil : String(decoding: Array(parts.joined(separator: [slash])), as: UTF8.self)
    }

    static func percentDecoded(_ text: String) -> String {
        if !text.utf8.contains(UInt8(ascii: "%")) && text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            if byte == UInt8(ascii: "%"), utf8.count >= 3,
               let value = UInt8(String(decoding: utf8.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func normalized(_ anchor: String) -> String {
        var text = percentDecoded(anchor).lowercased()
        if text.hasPrefix("user-content-") { text.removeFirst("user-content-".count) }
        return text
    }

    // MARK: - Anchors

    /// The anchors of a Markdown document: GitHub's heading ids (with `-1`, `-2` … for repeats) and
    /// explicit HTML `id`/`name` attributes, lower-cased. Lines are judged as bytes; only headings become text.
    public static func anchors(in bytes: [UInt8]) -> Set<String> {
        var result: Set<String> = []
        var counts: [String: Int] = [:]
        func addHeading(_ text: ArraySlice<UInt8>) {
            let base = slug(String(decoding: text, as: UTF8.self))
            let count = counts[base, default: 0]
            counts[base] = count + 1
            result.insert(count == 0 ? base : "\(base)-\(count)")
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var fence: UInt8?
        var previous: ArraySlice<UInt8>?
        TextLines.forEach(bytes) { _, line in
            let indent = line.prefix(while: { $0 == 0x20 }).count
            let trimmed = line.dropFirst(indent)
            if indent < 4, let first = trimmed.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~"),
               trimmed.prefix(3).allSatisfy({ $0 == first }), trimmed.count >= 3 {
                fence = fence == nil ? first : (fence == first ? nil : fence)
                previous = nil
                return true
            }
            if fence != nil { return true }
            if trimmed.contains(UInt8(ascii: "=")) { explicitAnchors(in: trimmed, into: &result) }
            if indent < 4, trimmed.first == UInt8(ascii: "#") {
                let level = trimmed.prefix(while: { $0 == UInt8(ascii: "#") }).count
                let body = trimmed.dropFirst(level)
                if level <= 6, body.first.map(isBlank) ?? true {
                    var text = body.drop(while: isBlank)
                    while let last = text.last, isBlank(last) || last == UInt8(ascii: "#") { text = text.dropLast() }
                    addHeading(text)
                    previous = nil
                    return true
                }
            }
            if indent < 4, let above = previous, !trimmed.isEmpty {
                let equals = trimmed.allSatisfy { $0 == UInt8(ascii: "=") || isBlank($0) } && trimmed.contains(UInt8(ascii: "="))
                let dashes = trimmed.allSatisfy { $0 == UInt8(ascii: "-") || isBlank($0) } && above.first != UInt8(ascii: "-")
                if equals || dashes {
                    addHeading(above)
                    previous = nil
                    return true
                }
            }
            previous = trimmed.isEmpty ? nil : trimmed
            return true
        }
        return result
    }

    private static let attributeNeedles: [[UInt8]] = ["id=\"", "name=\"", "id='", "name='"].map { Array($0.utf8) }

    /// `id="…"` and `name="…"` values in a line.
    private static func explicitAnchors(in line: ArraySlice<UInt8>, into result: inout Set<String>) {
        for needle in attributeNeedles {
            var from = line.startIndex
            while let hit = TextLines.find(needle, in: line, from: from) {
                let start = hit + needle.count
                guard let end = line[start...].firstIndex(of: needle[needle.count - 1]) else { break }
                result.insert(String(decoding: line[start..<end], as: UTF8.self).lowercased())
                from = end
            }
        }
    }

    /// GitHub's heading id: the rendered text lower-cased, punctuation and symbols removed, spaces as '-'.
    public static func slug(_ heading: String) -> String {
        let text = renderedText(heading).lowercased()
        var result = ""
        for scalar in text.unicodeScalars {
            let properties = scalar.properties
            if scalar == " " { result.append("-") }
            else if scalar == "-" || scalar == "_" { result.unicodeScalars.append(scalar) }
            else if properties.isAlphabetic || properties.numericType != nil
                        || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The heading as text: links and images as their text, code spans and HTML tags unwrapped.
    static func renderedText(_ heading: String) -> String {
        var result = ""
        var characters = Array(heading)[...]
        while let character = characters.first {
            if character == "!" && characters.dropFirst().first == "[" { characters = characters.dropFirst(); continue }
            if character == "]" && characters.dropFirst().first == "(" {
                // Drop the link's target.
                var depth = 0
                var rest = characters.dropFirst(2)
                while let next = rest.first {
                    rest = rest.dropFirst()
                    if next == "(" { depth += 1 }
                    if next == ")" { if depth == 0 { break }; depth -= 1 }
                }
                characters = rest
                continue
            }
            if character == "<", let close = characters.firstIndex(of: ">"),
               characters.dropFirst().first.map({ $0.isLetter || $0 == "/" }) == true {
                characters = characters[(close + 1)...]
                continue
            }
            if character == "[" || character == "`" { characters = characters.dropFirst(); continue }
            result.append(character)
            characters = characters.dropFirst()
        }
        return result
    }
}
