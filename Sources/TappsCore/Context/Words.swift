/// Splits text into lowercase words at non-letters, digits boundaries and camelCase humps,
/// so that matching works on words, never on substrings.
public enum Words {
    public static func split(_ text: String) -> [String] {
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
}
