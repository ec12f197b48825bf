/// Finds the tracked test files that belong to a source file by name, in any of the supported
/// languages' conventions: `test_user.py` / `user_test.py` / `user.test.ts` / `user.spec.js` /
/// `user_test.go` / `UserTests.swift` / `UserTest.java` all belong to `user.*` / `User.*`.
/// The whole stem must match: `test_users.py` is not related to `user.py`.
public enum RelatedTestNames {
    /// For each of `sources`, the paths among `tracked` that `classifier` calls tests and whose
    /// stem, without its test affix, equals the source's stem. Sources without tests are left out.
    public static func find(for sources: [RepoPath], among tracked: [RepoPath],
                            classifier: FileClassifier) -> [RepoPath: [RepoPath]] {
        var wanted: [String: [RepoPath]] = [:]
        for source in sources where !classifier.isTest(source) {
            let stem = stem(of: source.fileName).lowercased()
            if !stem.isEmpty { wanted[stem, default: []].append(source) }
        }
        guard !wanted.isEmpty else { return [:] }
        var result: [RepoPath: [RepoPath]] = [:]
        for path in tracked where classifier.isTest(path) {
            guard let subject = testSubject(path.fileName), let owners = wanted[subject.lowercased()] else { continue }
            for owner in owners { result[owner, default: []].append(path) }
        }
        return result.mapValues { $0.sorted() }
    }

    /// The name without its extensions: "user.test.ts" → "user.test", "User.swift" → "User".
    static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// The source stem a test file's name tests, or nil when the name has no test affix.
    static func testSubject(_ name: String) -> String? {
        let base = stem(of: name)
        for prefix in ["test_", "tests_"] where base.hasPrefix(prefix) && base.count > prefix.count {
            return String(base.dropFirst(prefix.count))
        }
        for suffix in ["_test", "_tests", ".test", ".spec", "Tests", "Test", "IT", "Spec"]
        where base.hasSuffix(suffix) && base.count > suffix.count {
            return String(base.dropLast(suffix.count))
        }
        return nil
    }
}
