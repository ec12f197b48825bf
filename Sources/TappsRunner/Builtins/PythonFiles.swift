import TappsCore

/// Which paths are Python modules.
enum PythonFiles {
    /// `.py` and `.pyi` files (what mypy checks).
    static func isPython(_ path: RepoPath) -> Bool {
        let ext = path.fileExtension
        return ext == "py" || ext == "pyi"
    }

    /// The module name of a `.py` file ("models" for `src/app/models.py`), or nil for other files.
    static func moduleStem(_ path: RepoPath) -> String? {
        let name = path.fileName
        guard name.hasSuffix(".py"), name.count > 3 else { return nil }
        return String(name.dropLast(3))
    }
}
