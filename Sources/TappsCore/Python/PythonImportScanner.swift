/// One import statement of a Python module, as written (nothing resolved yet).
public struct PythonImport: Sendable, Hashable {
    /// Leading dots of a relative import (`from ..x import y` → 2); 0 for an absolute import.
    public var level: Int
    /// The dotted module name (`a.b`); empty for `from . import x`.
    public var module: String
    /// What `from … import` names (`["b", "c"]`, `["*"]`); empty for a plain `import a.b`.
    public var names: [String]
    /// The 1-based line the statement starts on.
    public var line: Int

    public init(level: Int = 0, module: String, names: [String] = [], line: Int) {
        self.level = level
        self.module = module
        self.names = names
        self.line = line
    }
}

/// What a static read of a module's source finds.
public struct PythonImportScan: Sendable, Hashable {
    public var imports: [PythonImport]
    /// The module imports something no static graph can follow: a name computed at run time
    /// (`importlib.import_module(name)`, `__import__(name)`), or from a directory it adds to `sys.path`.
    public var hasDynamicImports: Bool

    public init(imports: [PythonImport] = [], hasDynamicImports: Bool = false) {
        self.imports = imports
        self.hasDynamicImports = hasDynamicImports
    }
}

/// Reads the import statements of Python source without running Python.
///
/// Every `import`/`from … import` statement counts wherever it is (inside functions, `if TYPE_CHECKING:`,
/// `try:` fallbacks): a test selection built from it may run more tests than needed, never fewer. Strings
/// and comments are skipped (an `import` in a docstring is not an import); bracketed and backslash-continued
/// statements are joined. `importlib.import_module("a.b")` / `__import__("a")` with a literal name and
/// `pytest_plugins = [...]` count as imports too.
public enum PythonImportScanner {
    public static func scan(_ source: [UInt8]) -> PythonImportScan {
        var scan = PythonImportScan()
        for statement in LogicalLines.split(source) {
            parse(statement, into: &scan)
        }
        return scan
    }

    static func parse(_ statement: LogicalLine, into scan: inout PythonImportScan) {
        let code = statement.code
        var words = StatementWords(code)
        guard let first = words.next() else { return }
        if first == "import" {
            for part in splitTopLevel(words.rest, on: ",") {
                let name = part.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
                if isDotted(name) { scan.imports.append(PythonImport(module: name, line: statement.line)) }
            }
        } else if first == "from" {
            let rest = words.rest
            guard let importRange = rest.range(of: " import ") ?? rest.range(of: ")import ") else { return }
            var source = rest[..<importRange.lowerBound].trimmingSpaces()
            var level = 0
            while source.first == "." { level += 1; source.removeFirst() }
            source = source.trimmingSpaces()
            guard source.isEmpty ? level > 0 : isDotted(source), source != "__future__" else { return }
            var list = rest[importRange.upperBound...].trimmingSpaces()
            if list.first == "(" { list.removeFirst() }
            if list.last == ")" { list.removeLast() }
            let names = splitTopLevel(list, on: ",").compactMap { part -> String? in
                let name = part.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
                return name == "*" || isIdentifier(name) ? name : nil
            }
            scan.imports.append(PythonImport(level: level, module: source, names: names, line: statement.line))
        } else if first == "pytest_plugins" {
            for literal in statement.literals where isDotted(literal) {
                scan.imports.append(PythonImport(module: literal, line: statement.line))
            }
        }
        for call in ["sys.path.insert(", "sys.path.append(", "sys.path.extend(", "site.addsitedir("] where code.contains(call) {
            scan.hasDynamicImports = true
        }
        for call in ["import_module(", "__import__("] {
            var searchFrom = code.startIndex
            while let found = code.range(of: call, range: searchFrom..<code.endIndex) {
                searchFrom = found.upperBound
                let argument = code[found.upperBound...].drop { $0 == " " }
                if argument.hasPrefix(LogicalLines.literalMarker),
                   let literal = statement.literal(at: argument), isDotted(literal) {
                    scan.imports.append(PythonImport(module: literal, line: statement.line))
                } else if !argument.hasPrefix(")") {
                    scan.hasDynamicImports = true
                }
            }
        }
    }

    static func isIdentifier(_ text: some StringProtocol) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }

    static func isDotted(_ text: some StringProtocol) -> Bool {
        guard !text.isEmpty else { return false }
        for part in String(text).split(separator: ".", omittingEmptySubsequences: false) where !isIdentifier(part) {
            return false
        }
        return true
    }

    /// Splits at `separator` outside brackets.
    static func splitTopLevel(_ text: some StringProtocol, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            default: break
            }
            if character == separator && depth == 0 {
                parts.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        let last = current.trimmingSpaces()
        if !last.isEmpty { parts.append(last) }
        return parts
    }
}

/// The first word of a statement and what follows it.
private struct StatementWords {
    let text: String
    var rest: Substring

    init(_ text: String) {
        self.text = text
        rest = text[...]
    }

    mutating func next() -> String? {
        rest = rest.drop { $0 == " " }
        guard !rest.isEmpty else { return nil }
        let word = rest.prefix { $0 != " " && $0 != "(" && $0 != "=" && $0 != "." }
        rest = rest[word.endIndex...]
        return String(word)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
