/// A small, tolerant XML reader for the reports tools write (JUnit XML): elements, attributes, text, the five
/// predefined entities, numeric character references and CDATA. Comments, processing instructions and a DOCTYPE
/// are skipped; no namespaces, no external entities, no validation. Malformed input never fails the read: an
/// unclosed element ends at the end of the text, a stray end tag closes the nearest open element of its name (or
/// is ignored), an unknown entity is kept as written.
public enum XMLReader {
    /// One element: its name, attributes in document order, child elements and its own text (character data and
    /// CDATA directly inside it, concatenated).
    public struct Element: Sendable, Equatable {
        public var name: String
        public var attributes: [(name: String, value: String)]
        public var children: [Element]
        public var text: String

        public init(name: String, attributes: [(name: String, value: String)] = [], children: [Element] = [],
                    text: String = "") {
            self.name = name
            self.attributes = attributes
            self.children = children
            self.text = text
        }

        /// The value of the first attribute called `name`.
        public subscript(attribute name: String) -> String? {
            attributes.first { $0.name == name }?.value
        }

        /// The direct children called `name`.
        public func children(named name: String) -> [Element] { children.filter { $0.name == name } }

        /// This element and every element below it called `name`, in document order.
        public func descendants(named name: String) -> [Element] {
            var found: [Element] = []
            var stack: [Element] = [self]
            while let element = stack.popLast() {
                if element.name == name { found.append(element) }
                stack += element.children.reversed()
            }
            return found
        }

        public static func == (left: Element, right: Element) -> Bool {
            left.name == right.name && left.text == right.text && left.children == right.children
                && left.attributes.map(\.name) == right.attributes.map(\.name)
                && left.attributes.map(\.value) == right.attributes.map(\.value)
        }
    }

    /// The document's root element, or nil when the text holds no element at all.
    public static func parse(_ text: String) -> Element? {
        parse(Array(text.utf8))
    }

    public static func parse(_ bytes: [UInt8]) -> Element? {
        var parser = Parser(bytes: bytes)
        return parser.document()
    }

    /// `text` with entity and character references replaced (unknown ones are kept as written).
    public static func decodeEntities(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return String(decoding: Parser.decode(bytes[...]), as: UTF8.self)
    }
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A partly built element and the raw bytes of its text.
    struct Open {
        var element: XMLReader.Element
        var text: [UInt8] = []
    }

    mutating func document() -> XMLReader.Element? {
        var stack: [Open] = []
        var root: XMLReader.Element?

        func close(_ stack: inout [Open], into root: inout XMLReader.Element?) {
            guard var open = stack.popLast() else { return }
            open.element.text = String(decoding: open.text, as: UTF8.self)
            if stack.isEmpty {
                if root == nil { root = open.element }
            } else {
                stack[stack.count - 1].element.children.append(open.element)
            }
        }

        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                let start = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
                if !stack.isEmpty { stack[stack.count - 1].text += Parser.decode(bytes[start..<index]) }
                continue
            }
            if hasPrefix("<!--") {
                skip(past: "-->")
            } else if hasPrefix("<![CDATA[") {
                let start = index + 9
                let end = find("]]>", from: start) ?? bytes.count
                if !stack.isEmpty { stack[stack.count - 1].text += bytes[start..<end] }
                index = min(bytes.count, end + 3)
            } else if hasPrefix("<?") {
                skip(past: "?>")
            } else if hasPrefix("<!") {
                skipDeclaration()
            } else if hasPrefix("</") {
                index += 2
                let name = readName()
                skip(past: ">")
                if let position = stack.lastIndex(where: { $0.element.name == name }) {
                    while stack.count > position { close(&stack, into: &root) }
                }
                if root != nil && stack.isEmpty { return root }
            } else {
                index += 1
                let name = readName()
                guard !name.isEmpty else {
                    // A '<' that starts no tag: keep it as text.
                    if !stack.isEmpty { stack[stack.count - 1].text.append(UInt8(ascii: "<")) }
                    continue
                }
                let (attributes, selfClosing) = readAttributes()
                stack.append(Open(element: XMLReader.Element(name: name, attributes: attributes)))
                if selfClosing {
                    close(&stack, into: &root)
                    if root != nil && stack.isEmpty { return root }
                }
            }
        }
        while !stack.isEmpty { close(&stack, into: &root) }
        return root
    }

    func hasPrefix(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return text.withUTF8Buffer { prefix in
            for offset in 0..<count where bytes[index + offset] != prefix[offset] { return false }
            return true
        }
    }

    func find(_ text: StaticString, from start: Int) -> Int? {
        let count = text.utf8CodeUnitCount
        return text.withUTF8Buffer { needle -> Int? in
            var position = start
            while position + count <= bytes.count {
                var matches = true
                for offset in 0..<count where bytes[position + offset] != needle[offset] {
                    matches = false
                    break
                }
                if matches { return position }
                position += 1
            }
            return nil
        }
    }

    mutating func skip(past text: StaticString) {
        if let end = find(text, from: index) {
            index = end + text.utf8CodeUnitCount
        } else {
            index = bytes.count
        }
    }

    /// `<!DOCTYPE …>`, possibly with an internal subset in brackets.
    mutating func skipDeclaration() {
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "[") { depth += 1 }
            if byte == UInt8(ascii: "]") { depth = max(0, depth - 1) }
            if byte == UInt8(ascii: ">") && depth == 0 { return }
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: ":"):
            true
        default:
            byte >= 0x80
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    mutating func readName() -> String {
        let start = index
        while index < bytes.count && Parser.isNameByte(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func skipSpaces() {
        while index < bytes.count && Parser.isSpace(bytes[index]) { index += 1 }
    }

    /// Attributes up to the end of the start tag; also whether it was `/>`.
    mutating func readAttributes() -> ([(name: String, value: String)], Bool) {
        var attributes: [(name: String, value: String)] = []
        while index < bytes.count {
            skipSpaces()
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                return (attributes, false)
            }
            if hasPrefix("/>") {
                index += 2
                return (attributes, true)
            }
            let name = readName()
            guard !name.isEmpty else {
                index += 1  // a byte that starts no attribute: step over it
                continue
            }
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                attributes.append((name, ""))
                continue
            }
            index += 1
            skipSpaces()
            guard index < bytes.count else { break }
            let quote = bytes[index]
            let start: Int
            let end: Int
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                start = index + 1
                var position = start
                while position < bytes.count && bytes[position] != quote { position += 1 }
                end = position
                index = min(bytes.count, position + 1)
            } else {
                start = index
                while index < bytes.count && !Parser.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">") {
                    index += 1
                }
                end = index
            }
            attributes.append((name, String(decoding: Parser.decode(bytes[start..<end]), as: UTF8.self)))
        }
        return (attributes, false)
    }

    /// Replaces `&name;`, `&#N;` and `&#xN;` references.
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return Array(bytes) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"),
                  let semicolon = bytes[index..<min(bytes.endIndex, index + 12)].firstIndex(of: UInt8(ascii: ";")),
                  let replacement = reference(bytes[(index + 1)..<semicolon]) else {
                result.append(byte)
                index += 1
                continue
            }
            result += replacement
            index = semicolon + 1
        }
        return result
    }

    static func reference(_ name: ArraySlice<UInt8>) -> [UInt8]? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case let text where text.hasPrefix("#x") || text.hasPrefix("#X"):
            return scalar(UInt32(text.dropFirst(2), radix: 16))
        case let text where text.hasPrefix("#"):
            return scalar(UInt32(text.dropFirst(), radix: 10))
        default: return nil
        }
    }

    static func scalar(_ value: UInt32?) -> [UInt8]? {
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return Array(String(Character(scalar)).utf8)
    }
}
