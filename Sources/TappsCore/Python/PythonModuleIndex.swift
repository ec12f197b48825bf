/// Where the modules of a repository's Python files live, for resolving imports to files.
///
/// Import roots (the directories that act as `sys.path` entries) are found from the layout: the repository
/// root; the parent of every top-level package (a directory with `__init__.py` whose parent has none) and
/// that parent's ancestors (so `src/` layouts, monorepos and namespace packages resolve); the first
/// directory above each test module and `conftest.py` without an `__init__.py` (where pytest's default
/// `prepend` import mode puts it on `sys.path`); and any extra roots given (pytest's `pythonpath`).
public struct PythonModuleIndex: Sendable {
    /// The `.py` files, as paths relative to the repository root.
    public let files: Set<String>
    /// Directories that act as `sys.path` entries ("" is the repository root).
    public let roots: [String]

    public init(files: some Sequence<String>, isTestModule: (String) -> Bool, extraRoots: [String] = []) {
        let files = Set(files.filter { $0.hasSuffix(".py") })
        self.files = files
        var roots: [String] = [""]
        var seen: Set<String> = [""]
        func add(_ root: String) {
            var directory = root
            while seen.insert(directory).inserted {
                roots.append(directory)
                guard let parent = Self.parent(of: directory) else { break }
                directory = parent
            }
        }
        for root in extraRoots { add(Self.normalised(root)) }
        for file in files.sorted() {
            let directory = Self.parent(of: file) ?? ""
            if file.hasSuffix("/__init__.py") || file == "__init__.py" {
                guard let packageParent = Self.parent(of: directory) ?? (directory.isEmpty ? nil : "") else { continue }
                if !files.contains(Self.join(packageParent, "__init__.py")) { add(packageParent) }
            } else if isTestModule(file) || file.hasSuffix("conftest.py") {
                var base = directory
                while !base.isEmpty, files.contains(Self.join(base, "__init__.py")), let up = Self.parent(of: base) { base = up }
                add(base)
            }
        }
        self.roots = roots
    }

    /// An index whose roots were derived before (by the initialiser above, over the same files and settings).
    public init(files: Set<String>, roots: [String]) {
        self.files = files
        self.roots = roots
    }

    /// The files an import statement in `importer` executes: the module itself and, for `from x import y`,
    /// submodule `x.y` when it is a file. Package `__init__.py` files on the way are added by the graph.
    public func resolve(_ statement: PythonImport, from importer: String) -> [String] {
        let bases = self.bases(of: statement, from: importer)
        var found: [String] = []
        for base in bases {
            let module = moduleFile(base)
            if let module { found.append(module) }
            // `from pkg import name`: name may be a submodule; for a plain module it is an attribute.
            if module == nil || module?.hasSuffix("__init__.py") == true || (statement.level > 0 && statement.module.isEmpty) {
                for name in statement.names where name != "*" {
                    if let submodule = moduleFile(Self.join(base, name)) { found.append(submodule) }
                }
            }
        }
        return found
    }

    /// Where the module an import names may live, without its `.py`/`/__init__.py`: one place for a relative
    /// import (from the importer's package), one per import root for an absolute one.
    func bases(of statement: PythonImport, from importer: String) -> [String] {
        let relative = Self.modulePath(statement.module)
        guard statement.level > 0 else { return roots.map { Self.join($0, relative) } }
        var directory = Self.parent(of: importer) ?? ""
        for _ in 1..<statement.level {
            guard let up = Self.parent(of: directory) else { return [] }
            directory = up
        }
        return [Self.join(directory, relative)]
    }

    /// `base.py` or `base/__init__.py`, when tracked.
    func moduleFile(_ base: String) -> String? {
        if !base.isEmpty, files.contains(base + ".py") { return base + ".py" }
        let initFile = Self.join(base, "__init__.py")
        return files.contains(initFile) ? initFile : nil
    }

    /// The directory of `path` ("" for a top-level name), or nil for the root itself.
    static func parent(of path: String) -> String? {
        guard !path.isEmpty else { return nil }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        if name.isEmpty { return directory }
        return directory + "/" + name
    }

    /// `a.b.c` → `a/b/c`.
    static func modulePath(_ module: String) -> String {
        String(decoding: module.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
    }

    static func normalised(_ directory: String) -> String {
        var text = directory
        while text.hasPrefix("./") { text.removeFirst(2) }
        while text.hasSuffix("/") { text.removeLast() }
        return text == "." ? "" : text
    }
}
