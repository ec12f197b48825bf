/// Splits text into lowercase words at non-letters, digits boundaries and camelCase humps,
/// so that matching works on words, never on substrings.
public enum Words {
    public static func split(_ text: String) -> [String] {
        splitASCII(text) ?? splitCharacters(text)
    }

    /// The split for any text, `Character` by `Character`.
    static func splitCharacters(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        func flush() {
            if !current.isEmpty { words.append(current.lowercased()) }
            current = ""
        }
        let characters = Array(text)
        for (offset, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else { flush(); previous = nil; continue }
            if let previous {
                let humpStart = previous.isLowercase && character.isUppercase
                let acronymEnd = previous.isUppercase && character.isUppercase && offset + 1 < characters.count
                    && characters[offset + 1].isLowercase
                let digitEdge = previous.isNumber != character.isNumber
                if humpStart || acronymEnd || digitEdge { flush() }
            }
            current.append(character)
            previous = character
        }
        flush()
        return words
    }

    /// The same split for ASCII text, byte by byte: classifying `Character`s is most of the cost
    /// of classifying a large change (a 5,000-file `suggest`). Nil when the text is not ASCII.
    static func splitASCII(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
            func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
            func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
            var words: [String] = []
            var current: [UInt8] = []
            func flush() {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            }
            var previous: UInt8?
            for offset in 0..<bytes.count {
                let byte = bytes[offset]
                guard isLower(byte) || isUpper(byte) || isDigit(byte) else { flush(); previous = nil; continue }
                if let previous {
                    let humpStart = isLower(previous) && isUpper(byte)
                    let acronymEnd = isUpper(previous) && isUpper(byte) && offset + 1 < bytes.count && isLower(bytes[offset + 1])
                    let digitEdge = isDigit(previous) != isDigit(byte)
                    if humpStart || acronymEnd || digitEdge { flush() }
                }
                current.append(isUpper(byte) ? byte + 0x20 : byte)
                previous = byte
            }
            flush()
            return words
        }
    }
}
