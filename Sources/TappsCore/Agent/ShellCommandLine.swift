/// A shell command line split the way `sh` would split it far enough to find the commands in it: words (quotes and
/// backslashes removed) grouped into simple commands at `&&`, `||`, `;`, `|`, `&`, newlines and parentheses.
///
/// Command substitutions (`$(…)`, backticks) and here-documents are skipped over, not run: a word holding one keeps
/// the substitution's text. That is enough for `git commit -m "$(cat <<'EOF' … EOF)"`, which coding agents write.
public enum ShellCommandLine {
    /// The simple commands of `line`, each as its words, in order.
    public static func commands(_ line: String) -> [[String]] {
        var scanner = Scanner(Array(line.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let text: [Unicode.Scalar]
        var position = 0
        var commands: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        /// The next word is a redirection's target.
        var discardWord = false
        /// Here-document delimiters whose bodies start after the next newline (and whether tabs are stripped).
        var pendingHeredocs: [(delimiter: String, stripTabs: Bool)] = []

        init(_ text: [Unicode.Scalar]) { self.text = text }

        var current: Unicode.Scalar? { position < text.count ? text[position] : nil }
        func peek(_ offset: Int) -> Unicode.Scalar? { position + offset < text.count ? text[position + offset] : nil }

        mutating func run() -> [[String]] {
            while let char = current {
                switch char {
                case " ", "\t":
                    endWord()
                    position += 1
                case "\n":
                    endWord()
                    endCommand()
                    position += 1
                    skipHeredocBodies()
                case "&" where peek(1) == ">":
                    endWord()
                    position += 1
                    redirection()
                case ">":
                    redirection()
                case "<" where peek(1) != "<":
                    redirection()
                case ";", "&", "|", "(", ")":
                    endWord()
                    endCommand()
                    position += 1
                case "<" where peek(1) == "<" && peek(2) != "<":
                    endWord()
                    position += 2
                    readHeredocDelimiter()
                case "#" where !inWord:
                    while let next = current, next != "\n" { position += 1 }
                case "'":
                    inWord = true
                    position += 1
                    while let next = current, next != "'" { word.unicodeScalars.append(next); position += 1 }
                    position += 1
                case "\"":
                    inWord = true
                    position += 1
                    readDoubleQuoted()
                case "\\":
                    inWord = true
                    if let next = peek(1), next != "\n" { word.unicodeScalars.append(next) }
                    position += 2
                case "$" where peek(1) == "(":
                    inWord = true
                    word += substitution()
                case "`":
                    inWord = true
                    word += backticks()
                default:
                    inWord = true
                    word.unicodeScalars.append(char)
                    position += 1
                }
            }
            endWord()
            endCommand()
            return commands
        }

        mutating func endWord() {
            if inWord {
                if discardWord { discardWord = false } else { words.append(word) }
            }
            word = ""
            inWord = false
        }

        /// `>`, `>>`, `2>&1`, `<`, `&>`: the operator, its file descriptor and its target are not words.
        mutating func redirection() {
            if inWord, !word.isEmpty, word.unicodeScalars.allSatisfy({ $0.properties.numericType != nil }) {
                word = ""
                inWord = false
            } else {
                endWord()
            }
            while let char = current, ">|<&".unicodeScalars.contains(char) { position += 1 }
            if let char = current, char == "-" || char.properties.numericType != nil,
               text[position - 1] == "&" {
                while let next = current, next == "-" || next.properties.numericType != nil { position += 1 }
                return
            }
            discardWord = true
        }

        mutating func endCommand() {
            if !words.isEmpty { commands.append(words) }
            words = []
        }

        mutating func readDoubleQuoted() {
            while let char = current, char != "\"" {
                if char == "\\", let next = peek(1) {
                    if "\"\\$`".unicodeScalars.contains(next) { word.unicodeScalars.append(next) }
                    else if next != "\n" { word.unicodeScalars.append(char); word.unicodeScalars.append(next) }
                    position += 2
                } else if char == "$", peek(1) == "(" {
                    word += substitution()
                } else if char == "`" {
                    word += backticks()
                } else {
                    word.unicodeScalars.append(char)
                    position += 1
                }
            }
            position += 1
        }

        /// `$(…)` from `$`, with nested quotes, parentheses and here-documents; returns its text.
        mutating func substitution() -> String {
            let start = position
            position += 2
            var depth = 1
            var heredocs: [(delimiter: String, stripTabs: Bool)] = []
            while let char = current, depth > 0 {
                switch char {
                case "'":
                    position += 1
                    while let next = current, next != "'" { position += 1 }
                    position += 1
                case "\"":
                    position += 1
                    while let next = current, next != "\"" {
                        if next == "\\" { position += 1 }
                        else if next == "$", peek(1) == "(" { _ = substitution(); continue }
                        position += 1
                    }
                    position += 1
                case "\\": position += 2
                case "(": depth += 1; position += 1
                case ")": depth -= 1; position += 1
                case "<" where peek(1) == "<" && peek(2) != "<":
                    position += 2
                    if let found = heredocDelimiter() { heredocs.append(found) }
                case "\n":
                    position += 1
                    for heredoc in heredocs { skipBody(heredoc) }
                    heredocs = []
                default: position += 1
                }
            }
            return String(String.UnicodeScalarView(text[start..<min(position, text.count)]))
        }

        mutating func backticks() -> String {
            let start = position
            position += 1
            while let char = current, char != "`" { position += char == "\\" ? 2 : 1 }
            position += 1
            return String(String.UnicodeScalarView(text[start..<min(position, text.count)]))
        }

        mutating func readHeredocDelimiter() {
            if let found = heredocDelimiter() { pendingHeredocs.append(found) }
        }

        /// After `<<`: an optional `-`, then the delimiter word (quotes removed).
        mutating func heredocDelimiter() -> (delimiter: String, stripTabs: Bool)? {
            var stripTabs = false
            if current == "-" { stripTabs = true; position += 1 }
            while current == " " || current == "\t" { position += 1 }
            var delimiter = ""
            while let char = current, !" \t\n;&|()<>".unicodeScalars.contains(char) {
                if char != "'" && char != "\"" && char != "\\" { delimiter.unicodeScalars.append(char) }
                position += 1
            }
            return delimiter.isEmpty ? nil : (delimiter, stripTabs)
        }

        mutating func skipHeredocBodies() {
            for heredoc in pendingHeredocs { skipBody(heredoc) }
            pendingHeredocs = []
        }

        /// Skips lines up to and including the one that is the delimiter.
        mutating func skipBody(_ heredoc: (delimiter: String, stripTabs: Bool)) {
            while position < text.count {
                var line = ""
                while let char = current, char != "\n" { line.unicodeScalars.append(char); position += 1 }
                position += 1
                let candidate = heredoc.stripTabs ? String(line.drop(while: { $0 == "\t" })) : line
                if candidate == heredoc.delimiter { return }
            }
        }
    }
}
