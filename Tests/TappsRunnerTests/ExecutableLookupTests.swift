import Foundation
import Testing
import TestSupport
@testable import TappsRunner

/// Programs are looked up on PATH the way `execvp` would find them, before spawning.
@Suite struct ExecutableLookupTests {
    private func makeTool(_ directory: String, _ name: String, mode: Int = 0o755) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/" + name
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    @Test func theFirstExecutableFileOnPathWins() throws {
        let scratch = try ScratchRepository(initialize: false)
        let first = scratch.path("first"), second = scratch.path("second"), third = scratch.path("third")
        try makeTool(first, "tool", mode: 0o644) // not executable: skipped, as execvp skips it
        try FileManager.default.createDirectory(atPath: second + "/tool", withIntermediateDirectories: true) // a directory
        try makeTool(third, "tool")
        #expect(ExecutableLookup.resolve("tool", path: "\(first):\(second)/:\(third)") == third + "/tool")
        #expect(ExecutableLookup.resolve("missing", path: "\(first):\(third)") == nil)
    }

    @Test func relativeEntriesAndPathsAreLeftToTheChild() throws {
        let scratch = try ScratchRepository(initialize: false)
        try makeTool(scratch.path("bin"), "tool")
        // An empty or relative entry depends on the child's working directory: not resolved here.
        #expect(ExecutableLookup.resolve("tool", path: ":\(scratch.path("bin"))") == nil)
        #expect(ExecutableLookup.resolve("tool", path: "bin:\(scratch.path("bin"))") == nil)
        #expect(ExecutableLookup.resolve("tool", path: "\(scratch.path("bin")):bin") == scratch.path("bin") + "/tool")
        #expect(ExecutableLookup.resolve("./tool", path: scratch.path("bin")) == nil)
        #expect(ExecutableLookup.resolve("tool", path: nil) == nil)
    }
}
