import TappsCore

/// The pytest files related to a staged change.
enum RelatedTests {
    /// Staged Python test files, plus tracked `test_<stem>.py` / `<stem>_test.py` files for each staged
    /// non-test module `<stem>.py` (the whole file name must match: `test_user.py` is not related to `users.py`).
    /// `tracked` is only called when some staged module needs its tests looked up.
    static func find(staged: [RepoPath], classifier: FileClassifier, tracked: () -> [RepoPath]) -> [RepoPath] {
        var tests = Set<RepoPath>()
        var testNames = Set<String>()
        for path in staged {
            guard let stem = PythonFiles.moduleStem(path), !notTestModules.contains(path.fileName) else { continue }
            if classifier.isTest(path) {
                tests.insert(path)
            } else {
                testNames.insert("test_\(stem).py")
                testNames.insert("\(stem)_test.py")
            }
        }
        if !testNames.isEmpty {
            for path in tracked() where testNames.contains(path.fileName) { tests.insert(path) }
        }
        return tests.sorted()
    }

    /// Files a test pattern may match that hold no tests of their own.
    private static let notTestModules: Set<String> = ["conftest.py", "__init__.py", "__main__.py", "setup.py"]
}
