import TappsCore

/// The related tests when a `conftest.py` above them sets `collect_ignore` or `collect_ignore_glob`.
///
/// pytest consults those lists only while it walks a directory: a test file named on the command line is
/// collected even when its conftest ignores it (attrs ignores `test_forward_references.py` below Python 3.14,
/// and a related run that named it failed every commit). So such a run names the tests' directories instead,
/// and a small plugin (`-p`, from the run's scratch directory on `PYTHONPATH`) ignores every file in them
/// but the selected tests; pytest's own `collect_ignore` handling then decides about those, as it does for
/// the project's plain `pytest`.
enum PytestCollectIgnore {
    static let pluginModule = "_git_tapps_selection"
    static let selectionVariable = "TAPPS_PYTEST_SELECTION"

    /// Whether a `conftest.py` between `root` and one of `tests` mentions `collect_ignore` (a plain text search:
    /// the lists are built by code, often under a condition, and pytest itself is asked to apply them).
    static func applies(root: String, tests: [RepoPath]) -> Bool {
        var seen: Set<String> = []
        let needle = Array("collect_ignore".utf8)
        for test in tests {
            var directory = test.directory
            while true {
                let path = (directory.isEmpty ? "" : directory + "/") + "conftest.py"
                if seen.insert(path).inserted, let text = FileBytes.read(root + "/" + path),
                   TextLines.find(needle, in: text[...]) != nil {
                    return true
                }
                guard !directory.isEmpty else { break }
                directory = RepoPath(directory).directory
            }
        }
        return false
    }

    /// The directories to name instead of `tests`: each test's directory, without those inside another one.
    static func directories(of tests: [RepoPath]) -> [String] {
        let all = Set(tests.map(\.directory)).sorted()
        var kept: [String] = []
        for directory in all where !kept.contains(where: { $0.isEmpty || directory.hasPrefix($0 + "/") }) {
            kept.append(directory)
        }
        return kept.map { $0.isEmpty ? "." : $0 }
    }

    /// Writes the plugin and the selection into `scratch`; the arguments, environment and file arguments
    /// that make pytest collect exactly `tests` as a walk of their directories would, or nil when the files
    /// cannot be written (the run then names the tests, as before).
    static func prepare(root: String, tests: [RepoPath], scratch: String, environment: [String: String])
    -> (arguments: [String], environment: [String: String], files: [[UInt8]])? {
        let directory = scratch + "/pytest-plugin"
        guard StepFileSystem.createDirectories(directory) == nil,
              StepFileSystem.write(Array(pluginSource.utf8), to: directory + "/" + pluginModule + ".py") == nil
        else { return nil }
        let listing = tests.map { root + "/" + $0.string + "\n" }.joined()
        let selection = scratch + "/pytest-selection.txt"
        guard StepFileSystem.write(Array(listing.utf8), to: selection) == nil else { return nil }
        let path = environment["PYTHONPATH"].map { $0.isEmpty ? directory : directory + ":" + $0 } ?? directory
        return (["-p", pluginModule], ["PYTHONPATH": path, selectionVariable: selection],
                directories(of: tests).map { BuiltinStep.argument(for: RepoPath($0)) })
    }

    static let pluginSource = #"""
# git-tapps: collect only the selected test files while pytest walks their directories, so that a conftest's
# collect_ignore / collect_ignore_glob decides about them as it does for a plain `pytest`.
import os

import pytest

_selected = None
_directories = None


def _ignored(path):
    # Only the selected files, and only the directories on the way to them: a directory without a selected
    # test is not entered, so its conftest.py is not loaded (as when the tests are named on the command line).
    global _selected, _directories
    if _selected is None:
        with open(os.environ["TAPPS_PYTEST_SELECTION"], encoding="utf-8", errors="surrogateescape") as listing:
            _selected = {os.path.realpath(line.rstrip("\n")) for line in listing if line.strip()}
        _directories = set()
        for selected in _selected:
            parent = os.path.dirname(selected)
            while parent not in _directories and parent != os.path.dirname(parent):
                _directories.add(parent)
                parent = os.path.dirname(parent)
    real = os.path.realpath(path)
    if os.path.isdir(path):
        return None if real in _directories else True
    return None if real in _selected else True


if int(pytest.__version__.split(".")[0]) >= 7:
    def pytest_ignore_collect(collection_path, config):
        return _ignored(str(collection_path))
else:
    def pytest_ignore_collect(path, config):
        return _ignored(str(path))
"""#
}
