import Foundation
import Testing
import TestSupport

/// mypy's warm start through `git tapps run`: a run after the first is forked from a server that imported mypy once,
/// with the plain run's findings, environment and exit code; the server steps aside when its packages change; a
/// stopped run does not leave mypy running; it is off when configured off and in CI.
@Suite(.serialized) struct MypyPreloadTests {
    /// The Python 3 interpreter's real path (through a pyenv shim if that is what PATH has), or nil.
    static let python: String? = {
        guard let result = try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import sys; print(sys.executable)"],
                                                  directory: "/tmp", environment: ScratchRepository.environment),
              result.status == 0 else { return nil }
        let path = result.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? path : nil
    }()

    static let hasRealMypy: Bool = {
        guard let python else { return false }
        return (try? ProcessRunner.run(python, ["-c", "import mypy.main"], directory: "/tmp",
                                       environment: ScratchRepository.environment))?.status == 0
    }()

    /// A stand-in for mypy's package: it logs every import of itself, records what each run saw, reports each line
    /// holding `PLANTED` of the files it is given in mypy's format, and sleeps when asked to.
    static let fakeMain = """
        import json, os, sys, time

        def console_entry():
            report = os.environ.get("FAKE_MYPY_REPORT")
            mask = os.umask(0o022)
            os.umask(mask)
            if report:
                with open(report, "a") as out:
                    out.write(json.dumps({"argv": sys.argv, "cwd": os.getcwd(), "pid": os.getpid(),
                                          "ppid": os.getppid(), "umask": mask,
                                          "run_id": os.environ.get("TAPPS_RUN_ID")}) + "\\n")
            if os.environ.get("FAKE_MYPY_IGNORE_TERM"):
                import signal
                signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if os.environ.get("FAKE_MYPY_SLEEP"):
                time.sleep(float(os.environ["FAKE_MYPY_SLEEP"]))
            errors = 0
            for name in [a for a in sys.argv[1:] if a.endswith(".py")]:
                with open(name) as source:
                    for number, line in enumerate(source, 1):
                        if "PLANTED" in line:
                            print("%s:%d:1: error: planted error  [misc]" % (name, number))
                            errors += 1
            print("to stderr", file=sys.stderr)
            sys.exit(1 if errors else 0)
        """

    struct Sandbox {
        let repo: ScratchRepository
        let runtime: String
        let fakePackage: String
        let real: Bool

        var socketDirectory: String { runtime + "/git-tapps-\(getuid())" }
        var environment: [String: String] {
            var variables = ["XDG_RUNTIME_DIR": runtime, "FAKE_MYPY_REPORT": repo.path(".git/fake-report"),
                             "FAKE_MYPY_IMPORTS": repo.path(".git/fake-imports")]
            if !real { variables["PYTHONPATH"] = fakePackage }
            return variables
        }

        /// A repository whose `.venv/bin/mypy` is a console script of `python` for the fake mypy package, or for the
        /// real mypy when `real` is set.
        init(python: String, config: String, real: Bool = false) throws {
            repo = try ScratchRepository()
            runtime = repo.path(".git/run")
            fakePackage = repo.path(".git/fake/site")
            self.real = real
            try FileManager.default.createDirectory(atPath: runtime, withIntermediateDirectories: true)
            if !real {
                let package = fakePackage + "/mypy"
                try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
                try "import os\nwith open(os.environ['FAKE_MYPY_IMPORTS'], 'a') as log:\n    log.write('%d\\n' % os.getpid())\n"
                    .write(toFile: package + "/__init__.py", atomically: true, encoding: .utf8)
                for empty in ["main", "build"] {
                    try "".write(toFile: package + "/\(empty).py", atomically: true, encoding: .utf8)
                }
                try MypyPreloadTests.fakeMain.write(toFile: package + "/__main__.py", atomically: true, encoding: .utf8)
            }
            try repo.write(".venv/bin/mypy", """
                #!\(python)
                import re
                import sys
                from mypy.__main__ import console_entry
                if __name__ == '__main__':
                    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
                    sys.exit(console_entry())

                """)
            chmod(repo.path(".venv/bin/mypy"), 0o755)
            try repo.write(".gitignore", ".venv/\n__pycache__/\n.mypy_cache/\n")
            try repo.write(".tapps.yaml", config)
            try repo.write("pkg/__init__.py", "")
            try repo.write("pkg/a.py", "def f() -> int:\n    return 1\n")
            try repo.commitAll("base")
        }

        func run(_ extra: [String: String] = [:]) throws -> (status: Int32, mypy: [String: Any]) {
            let result = try repo.tapps(["run", "--preset", "standard", "--format", "json", "--no-cache"],
                                        environment: environment.merging(extra) { $1 })
            let json = try JSONSerialization.jsonObject(with: Data(result.output)) as? [String: Any] ?? [:]
            let steps = json["steps"] as? [[String: Any]] ?? []
            let mypy = steps.first { $0["name"] as? String == "mypy" } ?? [:]
            return (result.status, mypy)
        }

        /// What each run of the fake saw, oldest first.
        var reports: [[String: Any]] {
            (repo.readText(".git/fake-report") ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        var imports: Int { (repo.readText(".git/fake-imports") ?? "").split(separator: "\n").count }

        /// The server's process id once it takes requests (its socket exists), or nil after `seconds`.
        func waitForServer(seconds: Double = 30) -> Int32? {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: socketDirectory)) ?? []
                if let socket = names.first(where: { $0.hasSuffix(".sock") }),
                   let text = try? String(contentsOfFile: socketDirectory + "/" + socket + ".lock", encoding: .utf8),
                   let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    return pid
                }
                usleep(50_000)
            }
            return nil
        }

        /// Ends every server this sandbox started.
        func stopServers() {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: socketDirectory)) ?? []
            where name.hasSuffix(".lock") {
                if let text = try? String(contentsOfFile: socketDirectory + "/" + name, encoding: .utf8),
                   let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGKILL) }
            }
        }
    }

    static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 }

    static func waitUntilGone(_ pid: Int32, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isAlive(pid) { return true }
            usleep(50_000)
        }
        return false
    }

    static func findings(_ mypy: [String: Any]) -> [String] {
        (mypy["findings"] as? [[String: Any]] ?? []).map { finding in
            ["file", "line", "column", "severity", "code", "message"].map { "\(finding[$0] ?? "-")" }
                .joined(separator: "|")
        }
    }

    static let onConfig = "builtins: {mypy: {preload: true}, pytest: false, ruff: false}\n"

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func aRunAfterTheFirstIsForkedFromTheServerWithThePlainRunsVerdict() throws {
        let sandbox = try Sandbox(python: try #require(Self.python), config: Self.onConfig)
        defer { sandbox.stopServers() }
        try sandbox.repo.write("pkg/a.py", "def f() -> int:\n    return 1  # PLANTED\n")
        try sandbox.repo.git("add", "pkg/a.py")

        let first = try sandbox.run()
        #expect(first.status == 1 && first.mypy["status"] as? String == "failed", "\(first.mypy)")
        let server = try #require(sandbox.waitForServer(), "the first run starts a server")
        #expect(sandbox.imports == 2, "the plain first run and the server each imported mypy")

        let second = try sandbox.run()
        let third = try sandbox.run()
        #expect(second.status == 1 && third.status == 1)
        #expect(Self.findings(second.mypy) == Self.findings(first.mypy) && Self.findings(third.mypy) == Self.findings(first.mypy))
        #expect(Self.findings(first.mypy) == ["pkg/a.py|2|1|error|misc|planted error"])
        #expect(sandbox.imports == 2, "a served run does not import mypy again")

        let reports = sandbox.reports
        try #require(reports.count == 3)
        #expect(reports[0]["ppid"] as? Int != Int(server), "the first run is the plain one")
        #expect(reports[1]["ppid"] as? Int == Int(server) && reports[2]["ppid"] as? Int == Int(server))
        let arguments = reports.map { ($0["argv"] as? [String] ?? []) }
        #expect(arguments[1] == arguments[0] && arguments[2] == arguments[0], "the same command line: \(arguments)")
        #expect(arguments[0].first == sandbox.repo.path(".venv/bin/mypy"))
        let directories = reports.compactMap { $0["cwd"] as? String }.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        #expect(Set(directories) == [URL(fileURLWithPath: sandbox.repo.root).resolvingSymlinksInPath().path])
        #expect(Set(reports.compactMap { $0["umask"] as? Int }).count == 1, "the run's own umask")
        #expect(Set(reports.compactMap { $0["run_id"] as? String }).count == 3, "each run's own environment")

        try sandbox.repo.write("pkg/a.py", "def f() -> int:\n    return 2\n")
        try sandbox.repo.git("add", "pkg/a.py")
        let passing = try sandbox.run()
        #expect(passing.status == 0 && passing.mypy["status"] as? String == "passed", "exit 0 comes back: \(passing.mypy)")
        #expect(sandbox.reports.last?["ppid"] as? Int == Int(server))
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func theServerStepsAsideWhenItsPackagesChange() throws {
        let sandbox = try Sandbox(python: try #require(Self.python), config: Self.onConfig)
        defer { sandbox.stopServers() }
        try sandbox.repo.write("pkg/a.py", "x = 1  # PLANTED\n")
        try sandbox.repo.git("add", "pkg/a.py")
        _ = try sandbox.run()
        let server = try #require(sandbox.waitForServer())
        _ = try sandbox.run()
        #expect(sandbox.reports.last?["ppid"] as? Int == Int(server))

        // An upgrade: the package directory mypy was imported from changes.
        try "".write(toFile: sandbox.fakePackage + "/mypy/new_module.py", atomically: true, encoding: .utf8)
        let declined = try sandbox.run()
        #expect(declined.status == 1 && Self.findings(declined.mypy) == ["pkg/a.py|1|1|error|misc|planted error"])
        #expect(sandbox.reports.last?["ppid"] as? Int != Int(server), "the changed set-up is run the plain way")
        #expect(Self.waitUntilGone(server), "the stale server ends")

        _ = try sandbox.run()
        let fresh = try #require(sandbox.waitForServer())
        #expect(fresh != server)
        _ = try sandbox.run()
        #expect(sandbox.reports.last?["ppid"] as? Int == Int(fresh))

        // An edit in place of a module the server imported (its directory stays the same).
        let handle = try #require(FileHandle(forWritingAtPath: sandbox.fakePackage + "/mypy/__main__.py"))
        handle.seekToEndOfFile()
        handle.write(Data("# edited in place\n".utf8))
        handle.closeFile()
        _ = try sandbox.run()
        #expect(sandbox.reports.last?["ppid"] as? Int != Int(fresh), "an edited module is run the plain way")
        #expect(Self.waitUntilGone(fresh))
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func anIdleServerWhoseSocketIsRemovedEnds() throws {
        let sandbox = try Sandbox(python: try #require(Self.python), config: Self.onConfig)
        defer { sandbox.stopServers() }
        try sandbox.repo.write("pkg/a.py", "x = 3\n")
        try sandbox.repo.git("add", "pkg/a.py")
        _ = try sandbox.run()
        let server = try #require(sandbox.waitForServer())
        let names = try FileManager.default.contentsOfDirectory(atPath: sandbox.socketDirectory)
        for socket in names where socket.hasSuffix(".sock") {
            try FileManager.default.removeItem(atPath: sandbox.socketDirectory + "/" + socket)
        }
        #expect(Self.waitUntilGone(server, seconds: 40), "it wakes every 15 s and sees its socket gone")
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func aStoppedRunDoesNotLeaveMypyRunning() throws {
        let config = "builtins: {mypy: {preload: true, timeout: 2}, pytest: false, ruff: false}\n"
        let sandbox = try Sandbox(python: try #require(Self.python), config: config)
        defer { sandbox.stopServers() }
        try sandbox.repo.write("pkg/a.py", "x = 2\n")
        try sandbox.repo.git("add", "pkg/a.py")
        _ = try sandbox.run()
        let server = try #require(sandbox.waitForServer())

        // It ignores the SIGTERM a timeout sends first, so only the client's death can end it.
        let slow = try sandbox.run(["FAKE_MYPY_SLEEP": "60", "FAKE_MYPY_IGNORE_TERM": "1"])
        #expect(slow.status != 0 && slow.mypy["status"] as? String != "passed", "\(slow.mypy)")
        let report = try #require(sandbox.reports.last)
        #expect(report["ppid"] as? Int == Int(server), "the slow run was served")
        let pid = try #require((report["pid"] as? Int).map(Int32.init))
        #expect(Self.waitUntilGone(pid), "the timed-out mypy is killed with its client")
        #expect(Self.isAlive(server), "the server lives on")
        let after = try sandbox.run()
        #expect(after.status == 0 && sandbox.reports.last?["ppid"] as? Int == Int(server))
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func onByDefaultOffWhenConfiguredOffOrInCI() throws {
        // The suite may run with CI or TAPPS_MYPY_PRELOAD set: each case says both.
        let plain = "builtins: {pytest: false, ruff: false}\n"
        let cases: [(config: String, environment: [String: String], served: Bool)] = [
            (plain, ["CI": "", "TAPPS_MYPY_PRELOAD": ""], true),
            ("builtins: {mypy: {preload: false}, pytest: false, ruff: false}\n", ["CI": "", "TAPPS_MYPY_PRELOAD": ""], false),
            (plain, ["CI": "true", "TAPPS_MYPY_PRELOAD": ""], false),
            (plain, ["CI": "", "TAPPS_MYPY_PRELOAD": "0"], false),
            (Self.onConfig, ["CI": "true", "TAPPS_MYPY_PRELOAD": "0"], true),
        ]
        for (config, environment, served) in cases {
            let sandbox = try Sandbox(python: try #require(Self.python), config: config)
            defer { sandbox.stopServers() }
            try sandbox.repo.write("pkg/a.py", "x = 1  # PLANTED\n")
            try sandbox.repo.git("add", "pkg/a.py")
            let result = try sandbox.run(environment)
            #expect(result.status == 1 && Self.findings(result.mypy) == ["pkg/a.py|1|1|error|misc|planted error"])
            if served {
                let server = sandbox.waitForServer()
                #expect(server != nil, "\(config) \(environment): a server starts")
                _ = try sandbox.run(environment)
                #expect(server != nil && sandbox.reports.last?["ppid"] as? Int == server.map(Int.init))
            } else {
                usleep(300_000)
                #expect(!FileManager.default.fileExists(atPath: sandbox.socketDirectory),
                        "\(config) \(environment): no server")
                #expect(sandbox.imports == 1)
            }
        }
    }

    /// A pyenv layout in the sandbox: a shim as `pyenv rehash` writes it, a `libexec/pyenv` that execs the version's
    /// script (as `pyenv exec` does), and version `9.9-test` holding the sandbox's console script.
    static func installPyenv(in sandbox: Sandbox) throws -> (root: String, shims: String) {
        let root = sandbox.repo.path(".git/pyenv")
        let bin = root + "/versions/9.9-test/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/shims", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/libexec", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: sandbox.repo.path(".venv/bin/mypy"), toPath: bin + "/mypy")
        try """
            #!/usr/bin/env bash
            set -e
            [ -n "$PYENV_DEBUG" ] && set -x

            program="${0##*/}"

            export PYENV_ROOT="\(root)"
            SHIM_PATH=${0%/*}
            if [[ $SHIM_PATH != "\(root)/shims" ]]; then
              export _PYENV_SHIM_PATH="$SHIM_PATH"
            fi
            exec "\(root)/libexec/pyenv" exec "$program" "$@"

            """.write(toFile: root + "/shims/mypy", atomically: true, encoding: .utf8)
        try "#!/bin/sh\nshift\nprogram=$1\nshift\nexec \"$PYENV_ROOT/versions/9.9-test/bin/$program\" \"$@\"\n"
            .write(toFile: root + "/libexec/pyenv", atomically: true, encoding: .utf8)
        for file in [root + "/shims/mypy", root + "/libexec/pyenv"] { chmod(file, 0o755) }
        try "9.9-test\n".write(toFile: root + "/version", atomically: true, encoding: .utf8)
        return (root, root + "/shims")
    }

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func aPyenvShimIsReplacedByTheScriptItWouldRun() throws {
        let sandbox = try Sandbox(python: try #require(Self.python), config: Self.onConfig)
        defer { sandbox.stopServers() }
        let pyenv = try Self.installPyenv(in: sandbox)
        let path = pyenv.shims + ":" + (ScratchRepository.environment["PATH"] ?? "/usr/bin:/bin")
        try sandbox.repo.write("pkg/a.py", "x = 1  # PLANTED\n")
        try sandbox.repo.git("add", "pkg/a.py")
        let environment = ["PATH": path, "PYENV_VERSION": ""]
        let first = try sandbox.run(environment)
        #expect(first.status == 1 && Self.findings(first.mypy) == ["pkg/a.py|1|1|error|misc|planted error"], "\(first.mypy)")
        let server = try #require(sandbox.waitForServer(), "the version's own script is warm-started")
        _ = try sandbox.run(environment)
        #expect(sandbox.reports.last?["ppid"] as? Int == Int(server))
        #expect((sandbox.reports.last?["argv"] as? [String])?.first == pyenv.root + "/versions/9.9-test/bin/mypy")

        // A version pyenv would have to resolve (a prefix, here a missing one): the shim runs as it is.
        try "9.9\n".write(toFile: sandbox.repo.path(".python-version"), atomically: true, encoding: .utf8)
        try sandbox.repo.write(".gitignore", ".venv/\n__pycache__/\n.mypy_cache/\n.python-version\n")
        let plain = try sandbox.run(environment)
        #expect(plain.status == 1 && Self.findings(plain.mypy) == ["pkg/a.py|1|1|error|misc|planted error"])
        #expect(sandbox.reports.last?["ppid"] as? Int != Int(server), "not served: the shim chose")
    }

    @Test(.enabled(if: hasRealMypy, "python3 with mypy is not installed"))
    func realMypyReportsTheSameThroughTheServer() throws {
        let python = try #require(Self.python)
        var results: [[String]] = []
        var statuses: [String] = []
        for preload in [false, true, true] {
            let config = "builtins: {mypy: {preload: \(preload)}, pytest: false, ruff: false}\n"
            let sandbox = try Sandbox(python: python, config: config, real: true)
            defer { sandbox.stopServers() }
            try sandbox.repo.write("pkg/a.py", """
                from typing import Optional

                def f(x: Optional[int]) -> int:
                    return x + 1

                def g() -> str:
                    return f(None)

                y: int = "text"
                """)
            try sandbox.repo.git("add", "pkg/a.py")
            var run = try sandbox.run()
            if preload {
                _ = try #require(sandbox.waitForServer(seconds: 60))
                run = try sandbox.run()
            }
            results.append(Self.findings(run.mypy))
            statuses.append(run.mypy["status"] as? String ?? "")
        }
        #expect(results[0].count >= 3, "\(results[0])")
        #expect(results[1] == results[0] && results[2] == results[0], "\(results)")
        #expect(statuses == ["failed", "failed", "failed"])
    }
}
