/// A parser of the block YAML configuration files are written in — block mappings and sequences, one-line plain and
/// quoted scalars, one-line flow sequences of scalars and flow mappings of those, comments — that builds the same tree as Yams for what it
/// accepts and answers "not sure" (nil) for anything else: Yams then parses the file, so every error message,
/// line and column is still Yams' own. Not accepted: anchors, aliases, tags, directives, document markers, block
/// scalars, deeper flow collections, multi-line scalars, empty values, explicit keys, keys with
/// `:` or `#`, escapes beyond `\\ \" \/ \n \t`, tabs, carriage returns, control characters, repeated keys.
///
/// Why not Yams alone: `.tapps.yaml` is read by every hook run, and Yams' first parse in a process costs ≈ 1 ms
/// (libyaml's event machinery, and the Swift runtime's first look-ups of the generic types it uses) — about 5 %
/// of a no-op hook run, where this parser takes a few microseconds. `ConfigYAMLTests` compare both on the YAML of
/// this repository's documentation and its dependencies and on generated documents, valid and invalid.
enum ConfigYAML {
    /// The document's root (nil: an empty document), or nil when the text is outside the subset.
    static func parse(_ text: String) -> ConfigNode?? {
        let bytes = Array(text.utf8)
        guard !bytes.contains(tab), bytes.withUnsafeBufferPointer(YAMLBlockSubset.hasOnlyPlainCharacters) else { return nil }
        var parser = Parser(lines: Line.split(bytes))
        guard parser.current != nil else { return .some(nil) }
        guard let root = parser.node(), parser.current == nil else { return nil }
        return .some(root)
    }

    private static let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " "), hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":"), dash = UInt8(ascii: "-"), comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "'"), doubleQuote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    /// libyaml refuses a simple key longer than 1,024 characters.
    private static let longestKey = 1000
    private static let deepestNesting = 64

    /// A line that holds something: its number, indentation and bytes (the indentation included).
    private struct Line {
        var number: Int
        var indent: Int
        var bytes: ArraySlice<UInt8>

        /// The lines that are neither blank nor comments.
        static func split(_ bytes: [UInt8]) -> [Line] {
            var lines: [Line] = []
            var start = 0, number = 1
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var indent = 0
                while start + indent < end, bytes[start + indent] == space { indent += 1 }
                if start + indent < end, bytes[start + indent] != hash {
                    lines.append(Line(number: number, indent: indent, bytes: bytes[start..<end]))
                }
                number += 1
                start = end + 1
            }
            return lines
        }

        /// The 1-based column of byte `offset` (an index into ``bytes``' base), in Unicode scalars.
        func column(of offset: Int) -> Int {
            var column = 1
            for byte in bytes[bytes.startIndex..<offset] where byte & 0xC0 != 0x80 { column += 1 }
            return column
        }

        func position(_ offset: Int) -> ConfigNode.Position { ConfigNode.Position(line: number, column: column(of: offset)) }
    }

    private struct Parser {
        var lines: [Line]
        var index = 0
        var depth = 0

        var current: Line? { index < lines.count ? lines[index] : nil }

        /// The block node that starts on the current line at its indentation.
        mutating func node() -> ConfigNode? {
            guard let line = current else { return nil }
            let start = line.bytes.startIndex + line.indent
            if isSequenceEntry(line.bytes, at: start) { return sequence(indent: line.indent) }
            return mapping(indent: line.indent, firstStart: start)
        }

        /// `-` followed by a space or the end of the line.
        func isSequenceEntry(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
            offset < bytes.endIndex && bytes[offset] == dash && (offset + 1 == bytes.endIndex || bytes[offset + 1] == space)
        }

        /// A block mapping whose keys stand at column `indent` (0-based); its first key starts at `firstStart`
        /// of the current line (after a sequence entry's `- ` when the mapping is that entry).
        mutating func mapping(indent: Int, firstStart: Int) -> ConfigNode? {
            depth += 1
            defer { depth -= 1 }
            guard depth < deepestNesting, let first = current else { return nil }
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            var keys: [String] = []
            var start = firstStart
            var line = first
            while true {
                guard let (key, afterColon) = self.key(line, at: start), case .scalar(let keyScalar) = key,
                      !keys.contains(keyScalar.string) else { return nil }
                keys.append(keyScalar.string)
                let rest = skipSpaces(line.bytes, from: afterColon)
                let value: ConfigNode
                if rest == line.bytes.endIndex || line.bytes[rest] == hash { // (a `#` there follows a space)
                    index += 1
                    // The value is the block on the next lines: deeper, or a sequence at the key's own column.
                    guard let next = current,
                          next.indent > indent
                            || (next.indent == indent && isSequenceEntry(next.bytes, at: next.bytes.startIndex + next.indent)),
                          let nested = node() else { return nil } // an empty value: Yams decides
                    value = nested
                } else {
                    guard let inline = inlineValue(line, at: rest) else { return nil }
                    value = inline
                    index += 1
                }
                pairs.append((key, value))
                guard let next = current, next.indent == indent else {
                    if let next = current, next.indent > indent { return nil } // a continuation line, or bad indentation
                    break
                }
                start = next.bytes.startIndex + next.indent
                if isSequenceEntry(next.bytes, at: start) { break }
                line = next
            }
            return .mapping(pairs, first.position(firstStart))
        }

        /// A block sequence whose `-` stand at column `indent`.
        mutating func sequence(indent: Int) -> ConfigNode? {
            depth += 1
            defer { depth -= 1 }
            guard depth < deepestNesting, let first = current else { return nil }
            var items: [ConfigNode] = []
            while let line = current, line.indent == indent {
                let dashAt = line.bytes.startIndex + line.indent
                guard isSequenceEntry(line.bytes, at: dashAt) else { break }
                let itemStart = skipSpaces(line.bytes, from: dashAt + 1)
                guard itemStart < line.bytes.endIndex, line.bytes[itemStart] != hash,
                      !isSequenceEntry(line.bytes, at: itemStart) else { return nil }
                if self.key(line, at: itemStart) != nil {
                    // `- key: value`: a mapping whose keys stand where this one does.
                    let column = line.indent + (itemStart - dashAt)
                    guard line.bytes[line.bytes.startIndex..<itemStart].allSatisfy({ $0 < 0x80 }),
                          let item = mapping(indent: column, firstStart: itemStart) else { return nil }
                    items.append(item)
                } else {
                    guard let item = inlineValue(line, at: itemStart) else { return nil }
                    items.append(item)
                    index += 1
                }
            }
            if let next = current, next.indent > indent { return nil }
            return .sequence(items, first.position(first.bytes.startIndex + indent))
        }

        /// A key (plain or quoted) at `start` and the offset just after its `:`, when `:` follows it with a space
        /// or the line's end.
        func key(_ line: Line, at start: Int) -> (ConfigNode, Int)? {
            let bytes = line.bytes
            let key: ConfigNode
            var end: Int
            if bytes[start] == quote || bytes[start] == doubleQuote {
                guard let (scalar, after) = quotedScalar(line, at: start) else { return nil }
                (key, end) = (scalar, after)
            } else {
                guard startsPlain(bytes, at: start) else { return nil }
                end = start
                while end < bytes.endIndex, bytes[end] != colon {
                    if bytes[end] == hash || bytes[end] == comma || bytes[end] == openBracket || bytes[end] == closeBracket
                        || bytes[end] == openBrace || bytes[end] == closeBrace { return nil }
                    end += 1
                }
                guard let scalar = plainScalar(line, from: start, to: end) else { return nil }
                key = scalar
            }
            guard end < bytes.endIndex, bytes[end] == colon, end - start <= longestKey,
                  end + 1 == bytes.endIndex || bytes[end + 1] == space else { return nil }
            return (key, end + 1)
        }

        /// A scalar or a flow sequence taking the rest of the line from `start` (a trailing comment allowed).
        func inlineValue(_ line: Line, at start: Int) -> ConfigNode? {
            let bytes = line.bytes
            let node: ConfigNode
            var end: Int
            switch bytes[start] {
            case openBracket:
                guard let (sequence, after) = flowSequence(line, at: start) else { return nil }
                node = sequence
                end = after
            case openBrace:
                guard let (mapping, after) = flowMapping(line, at: start) else { return nil }
                node = mapping
                end = after
            case quote, doubleQuote:
                guard let (scalar, after) = quotedScalar(line, at: start) else { return nil }
                node = scalar
                end = after
            default:
                guard startsPlain(bytes, at: start) else { return nil }
                end = start
                while end < bytes.endIndex {
                    let byte = bytes[end]
                    if byte == colon, end + 1 == bytes.endIndex || bytes[end + 1] == space { return nil } // `a: b: c`
                    if byte == hash, bytes[end - 1] == space { break }
                    end += 1
                }
                return plainScalar(line, from: start, to: end)
            }
            return isLineEnd(bytes, from: end) ? node : nil
        }

        /// `[a, 'b', "c"]` on one line: scalars only, no trailing comma.
        func flowSequence(_ line: Line, at start: Int) -> (ConfigNode, Int)? {
            let bytes = line.bytes
            var items: [ConfigNode] = []
            var offset = skipSpaces(bytes, from: start + 1)
            if offset < bytes.endIndex, bytes[offset] == closeBracket {
                return (.sequence([], line.position(start)), offset + 1)
            }
            while offset < bytes.endIndex {
                guard let (item, after) = flowScalar(line, at: offset) else { return nil }
                items.append(item)
                let end = skipSpaces(bytes, from: after)
                guard end < bytes.endIndex else { return nil }
                if bytes[end] == closeBracket { return (.sequence(items, line.position(start)), end + 1) }
                guard bytes[end] == comma else { return nil } // `:` makes a pair, `}` does not belong here
                offset = skipSpaces(bytes, from: end + 1)
                guard offset < bytes.endIndex, bytes[offset] != closeBracket, bytes[offset] != comma else { return nil }
            }
            return nil
        }

        /// `{a: 1, b: 'x', c: [d, e]}` on one line: keys are scalars, values scalars or flow sequences of scalars.
        func flowMapping(_ line: Line, at start: Int) -> (ConfigNode, Int)? {
            let bytes = line.bytes
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            var keys: [String] = []
            var offset = skipSpaces(bytes, from: start + 1)
            if offset < bytes.endIndex, bytes[offset] == closeBrace {
                return (.mapping([], line.position(start)), offset + 1)
            }
            while offset < bytes.endIndex {
                guard let (key, afterKey) = flowScalar(line, at: offset), case .scalar(let keyScalar) = key,
                      !keys.contains(keyScalar.string),
                      afterKey < bytes.endIndex, bytes[afterKey] == colon,
                      afterKey + 1 < bytes.endIndex, bytes[afterKey + 1] == space else { return nil }
                keys.append(keyScalar.string)
                let valueStart = skipSpaces(bytes, from: afterKey + 1)
                guard valueStart < bytes.endIndex else { return nil }
                let value: ConfigNode
                var end: Int
                if bytes[valueStart] == openBracket {
                    guard let (sequence, after) = flowSequence(line, at: valueStart) else { return nil }
                    value = sequence
                    end = after
                } else {
                    guard let (scalar, after) = flowScalar(line, at: valueStart) else { return nil }
                    value = scalar
                    end = after
                }
                pairs.append((key, value))
                end = skipSpaces(bytes, from: end)
                guard end < bytes.endIndex else { return nil }
                if bytes[end] == closeBrace { return (.mapping(pairs, line.position(start)), end + 1) }
                guard bytes[end] == comma else { return nil }
                offset = skipSpaces(bytes, from: end + 1)
                guard offset < bytes.endIndex, bytes[offset] != closeBrace, bytes[offset] != comma else { return nil }
            }
            return nil
        }

        /// A quoted scalar, or a plain one up to `,`, `:`, `]` or `}`, inside a flow collection; the offset after it
        /// (trailing spaces of a plain scalar not included in it, but skipped).
        func flowScalar(_ line: Line, at offset: Int) -> (ConfigNode, Int)? {
            let bytes = line.bytes
            if bytes[offset] == quote || bytes[offset] == doubleQuote { return quotedScalar(line, at: offset) }
            guard startsPlain(bytes, at: offset) else { return nil }
            var end = offset
            while end < bytes.endIndex, bytes[end] != comma, bytes[end] != closeBracket, bytes[end] != closeBrace,
                  bytes[end] != colon {
                let inner = bytes[end]
                if inner == hash || inner == openBracket || inner == openBrace { return nil }
                end += 1
            }
            return plainScalar(line, from: offset, to: end).map { ($0, end) }
        }

        /// The plain scalar written from `start` up to `end`, its trailing spaces left out; nil when nothing is left.
        func plainScalar(_ line: Line, from start: Int, to end: Int) -> ConfigNode? {
            var last = end
            while last > start, line.bytes[last - 1] == space { last -= 1 }
            guard last > start else { return nil }
            return .scalar(ConfigNode.Scalar(string: String(decoding: line.bytes[start..<last], as: UTF8.self), isPlain: true,
                                             position: line.position(start)))
        }

        /// The quoted scalar at `start` and the offset after its closing quote.
        func quotedScalar(_ line: Line, at start: Int) -> (ConfigNode, Int)? {
            guard let (text, after) = quoted(line.bytes, at: start) else { return nil }
            return (.scalar(ConfigNode.Scalar(string: text, isPlain: false, position: line.position(start))), after)
        }

        /// A one-line single- or double-quoted scalar at `start`: its text and the offset after the closing quote.
        func quoted(_ bytes: ArraySlice<UInt8>, at start: Int) -> (String, Int)? {
            let delimiter = bytes[start]
            var text: [UInt8] = []
            var offset = start + 1
            while offset < bytes.endIndex {
                let byte = bytes[offset]
                if delimiter == quote {
                    if byte == quote {
                        if offset + 1 < bytes.endIndex, bytes[offset + 1] == quote {
                            text.append(quote)
                            offset += 2
                            continue
                        }
                        return (String(decoding: text, as: UTF8.self), offset + 1)
                    }
                } else {
                    if byte == doubleQuote { return (String(decoding: text, as: UTF8.self), offset + 1) }
                    if byte == backslash {
                        guard offset + 1 < bytes.endIndex else { return nil }
                        switch bytes[offset + 1] {
                        case backslash: text.append(backslash)
                        case doubleQuote: text.append(doubleQuote)
                        case UInt8(ascii: "/"): text.append(UInt8(ascii: "/"))
                        case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                        case UInt8(ascii: "t"): text.append(tab)
                        default: return nil
                        }
                        offset += 2
                        continue
                    }
                }
                text.append(byte)
                offset += 1
            }
            return nil // not closed on this line
        }

        /// Whether a plain scalar may start at `offset`: not an indicator (`-`, `?` and `:` only before a non-space).
        func startsPlain(_ bytes: ArraySlice<UInt8>, at offset: Int) -> Bool {
            guard offset < bytes.endIndex else { return false }
            switch bytes[offset] {
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"),
                 UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 openBracket, closeBracket, comma, hash, quote, doubleQuote, UInt8(ascii: "?"), colon:
                return false
            case dash:
                return offset + 1 < bytes.endIndex && bytes[offset + 1] != space
            default:
                return true
            }
        }

        func skipSpaces(_ bytes: ArraySlice<UInt8>, from offset: Int) -> Int {
            var offset = offset
            while offset < bytes.endIndex, bytes[offset] == space { offset += 1 }
            return offset
        }

        /// Only spaces, then nothing or a comment (`#` after a space).
        func isLineEnd(_ bytes: ArraySlice<UInt8>, from offset: Int) -> Bool {
            let rest = skipSpaces(bytes, from: offset)
            return rest == bytes.endIndex || (bytes[rest] == hash && rest > offset)
        }
    }
}
