/// Which Python files run which others when imported: the static import graph of a repository.
public struct PythonImportGraph: Sendable {
    /// For each file, the files importing it runs (its imports, the packages' `__init__.py` on the way,
    /// and for a test module the `conftest.py` files that apply to it).
    public private(set) var dependencies: [String: Set<String>] = [:]
    /// Files that import something by a name computed at run time.
    public private(set) var dynamicImporters: Set<String> = []

    /// Builds the graph over `index.files` from each file's scan.
    /// - Parameters:
    ///   - scans: the imports of each file (files without a scan have no imports of their own).
    ///   - isTestModule: whether pytest would collect the file as a test module (conftest files apply to it).
    public init(index: PythonModuleIndex, scans: [String: PythonImportScan], isTestModule: (String) -> Bool) {
        let conftests = index.files.filter { $0 == "conftest.py" || $0.hasSuffix("/conftest.py") }
        for file in index.files {
            var targets = Set(index.packageInits(of: file))
            if let scan = scans[file] {
                if scan.hasDynamicImports { dynamicImporters.insert(file) }
                for statement in scan.imports {
                    for target in index.resolve(statement, from: file) where target != file {
                        targets.insert(target)
                        targets.formUnion(index.packageInits(of: target))
                    }
                }
            }
            if isTestModule(file) || file.hasSuffix("conftest.py") {
                var directory = PythonModuleIndex.parent(of: file)
                while let current = directory {
                    let conftest = PythonModuleIndex.join(current, "conftest.py")
                    if conftest != file, conftests.contains(conftest) { targets.insert(conftest) }
                    directory = PythonModuleIndex.parent(of: current)
                }
            }
            targets.remove(file)
            dependencies[file] = targets
        }
    }

    /// Every file that runs one of `changed` when imported, directly or through other files, including
    /// the changed files themselves.
    public func importers(of changed: Set<String>) -> Set<String> {
        var reverse: [String: [String]] = [:]
        for (file, targets) in dependencies {
            for target in targets { reverse[target, default: []].append(file) }
        }
        var reached = changed
        var queue = Array(changed)
        while let next = queue.popLast() {
            for importer in reverse[next] ?? [] where reached.insert(importer).inserted {
                queue.append(importer)
            }
        }
        return reached
    }
}
