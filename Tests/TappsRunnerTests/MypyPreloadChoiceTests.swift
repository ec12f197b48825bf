import Foundation
import Testing
import TappsCore
@testable import TappsRunner

/// When the built-in mypy goes through its warm start, and with which interpreter.
@Suite struct MypyPreloadChoiceTests {
    @Test(arguments: [
        (nil, [:], true),
        (nil, ["CI": "true"], false),
        (nil, ["CI": "1"], false),
        (nil, ["CI": "false"], true),
        (nil, ["CI": ""], true),
        (nil, ["TAPPS_MYPY_PRELOAD": "0"], false),
        (true, ["CI": "true", "TAPPS_MYPY_PRELOAD": "0"], true),
        (false, [:], false),
    ] as [(Bool?, [String: String], Bool)])
    func configurationThenEnvironmentDecide(configured: Bool?, environment: [String: String], expected: Bool) {
        #expect(MypyPreload.isEnabled(configured: configured, environment: environment) == expected)
    }

    @Test func onlyAPythonConsoleScriptWithAPlainInterpreterLineIsPreloaded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preload-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let python = directory + "/python3.11"
        try "#!/bin/sh\n".write(toFile: python, atomically: true, encoding: .utf8)
        chmod(python, 0o755)
        let cases: [(String, String?)] = [
            ("#!\(python)\nimport sys\n", python),
            ("#!\(python) -I\nimport sys\n", nil),          // options on the line: run as is
            ("#!/usr/bin/env python3\nimport sys\n", nil),  // found on PATH at run time
            ("#!/usr/bin/env bash\nexec pyenv exec mypy\n", nil),
            ("#!/bin/bash\n", nil),
            ("#!\(directory)/python-missing\n", nil),
            ("\u{7F}ELF binary", nil),
        ]
        for (index, (text, expected)) in cases.enumerated() {
            let script = directory + "/mypy\(index)"
            try text.write(toFile: script, atomically: true, encoding: .utf8)
            #expect(MypyPreload.interpreter(ofScript: script) == expected, "\(text.debugDescription)")
        }
        #expect(MypyPreload.interpreter(ofScript: directory + "/absent") == nil)
    }

    @Test func thePrivateDirectoryIsRefusedWhenOthersCanEnterIt() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rt-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let made = try #require(MypyPreload.privateDirectory(environment: ["XDG_RUNTIME_DIR": base]))
        #expect(made == base + "/git-tapps-\(getuid())")
        let script = try #require(MypyPreload.installScript(in: made))
        #expect(FileManager.default.contents(atPath: script) == Data(MypyPreloadScript.source.utf8))
        chmod(made, 0o755)
        #expect(MypyPreload.privateDirectory(environment: ["XDG_RUNTIME_DIR": base]) == nil)
        #expect(MypyPreload.privateDirectory(environment: ["XDG_RUNTIME_DIR": "/" + String(repeating: "d", count: 80)]) == nil,
                "too long for a socket path")
    }

    @Test func pyenvVersionFilesAreReadAsPyenvReadsThem() {
        #expect(PyenvShim.names(in: Array("3.11.7\n".utf8)) == ["3.11.7"])
        #expect(PyenvShim.names(in: Array("# pinned\n3.12.1  3.11.7\n\npypy3.10\n".utf8)) == ["3.12.1", "3.11.7", "pypy3.10"])
        #expect(PyenvShim.names(in: Array("\n# nothing\n".utf8)) == ["system"])
        #expect(PyenvShim.versions(root: "/nonexistent/repo", pyenvRoot: "/nonexistent/pyenv",
                                   environment: ["PYENV_VERSION": "3.12.1:3.11.7"]) == ["3.12.1", "3.11.7"])
        #expect(PyenvShim.versions(root: "/nonexistent/repo", pyenvRoot: "/nonexistent/pyenv", environment: [:]) == ["system"])
        #expect(PyenvShim.exportedRoot(in: "x\nexport PYENV_ROOT=\"/home/a/.pyenv\"\n") == "/home/a/.pyenv")
        #expect(PyenvShim.exportedRoot(in: "export PYENV_ROOT=\"$HOME/.pyenv\"\n") == nil)
    }
}
