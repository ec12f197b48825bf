import Testing
import TappsCore
@testable import TappsRunner
import TappsGit
import TestSupport

/// The cached import graph: a warm load (only changed blobs re-derived) gives exactly the graph and the test
/// selection a cold build gives, over seeded random projects and edits.
@Suite struct ImportGraphCacheTests {
    static let modules = (0..<12).map { "src/pkg/\($0 < 6 ? "" : "sub/")m\($0).py" }
    static let tests = (0..<6).map { "tests/test_\($0).py" }

    /// A module's text: a few random imports in the forms the resolver knows.
    static func source(for file: String, random: inout SplitMix64) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let target = modules.randomElement(using: &random) ?? modules[0]
            let dotted = String(target.dropFirst(4).dropLast(3).map { $0 == "/" ? "." : $0 })
            let name = String(dotted.split(separator: ".").last ?? "")
            switch Int.random(in: 0...3, using: &random) {
            case 0: lines.append("import \(dotted)")
            case 1: lines.append("from \(dotted.split(separator: ".").dropLast().joined(separator: ".")) import \(name)")
            case 2: lines.append("if TYPE_CHECKING:\n    from \(dotted) import thing")
            default: lines.append("try:\n    import \(dotted)\nexcept ImportError:\n    pass")
            }
        }
        if Int.random(in: 0..<10, using: &random) == 0 { lines.append("importlib.import_module(name)") }
        lines.append("value = \(Int.random(in: 0..<1000, using: &random))")
        return lines.joined(separator: "\n") + "\n"
    }

    func session(_ repo: ScratchRepository) throws -> RepositorySession {
        RepositorySession(repository: try Repository.open(at: repo.root), root: repo.root, config: TappsConfig())
    }

    /// The project as a cold load sees it (both caches dropped first; they are rebuilt by the load).
    func coldProject(_ repo: ScratchRepository, changed: [String]) throws -> PythonProject? {
        StepFileSystem.removeTree(repo.path(".git/tapps"))
        return PythonProject.load(session: try session(repo), changed: changed)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func warmLoadEqualsColdBuild(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let repo = try ScratchRepository()
        try repo.write("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\npythonpath = [\"src\"]\n")
        try repo.write("src/pkg/__init__.py", "from .m0 import value\n")
        try repo.write("src/pkg/sub/__init__.py", "")
        try repo.write("tests/conftest.py", "import pytest\n")
        for file in Self.modules + Self.tests { try repo.write(file, Self.source(for: file, random: &random)) }
        _ = try repo.git("add", "-A")
        _ = try coldProject(repo, changed: [])

        for round in 0..<6 {
            // Edit a few files' imports (same paths); in some rounds also add or delete one (other paths).
            let edited = (Self.modules + Self.tests).shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random))
            for file in edited { try repo.write(file, Self.source(for: file, random: &random)) }
            var changed = Array(edited)
            if round == 3 {
                try repo.write("src/pkg/added.py", "from . import m1\n")
                changed.append("src/pkg/added.py")
            }
            if round == 5 {
                _ = try repo.git("rm", "-q", "-f", "--", Self.modules[4])
                changed.append(Self.modules[4])
            }
            _ = try repo.git("add", "--", "src", "tests")
            let warm = try #require(PythonProject.load(session: try session(repo), changed: changed))
            let again = try #require(PythonProject.load(session: try session(repo), changed: changed))
            let cold = try #require(try coldProject(repo, changed: changed))
            #expect(warm.selector.graph == cold.selector.graph, "seed \(seed) round \(round)")
            #expect(again.selector.graph == cold.selector.graph, "seed \(seed) round \(round): a fully warm load")
            #expect(warm.selector.index.roots == cold.selector.index.roots)
            #expect(warm.selector.testModules == cold.selector.testModules)
            for module in Self.modules + [Self.tests[0]] {
                #expect(warm.selector.select(changed: [module], trackedFiles: []) ==
                        cold.selector.select(changed: [module], trackedFiles: []), "seed \(seed) round \(round) \(module)")
            }
            // The untracked-import check reads the scans of the changed modules from either path.
            for file in edited { #expect(warm.scans[file] == cold.scans[file]) }
        }
    }

    @Test func entriesRoundTripAndForeignOnesAreRefused() throws {
        let files = ["a.py", "pkg/__init__.py", "pkg/b.py", "tests/test_b.py"]
        let graph = try #require(PythonImportGraph(files: files, edges: [[], [], [1], [1, 2]], dynamic: [false, true, false, false]))
        let entry = ImportGraphCache.Entry(key: "k", roots: ["", "tests"], graph: graph, ids: ["1", "2", "3", "-"],
                                           testModules: [false, false, false, true])
        let bytes = try #require(ImportGraphCache.encode(entry))
        #expect(ImportGraphCache.decode(bytes, files: files, key: "k") == entry)
        #expect(ImportGraphCache.decode(bytes, files: files, key: "other settings") == nil)
        #expect(ImportGraphCache.decode(bytes, files: Array(files.dropLast()), key: "k") == nil)
        #expect(ImportGraphCache.decode(bytes, files: files.map { $0 == "a.py" ? "c.py" : $0 }, key: "k") == nil)
        #expect(ImportGraphCache.decode(Array(bytes.dropLast(3)), files: files, key: "k") == nil)
        #expect(ImportGraphCache.decode(bytes + [0x31, 0], files: files, key: "k") == nil)
        // An edge to a file that does not exist is a corrupt record, not a graph.
        var corrupt = bytes
        if let comma = corrupt.lastIndex(of: UInt8(ascii: ",")) { corrupt[comma + 1] = UInt8(ascii: "9") }
        #expect(ImportGraphCache.decode(corrupt, files: files, key: "k") == nil)
        #expect(ImportGraphCache.encode(ImportGraphCache.Entry(key: "a\u{0}b", roots: [], graph: graph, ids: ["1", "2", "3", "-"],
                                                               testModules: [false, false, false, true])) == nil)
    }
}
