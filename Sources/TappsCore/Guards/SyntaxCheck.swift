import Yams

/// The `syntax` guard: staged JSON, YAML and TOML files must parse. One finding per file, at the
/// first error, with its line and column.
public enum SyntaxCheck {
    /// The kind of file `path` is, when the guard checks it.
    public enum Kind: Sendable { case json, jsonWithComments, yaml, toml }

    public static func kind(of path: RepoPath) -> Kind? {
        switch path.fileExtension {
        case "json":
            let name = path.fileName
            if name.hasPrefix("tsconfig") || name.hasPrefix("jsconfig") || name == "devcontainer.json"
                || name == ".devcontainer.json" || name.hasPrefix(".eslintrc") || name == ".babelrc.json"
                || path.directories.contains(".vscode") {
                return .jsonWithComments
            }
            return .json
        case "yaml", "yml":
            // Helm and other templates are YAML only after rendering.
            return path.directories.contains("templates") ? nil : .yaml
        case "toml":
            return .toml
        default:
            return nil
        }
    }

    public static func check(_ bytes: [UInt8], file: RepoPath) -> Finding? { check(bytes, file: file, yamlSubset: true) }

    /// `yamlSubset` false: every YAML file goes through Yams (the reading ``YAMLBlockSubset`` is pinned to).
    static func check(_ bytes: [UInt8], file: RepoPath, yamlSubset: Bool) -> Finding? {
        guard let kind = kind(of: file), !TextLines.isBinary(bytes) else { return nil }
        switch kind {
        case .json, .jsonWithComments:
            guard let failure = JSONSyntax.check(bytes, lenient: kind == .jsonWithComments) else { return nil }
            let position = TextLines.position(of: failure.offset, in: bytes)
            return finding(file, position.line, position.column, "invalid JSON: \(failure.message)")
        case .yaml:
            return yamlFinding(bytes, file: file, subset: yamlSubset)
        case .toml:
            guard let failure = TOMLSyntax.check(bytes) else { return nil }
            let position = TextLines.position(of: failure.offset, in: bytes)
            return finding(file, position.line, position.column, "invalid TOML: \(failure.message)")
        }
    }

    private static func yamlFinding(_ bytes: [UInt8], file: RepoPath, subset: Bool) -> Finding? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return finding(file, 1, 1, "invalid YAML: the file is not valid UTF-8")
        }
        // Plain block YAML is judged without building Yams' nodes; anything else, and every error, is Yams'.
        if subset, YAMLBlockSubset.isCertainlyValid(bytes) { return nil }
        do {
            // The encoding given: Yams' default reads the whole process environment on every parser (a quarter of
            // parsing a small file) and prints to stdout when YAMS_DEFAULT_ENCODING is set.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            while try parser.nextRoot() != nil {}
            return nil
        } catch let error as YamlError {
            let config = YAMLErrors.configError(error, file: file.string)
            return finding(file, max(config.line, 1), max(config.column, 1),
                           "invalid YAML: " + config.message.replacing("malformed YAML: ", with: ""))
        } catch {
            return finding(file, 1, 1, "invalid YAML: \(error)")
        }
    }

    private static func finding(_ file: RepoPath, _ line: Int, _ column: Int, _ message: String) -> Finding {
        Finding(file: file, line: line, column: column, severity: "error", code: "syntax", message: message)
    }
}
