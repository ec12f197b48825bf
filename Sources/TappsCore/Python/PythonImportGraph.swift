/// Which Python files run which others when imported: the static import graph of a repository.
///
/// Files are numbered by their position in ``files`` (sorted), and edges are numbers: a warm graph is
/// read from a cache and walked without hashing a path per edge.
public struct PythonImportGraph: Sendable, Equatable {
    /// The graph's format: bump it whenever resolution or the edges it records change, so that graphs
    /// cached by an older git-tapps are rebuilt rather than trusted.
    public static let formatVersion = 1

    /// The files, sorted; a file's number is its position here.
    public let files: [String]
    /// For each file, the files importing it runs (its imports, the packages' `__init__.py` on the way,
    /// and for a test module the `conftest.py` files that apply to it), ascending.
    public private(set) var edges: [[Int32]]
    /// For each file, whether it imports something by a name computed at run time.
    public private(set) var dynamic: [Bool]
    private let numbers: [String: Int]

    /// Builds the graph over `index.files` from each file's scan.
    /// - Parameters:
    ///   - scans: the imports of each file (files without a scan have no imports of their own).
    ///   - isTestModule: whether pytest would collect the file as a test module (conftest files apply to it).
    public init(index: PythonModuleIndex, scans: [String: PythonImportScan], isTestModule: (String) -> Bool) {
        files = index.files.sorted()
        numbers = Self.numbering(files)
        edges = Array(repeating: [], count: files.count)
        dynamic = Array(repeating: false, count: files.count)
        update(files, scans: scans, index: index, isTestModule: isTestModule)
    }

    /// A graph as a cache recorded it; nil when the record is inconsistent (an edge to no file, lengths that differ).
    public init?(files: [String], edges: [[Int32]], dynamic: [Bool]) {
        guard edges.count == files.count, dynamic.count == files.count,
              edges.allSatisfy({ $0.allSatisfy { $0 >= 0 && Int($0) < files.count } }) else { return nil }
        self.files = files
        self.edges = edges
        self.dynamic = dynamic
        numbers = Self.numbering(files)
    }

    /// Re-derives the edges of the files in `changed` (whose content, not path, changed) from their new scans.
    /// The other files' edges stay: resolution depends only on the set of paths, which is the same.
    public mutating func update(_ changed: [String], scans: [String: PythonImportScan], index: PythonModuleIndex,
                                isTestModule: (String) -> Bool) {
        var resolver = EdgeResolver(index: index, numbers: numbers)
        for file in changed {
            guard let number = numbers[file] else { continue }
            let scan = scans[file]
            edges[number] = resolver.edges(of: file, number: number, scan: scan,
                                           appliesConftests: isTestModule(file) || file.hasSuffix("conftest.py"))
            dynamic[number] = scan?.hasDynamicImports ?? false
        }
    }

    /// Files that import something by a name computed at run time.
    public var dynamicImporters: Set<String> {
        Set(files.indices.lazy.filter { dynamic[$0] }.map { files[$0] })
    }

    /// The files `file` runs when imported (empty for a file the graph does not hold).
    public func dependencies(of file: String) -> Set<String> {
        guard let number = numbers[file] else { return [] }
        return Set(edges[number].map { files[Int($0)] })
    }

    /// Whether any other file imports `file` (directly, or through a package `__init__` or a conftest).
    public func isImported(_ file: String) -> Bool {
        guard let number = numbers[file].map(Int32.init) else { return false }
        return edges.contains { $0.contains(number) }
    }

    /// Every file that runs one of `changed` when imported, directly or through other files, including
    /// the changed files themselves.
    public func importers(of changed: Set<String>) -> Set<String> {
        var reverse = Array(repeating: [Int32](), count: files.count)
        for (file, targets) in edges.enumerated() {
            for target in targets { reverse[Int(target)].append(Int32(file)) }
        }
        var reached = Array(repeating: false, count: files.count)
        var queue = changed.compactMap { numbers[$0] }
        for number in queue { reached[number] = true }
        while let next = queue.popLast() {
            for importer in reverse[next] where !reached[Int(importer)] {
                reached[Int(importer)] = true
                queue.append(Int(importer))
            }
        }
        var result = changed
        for number in files.indices where reached[number] { result.insert(files[number]) }
        return result
    }

    public static func == (lhs: PythonImportGraph, rhs: PythonImportGraph) -> Bool {
        lhs.files == rhs.files && lhs.edges == rhs.edges && lhs.dynamic == rhs.dynamic
    }

    private static func numbering(_ files: [String]) -> [String: Int] {
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(files.count)
        for (number, file) in files.enumerated() { numbers[file] = number }
        return numbers
    }
}

/// Resolves one file's edges, remembering per directory the package `__init__` and `conftest.py` files
/// that lie above it (most files share their directories, so each chain is walked once).
private struct EdgeResolver {
    let index: PythonModuleIndex
    let numbers: [String: Int]
    private var initsAbove: [String: [Int32]] = [:]
    private var conftestsAbove: [String: [Int32]] = [:]

    init(index: PythonModuleIndex, numbers: [String: Int]) {
        self.index = index
        self.numbers = numbers
    }

    mutating func edges(of file: String, number: Int, scan: PythonImportScan?, appliesConftests: Bool) -> [Int32] {
        var targets = Set(packageInits(of: file))
        if let scan {
            for statement in scan.imports {
                for target in index.resolve(statement, from: file) where target != file {
                    guard let targetNumber = numbers[target] else { continue }
                    targets.insert(Int32(targetNumber))
                    targets.formUnion(packageInits(of: target))
                }
            }
        }
        if appliesConftests, let directory = PythonModuleIndex.parent(of: file) {
            targets.formUnion(conftests(from: directory))
        }
        targets.remove(Int32(number))
        return targets.sorted()
    }

    /// The `__init__.py` files Python runs before `file`: those of every enclosing package.
    mutating func packageInits(of file: String) -> [Int32] {
        var directory = PythonModuleIndex.parent(of: file)
        if file.hasSuffix("__init__.py") { directory = directory.flatMap(PythonModuleIndex.parent(of:)) }
        guard let directory else { return [] }
        return inits(from: directory)
    }

    /// `directory/__init__.py` and those of its enclosing packages, while each exists.
    private mutating func inits(from directory: String) -> [Int32] {
        if let known = initsAbove[directory] { return known }
        var found: [Int32] = []
        if !directory.isEmpty, let number = numbers[PythonModuleIndex.join(directory, "__init__.py")] {
            found.append(Int32(number))
            if let parent = PythonModuleIndex.parent(of: directory) { found += inits(from: parent) }
        }
        initsAbove[directory] = found
        return found
    }

    /// Every `conftest.py` in `directory` and above it, up to the root.
    private mutating func conftests(from directory: String) -> [Int32] {
        if let known = conftestsAbove[directory] { return known }
        var found: [Int32] = []
        if let number = numbers[PythonModuleIndex.join(directory, "conftest.py")] { found.append(Int32(number)) }
        if let parent = PythonModuleIndex.parent(of: directory) { found += conftests(from: parent) }
        conftestsAbove[directory] = found
        return found
    }
}
