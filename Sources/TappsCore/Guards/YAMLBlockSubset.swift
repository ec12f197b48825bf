/// A recogniser of the plain block YAML most files are written in — block mappings and sequences, one-line plain
/// and quoted scalars, `|`/`>` block scalars, comments, `---` between documents — that answers only "certainly
/// valid" or "not sure": the `syntax` guard then skips Yams (which builds a node tree per file, most of a cold
/// commit's YAML cost) for what it is sure of, and asks Yams about everything else, so every error is still
/// Yams' own, with its line and column. It is sure only when nothing in the document is outside that subset:
/// no flow collections, anchors, aliases, tags, directives, tabs, carriage returns, multi-line plain or quoted
/// scalars, explicit keys, escapes beyond the simple ones, no key longer than a simple key may be, and no key
/// that repeats in its mapping (compared as Yams compares them: as strings). `SyntaxCheckTests` and
/// `YAMLBlockSubsetTests` pin it against Yams on real and generated documents, valid and invalid.
public enum YAMLBlockSubset {
    private struct Collection {
        var indent: Int
        var isMapping: Bool
        var keys: Set<String> = []
    }

    /// A document state: the open block collections, the entry awaiting its value on a later line, a block scalar.
    private struct State {
        var stack: [Collection] = []
        /// The indent of the collection whose last entry has no value on its line yet, and whether it is a mapping.
        var pending: (indent: Int, isMapping: Bool)?
        var rootStarted = false
        /// A block scalar's owner indent and, once its first content line is seen, the content's indent.
        var blockScalar: (parent: Int, content: Int?)?
    }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-")
    /// libyaml refuses a simple key longer than 1,024 characters.
    private static let longestKey = 1000
    private static let deepestNesting = 64

    /// True only when Yams certainly parses `bytes` without an error.
    public static func isCertainlyValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard hasOnlyPlainCharacters(buffer) else { return false }
            var state = State()
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
                guard line(buffer[start..<end], &state) else { return false }
                start = end + 1
            }
            return true
        }
    }

    /// No byte order mark, no control character but tab and line feed, no C1 control, line or paragraph separator
    /// or non-character, and valid UTF-8 throughout.
    static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != tab && byte != UInt8(ascii: "\n")) || byte == 0x7F { return false }
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
            guard length > 0, byte < 0xF5, index + length <= bytes.count else { return false }
            var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard scalar >= shortest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar), !(0x80...0x9F).contains(scalar),
                  scalar != 0x2028, scalar != 0x2029, scalar != 0xFEFF, scalar != 0xFFFE, scalar != 0xFFFF else { return false }
            index += length
        }
        return true
    }

    private static func leadingSpaces(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var count = 0
        while line.startIndex + count < line.endIndex, line[line.startIndex + count] == space { count += 1 }
        return count
    }

    /// One line; false when not sure.
    private static func line(_ line: Slice<UnsafeBufferPointer<UInt8>>, _ state: inout State) -> Bool {
        let indent = leadingSpaces(line)
        let content = line[(line.startIndex + indent)...]
        if let block = state.blockScalar {
            if content.isEmpty {
                // A space-only line before the first content line may set the indentation: not sure.
                return block.content != nil || indent == 0
            }
            if let contentIndent = block.content {
                if indent >= contentIndent { return true }
            } else if indent > block.parent {
                state.blockScalar?.content = indent
                return content.first != tab
            }
            state.blockScalar = nil
        }
        guard let first = content.first else { return true }
        if first == tab { return false }
        if first == hash { return true }
        if indent == 0 {
            // `---` alone starts a document; directives, `...` and content after `---` are not for this recogniser.
            if first == UInt8(ascii: "%") { return false }
            if content.count >= 3, content.prefix(3).allSatisfy({ $0 == dash || $0 == UInt8(ascii: ".") }) {
                guard content.prefix(3).allSatisfy({ $0 == dash }), onlyComment(content.dropFirst(3), afterSpace: true) else { return false }
                state = State()
                return true
            }
        }
        if content.contains(tab) { return false }
        return entry(content, indent: indent, &state)
    }

    /// A sequence entry or a mapping entry starting at column `indent`.
    private static func entry(_ content: Slice<UnsafeBufferPointer<UInt8>>, indent: Int, _ state: inout State) -> Bool {
        let isSequenceEntry = content.first == dash && (content.count == 1 || content[content.startIndex + 1] == space)
        let key = isSequenceEntry ? nil : mappingKey(content)
        guard isSequenceEntry || key != nil else { return false }  // a bare scalar line: a multi-line scalar, or an error
        guard place(isMapping: !isSequenceEntry, indent: indent, &state) else { return false }
        if let key {
            guard state.stack[state.stack.count - 1].keys.insert(key.text).inserted else { return false }
            return value(key.rest, owner: indent, isMapping: true, &state)
        }
        // After `-`: nothing (the item follows on later lines), a scalar, or a compact mapping's first entry.
        let rest = content.dropFirst()
        let spaces = leadingSpaces(rest)
        let item = rest.dropFirst(spaces)
        guard let first = item.first, first != hash else {
            state.pending = (indent, false)
            return true
        }
        if first == dash && (item.count == 1 || item[item.startIndex + 1] == space) { return false }
        if let compact = mappingKey(item) {
            let column = indent + 1 + spaces
            guard state.stack.count < deepestNesting else { return false }
            state.stack.append(Collection(indent: column, isMapping: true, keys: [compact.text]))
            return value(compact.rest, owner: column, isMapping: true, &state)
        }
        return value(rest, owner: indent, isMapping: false, &state)
    }

    /// Finds (or opens) the collection an entry at `indent` belongs to; false when the indentation is not one
    /// this recogniser is sure of.
    private static func place(isMapping: Bool, indent: Int, _ state: inout State) -> Bool {
        if let pending = state.pending {
            state.pending = nil
            // The awaited value is this collection: deeper, or a sequence at its mapping key's own indent.
            if indent > pending.indent || (indent == pending.indent && pending.isMapping && !isMapping) {
                guard state.stack.count < deepestNesting else { return false }
                state.stack.append(Collection(indent: indent, isMapping: isMapping))
                return true
            }
        }
        while let last = state.stack.last, last.indent > indent { state.stack.removeLast() }
        if isMapping, let last = state.stack.last, !last.isMapping, last.indent == indent,
           state.stack.count >= 2, state.stack[state.stack.count - 2].isMapping, state.stack[state.stack.count - 2].indent == indent {
            state.stack.removeLast()  // the end of a sequence that was a key's value at the key's indent
        }
        if let last = state.stack.last { return last.indent == indent && last.isMapping == isMapping }
        guard !state.rootStarted else { return false }
        state.rootStarted = true
        state.stack.append(Collection(indent: indent, isMapping: isMapping))
        return true
    }

    /// A simple key (plain or quoted, on one line) and what follows its `:`; nil when the line has none.
    private static func mappingKey(_ content: Slice<UnsafeBufferPointer<UInt8>>)
        -> (text: String, rest: Slice<UnsafeBufferPointer<UInt8>>)? {
        guard let first = content.first else { return nil }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            var index = content.startIndex + 1
            while index < content.endIndex, content[index] != first {
                if content[index] == UInt8(ascii: "\\") { return nil }  // escapes in keys: not sure
                index += 1
            }
            guard index < content.endIndex, index - content.startIndex <= longestKey else { return nil }
            let after = index + 1
            // `''` inside a single-quoted key is an escape: not sure.
            guard after < content.endIndex, content[after] == colon,
                  after + 1 == content.endIndex || content[after + 1] == space else { return nil }
            return (String(decoding: content[(content.startIndex + 1)..<index], as: UTF8.self), content[(after + 1)...])
        }
        guard startsPlainScalar(content), first != UInt8(ascii: "<") else { return nil }
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            if byte == colon, index + 1 == content.endIndex || content[index + 1] == space { break }
            if byte == hash, index > content.startIndex, content[index - 1] == space { return nil }
            if "[]{},\"'".utf8.contains(byte) { return nil }
            index += 1
        }
        guard index < content.endIndex, index > content.startIndex, content[index - 1] != space,
              index - content.startIndex <= longestKey else { return nil }
        return (String(decoding: content[content.startIndex..<index], as: UTF8.self), content[(index + 1)...])
    }

    /// The value after a key's `:` or an entry's `-`: nothing (it follows on later lines), a one-line scalar, or the
    /// header of a block scalar. `owner` is the indent of the collection holding the entry.
    private static func value(_ rest: Slice<UnsafeBufferPointer<UInt8>>, owner: Int, isMapping: Bool, _ state: inout State) -> Bool {
        let scalar = rest.dropFirst(leadingSpaces(rest))
        guard let first = scalar.first, first != hash else {
            state.pending = (owner, isMapping)
            return true
        }
        switch first {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            var header = scalar.dropFirst()
            if let chomping = header.first, chomping == dash || chomping == UInt8(ascii: "+") { header = header.dropFirst() }
            guard onlyComment(header, afterSpace: true) else { return false }
            state.blockScalar = (owner, nil)
            return true
        case UInt8(ascii: "\""):
            guard let end = doubleQuotedEnd(scalar) else { return false }
            return onlyComment(scalar[end...], afterSpace: true)
        case UInt8(ascii: "'"):
            var index = scalar.startIndex + 1
            while index < scalar.endIndex {
                if scalar[index] == UInt8(ascii: "'") {
                    if index + 1 < scalar.endIndex, scalar[index + 1] == UInt8(ascii: "'") { index += 2; continue }
                    return onlyComment(scalar[(index + 1)...], afterSpace: true)
                }
                index += 1
            }
            return false
        default:
            guard startsPlainScalar(scalar) else { return false }
            var index = scalar.startIndex
            while index < scalar.endIndex {
                let byte = scalar[index]
                if byte == hash, scalar[index - 1] == space { break }
                if byte == colon, index + 1 == scalar.endIndex || scalar[index + 1] == space { return false }
                index += 1
            }
            return true
        }
    }

    /// Where a one-line double-quoted scalar ends (after its closing quote), when every escape in it is a simple one.
    private static func doubleQuotedEnd(_ scalar: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var index = scalar.startIndex + 1
        while index < scalar.endIndex {
            let byte = scalar[index]
            if byte == UInt8(ascii: "\"") { return index + 1 }
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < scalar.endIndex, "0abtnvfre \"/\\N_LP".utf8.contains(scalar[index + 1]) else { return nil }
                index += 2
                continue
            }
            index += 1
        }
        return nil
    }

    /// Nothing but spaces, then optionally a comment (which must follow a space when `afterSpace`).
    private static func onlyComment(_ rest: Slice<UnsafeBufferPointer<UInt8>>, afterSpace: Bool) -> Bool {
        let spaces = leadingSpaces(rest)
        let after = rest.dropFirst(spaces)
        guard let first = after.first else { return true }
        return first == hash && (spaces > 0 || !afterSpace)
    }

    /// Whether a plain scalar may start here in block context, on this recogniser's conservative reading.
    private static func startsPlainScalar(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = text.first else { return false }
        if first >= 0x80 { return true }
        if first == dash {
            guard text.count > 1 else { return false }
            let next = text[text.startIndex + 1]
            return next != space && next != dash
        }
        if (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) { return true }
        return "_./~$()+=^;<\\".utf8.contains(first)
    }
}
