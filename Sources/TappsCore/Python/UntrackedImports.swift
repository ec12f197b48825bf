/// Imports of staged modules that only a file outside the commit satisfies.
///
/// While the hook runs, untracked files stay in the work tree, so a staged module importing a module the
/// user forgot to `git add` passes every check and then breaks the commit. This finds those imports
/// statically: an import that no tracked module satisfies, but an untracked, non-ignored file does.
public enum UntrackedImports {
    /// Findings for each such import, on its line.
    /// - Parameter untracked: whether a path exists in the work tree, untracked and not ignored.
    public static func find(staged: [String], scans: [String: PythonImportScan], index: PythonModuleIndex,
                            untracked: (String) -> Bool) -> [Finding] {
        var findings: [Finding] = []
        for file in staged {
            guard let scan = scans[file] else { continue }
            for statement in scan.imports {
                guard let missing = untrackedTarget(of: statement, in: file, index: index, untracked: untracked) else { continue }
                findings.append(Finding(file: RepoPath(file), line: statement.line, severity: "error", code: "untracked-import",
                                        message: "imports \(missing), which is untracked: the commit will not contain it"))
            }
        }
        return findings
    }

    static func untrackedTarget(of statement: PythonImport, in file: String, index: PythonModuleIndex,
                                untracked: (String) -> Bool) -> String? {
        var bases = index.bases(of: statement, from: file)
        // An absolute import a tracked module satisfies is fine, whatever else lies around.
        if statement.level == 0, bases.contains(where: { index.moduleFile($0) != nil }) {
            bases = bases.filter { index.moduleFile($0)?.hasSuffix("__init__.py") == true }
            return untrackedSubmodule(statement, bases: bases, index: index, untracked: untracked)
        }
        for base in bases {
            if index.moduleFile(base) == nil, !base.isEmpty {
                for candidate in [base + ".py", PythonModuleIndex.join(base, "__init__.py")] where untracked(candidate) {
                    return candidate
                }
            }
        }
        return untrackedSubmodule(statement, bases: bases, index: index, untracked: untracked)
    }

    /// `from pkg import name` where `name` is an untracked module of the package.
    static func untrackedSubmodule(_ statement: PythonImport, bases: [String], index: PythonModuleIndex,
                                   untracked: (String) -> Bool) -> String? {
        for base in bases {
            for name in statement.names where name != "*" {
                let module = PythonModuleIndex.join(base, name)
                guard index.moduleFile(module) == nil else { continue }
                for candidate in [module + ".py", PythonModuleIndex.join(module, "__init__.py")] where untracked(candidate) {
                    return candidate
                }
            }
        }
        return nil
    }
}
