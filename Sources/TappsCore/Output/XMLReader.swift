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
        bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(bytes: buffer)
            return parser.document()
        }
    }

    /// `text` with entity and character references replaced (unknown ones are kept as written).
    public static func decodeEntities(_ text: String) -> String {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { String(decoding: Parser.decode($0[...]), as: UTF8.self) }
    }
}

/// Works on the bytes in place (no bounds-checked array copies): reports can be megabytes.
private struct Parser {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    let bytes: Bytes
    var index = 0

    init(bytes: Bytes) { self.bytes = bytes }

    // The ASCII bytes the grammar needs, as plain constants.
    static let less: UInt8 = 0x3C, greater: UInt8 = 0x3E, slash: UInt8 = 0x2F, bang: UInt8 = 0x21,
               question: UInt8 = 0x3F, ampersand: UInt8 = 0x26, semicolon: UInt8 = 0x3B, equals: UInt8 = 0x3D,
               doubleQuote: UInt8 = 0x22, singleQuote: UInt8 = 0x27, openBracket: UInt8 = 0x5B,
               closeBracket: UInt8 = 0x5D, dash: UInt8 = 0x2D

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
                // Moved out and back so that the children array is appended to in place, never copied.
                var parent = stack.removeLast()
                parent.element.children.append(open.element)
                stack.append(parent)
            }
        }

        let less: UInt8 = 0x3C
        while index < bytes.count {
            guard bytes[index] == less else {
                let start = index
                while index < bytes.count && bytes[index] != less { index += 1 }
                if !stack.isEmpty && start < index { appendText(Parser.decode(bytes[start..<index]), to: &stack) }
                continue
            }
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == 0x21 /* ! */ && hasPrefix("<!--") {
                skip(past: "-->")
            } else if next == 0x21 && hasPrefix("<![CDATA[") {
                let start = index + 9
                let end = find("]]>", from: start) ?? bytes.count
                if !stack.isEmpty && start < end { appendText(Array(bytes[start..<end]), to: &stack) }
                index = min(bytes.count, end + 3)
            } else if next == 0x3F /* ? */ {
                skip(past: "?>")
            } else if next == 0x21 {
                skipDeclaration()
            } else if next == 0x2F /* / */ {
                index += 2
                let name = readName()
                while index < bytes.count && bytes[index] != Parser.greater { index += 1 }
                index = min(bytes.count, index + 1)
                if let position = stack.lastIndex(where: { $0.element.name == name }) {
                    while stack.count > position { close(&stack, into: &root) }
                }
                if root != nil && stack.isEmpty { return root }
            } else {
                index += 1
                let name = readName()
                guard !name.isEmpty else {
                    // A '<' that starts no tag: keep it as text.
                    if !stack.isEmpty { appendText([less], to: &stack) }
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

    func appendText(_ text: [UInt8], to stack: inout [Open]) {
        guard var top = stack.popLast() else { return }
        top.text += text
        stack.append(top)
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
            if byte == Parser.openBracket { depth += 1 }
            if byte == Parser.closeBracket { depth = max(0, depth - 1) }
            if byte == Parser.greater && depth == 0 { return }
        }
    }

    /// Letters, digits, `_ - . :` and any non-ASCII byte.
    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x3A)
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte >= 0x80
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
            if bytes[index] == Parser.greater {
                index += 1
                return (attributes, false)
            }
            if bytes[index] == Parser.slash && index + 1 < bytes.count && bytes[index + 1] == Parser.greater {
                index += 2
                return (attributes, true)
            }
            let name = readName()
            guard !name.isEmpty else {
                index += 1  // a byte that starts no attribute: step over it
                continue
            }
            skipSpaces()
            guard index < bytes.count, bytes[index] == Parser.equals else {
                attributes.append((name, ""))
                continue
            }
            index += 1
            skipSpaces()
            guard index < bytes.count else { break }
            let quote = bytes[index]
            let start: Int
            let end: Int
            if quote == Parser.doubleQuote || quote == Parser.singleQuote {
                start = index + 1
                var position = start
                while position < bytes.count && bytes[position] != quote { position += 1 }
                end = position
                index = min(bytes.count, position + 1)
            } else {
                start = index
                while index < bytes.count && !Parser.isSpace(bytes[index]) && bytes[index] != Parser.greater {
                    index += 1
                }
                end = index
            }
            attributes.append((name, String(decoding: Parser.decode(bytes[start..<end]), as: UTF8.self)))
        }
        return (attributes, false)
    }

    /// Replaces `&name;`, `&#N;` and `&#xN;` references.
    static func decode(_ bytes: Slice<Bytes>) -> [UInt8] {
        guard bytes.contains(Parser.ampersand) else { return Array(bytes) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == Parser.ampersand,
                  let semicolon = bytes[index..<min(bytes.endIndex, index + 12)].firstIndex(of: Parser.semicolon),
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

    static func reference(_ name: Slice<Bytes>) -> [UInt8]? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [Parser.greater]
        case "amp": return [Parser.ampersand]
        case "quot": return [Parser.doubleQuote]
        case "apos": return [Parser.singleQuote]
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
