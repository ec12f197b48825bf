/// What a text is, for the token estimate: each kind splits into tokens differently (tool output is dense in
/// paths, numbers and punctuation, so characters ÷ 4 undercounts it by a quarter to a third).
public enum TextKind: String, Sendable, CaseIterable {
    case code
    case toolOutput = "tool-output"
    case prose
    case json
}

/// A deterministic token estimate without a tokenizer: a linear model over a few counts of the text's bytes
/// (word runs, long-word excess, case changes, digits, punctuation, line breaks, indentation, non-ASCII bytes),
/// with one set of weights per ``TextKind`` fitted against a real BPE tokenizer by `scripts/calibrate-tokens`.
/// The guide (docs/guides/token-budget.md) states its measured error per kind.
public enum TokenEstimator {
    /// The counts the model weighs. `scripts/calibrate-tokens` computes exactly the same ones.
    public struct Features: Sendable, Equatable {
        public var words = 0
        public var longExcess = 0
        public var caseChanges = 0
        public var digits = 0
        public var digitRuns = 0
        public var punctuation = 0
        public var newlines = 0
        public var indents = 0
        public var nonASCII = 0

        public var vector: [Double] {
            [words, longExcess, caseChanges, digits, digitRuns, punctuation, newlines, indents, nonASCII].map(Double.init)
        }
    }

    /// A word run longer than this many letters costs extra per letter (BPE splits long identifiers).
    static let longWord = 6

    /// Weights per kind, in ``Features/vector`` order. Fitted by `scripts/calibrate-tokens`; rerun it to refit.
    static func weights(_ kind: TextKind) -> [Double] {
        switch kind {
        case .code: [1.1982, 0.1222, 0.7063, 0.0, 1.3298, 0.5442, 1.1255, 0.0, 0.0]
        case .toolOutput: [1.6086, 0.3184, 0.0, 0.0, 1.0459, 0.1456, 0.7905, 1.6277, 0.0]
        case .prose: [1.0111, 0.0069, 1.2482, 0.3434, 0.6398, 0.7485, 1.969, 0.0, 0.3778]
        case .json: [1.1294, 0.0, 3.6132, 0.8148, 0.2905, 0.3217, 2.3412, 0.0, 0.0]
        }
    }

    /// The estimated tokens of `text` read as `kind`; 0 for empty text, at least 1 otherwise.
    public static func estimate(_ text: String, as kind: TextKind) -> Int {
        estimate(features(of: text), as: kind)
    }

    public static func estimate(_ features: Features, as kind: TextKind) -> Int {
        let value = zip(features.vector, weights(kind)).reduce(0) { $0 + $1.0 * $1.1 }
        if value <= 0 { return features == Features() ? 0 : 1 }
        return max(1, Int(value.rounded()))
    }

    /// One pass over the UTF-8 bytes.
    public static func features(of text: String) -> Features {
        var counts = Features()
        var letterRun = 0
        var previousLower = false
        var inDigits = false
        var spaceRun = 0
        func endWord() {
            if letterRun > 0 {
                counts.words += 1
                counts.longExcess += max(0, letterRun - longWord)
            }
            letterRun = 0
            previousLower = false
        }
        func endSpaces() {
            if spaceRun >= 2 { counts.indents += 1 }
            spaceRun = 0
        }
        for byte in text.utf8 {
            let isUpper = byte >= 0x41 && byte <= 0x5a
            let isLower = byte >= 0x61 && byte <= 0x7a
            if isUpper || isLower {
                if isUpper && previousLower { counts.caseChanges += 1 }
                letterRun += 1
                previousLower = isLower
                inDigits = false
                endSpaces()
                continue
            }
            endWord()
            if byte >= 0x30 && byte <= 0x39 {
                counts.digits += 1
                if !inDigits { counts.digitRuns += 1 }
                inDigits = true
                endSpaces()
                continue
            }
            inDigits = false
            switch byte {
            case 0x20, 0x09: spaceRun += 1
            case 0x0a: endSpaces(); counts.newlines += 1
            case 0x0d: endSpaces()
            case 0x80...: endSpaces(); counts.nonASCII += 1
            default: endSpaces(); counts.punctuation += 1
            }
        }
        endWord()
        endSpaces()
        return counts
    }
}
