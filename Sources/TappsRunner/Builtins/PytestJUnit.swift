import TappsCore

/// Reads the JUnit XML pytest writes with `--junit-xml=… -o junit_family=xunit1`: one `<testcase classname name
/// file line>` per test, holding `<failure>`, `<error>` or `<skipped>` with the `--tb=short` traceback as text.
enum PytestJUnit {
    /// The outcomes in `xml`, or nil when it is not a pytest JUnit report.
    static func cases(in xml: String) -> [PytestCase]? {
        guard let root = XMLReader.parse(xml), root.name == "testsuites" || root.name == "testsuite" else { return nil }
        var cases: [PytestCase] = []
        for testcase in root.descendants(named: "testcase") {
            cases += outcomes(of: testcase)
        }
        return cases
    }

    /// A testcase can hold both a failure (the call) and an error (its teardown): one outcome each.
    static func outcomes(of testcase: XMLReader.Element) -> [PytestCase] {
        let file = testcase[attribute: "file"].flatMap { $0.isEmpty ? nil : $0 }
        let classname = testcase[attribute: "classname"] ?? ""
        let name = testcase[attribute: "name"] ?? ""
        // xunit1's line is 0-based.
        let line = testcase[attribute: "line"].flatMap { Int($0) }.map { $0 + 1 }
        let collection = classname.isEmpty && testcase.children.contains { $0.name == "error" }
        let nodeID = collection ? (file ?? name) : nodeIDFor(file: file, classname: classname, name: name)
        let base = PytestCase(nodeID: nodeID, file: file ?? (collection ? name : nil), line: line, outcome: .passed)
        var problems: [PytestCase] = []
        for child in testcase.children where child.name == "failure" || child.name == "error" {
            var item = base
            item.details = child.text
            if child.name == "failure" {
                item.outcome = .failed
                item.summary = child[attribute: "message"]
            } else {
                item.outcome = .error
                item.stage = collection ? .collection : stage(fromMessage: child[attribute: "message"])
                item.summary = collection ? nil : unwrap(child[attribute: "message"])
            }
            problems.append(item)
        }
        if !problems.isEmpty { return problems }
        var single = base
        if let skipped = testcase.children(named: "skipped").first {
            single.outcome = skipped[attribute: "type"] == "pytest.xfail" ? .xfailed : .skipped
        }
        return [single]
    }

    /// The node id from xunit1's `classname` (the file's dotted module path, then any classes) and `name`:
    /// `tests.test_core.TestK` + `test_m` in `tests/test_core.py` → `tests/test_core.py::TestK::test_m`.
    static func nodeIDFor(file: String?, classname: String, name: String) -> String {
        if let file {
            let module = dottedModule(file)
            if classname == module { return "\(file)::\(name)" }
            if classname.hasPrefix(module + ".") {
                let classes = classname.dropFirst(module.count + 1).split(separator: ".")
                return ([file] + classes.map(String.init) + [name]).joined(separator: "::")
            }
        }
        // The test is defined in another file than the module that collected it (an inherited test): the module
        // is the leading lower-case part of the classname.
        let parts = classname.split(separator: ".").map(String.init)
        let moduleCount = parts.firstIndex { $0.first?.isUppercase == true } ?? parts.count
        guard moduleCount > 0 else { return file.map { "\($0)::\(name)" } ?? name }
        let path = parts[..<moduleCount].joined(separator: "/") + ".py"
        return ([path] + parts[moduleCount...] + [name]).joined(separator: "::")
    }

    static func dottedModule(_ file: String) -> String {
        var module = file.hasSuffix(".py") ? String(file.dropLast(3)) : file
        module = module.replacing("/", with: ".")
        return module
    }

    /// `failed on setup with "RuntimeError: boom"` → setup.
    static func stage(fromMessage message: String?) -> PytestCase.Stage {
        guard let message else { return .setup }
        if message.hasPrefix("failed on teardown") { return .teardown }
        if message.hasPrefix("failed on setup") { return .setup }
        return .call
    }

    /// The exception text inside `failed on setup with "…"`.
    static func unwrap(_ message: String?) -> String? {
        guard let message else { return nil }
        for prefix in ["failed on setup with \"", "failed on teardown with \""] where message.hasPrefix(prefix) {
            var inner = message.dropFirst(prefix.count)
            if inner.last == "\"" { inner = inner.dropLast() }
            return String(inner)
        }
        return message
    }
}
