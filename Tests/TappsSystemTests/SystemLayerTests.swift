import Foundation
import Synchronization
import Testing
@testable import TappsSystem
#if canImport(Glibc)
import Glibc
#endif

/// The system layer on real files in a temporary directory, checked against Foundation's view of the
/// same files where there is one.
@Suite struct SystemLayerTests {
    /// A fresh directory, removed when the test ends.
    final class Scratch {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "tapps-system-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    // MARK: - Status

    @Test func statusFieldsMatchTheFileWeMade() throws {
        let scratch = try Scratch()
        let path = scratch.file("five")
        try FileContents.write(Array("12345".utf8), to: path)
        try FileSystem.setPermissions(path, 0o640)
        let descriptor = try Descriptor.open(path, .readOnly)
        try descriptor.closeAfter { (d) throws(Errno) in
            try d.setTimes(accessed: FileTime(seconds: 1_000_000_000, nanoseconds: 5),
                           modified: FileTime(seconds: 1_234_567_890, nanoseconds: 123_456_789))
        }

        let status = try FileSystem.status(path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(status.kind == .regular)
        #expect(status.size == 5)
        #expect(status.permissions == 0o640)
        #expect(status.inode == (attributes[.systemFileNumber] as? UInt64))
        #expect(status.userID == getuid())
        #expect(status.modified == FileTime(seconds: 1_234_567_890, nanoseconds: 123_456_789))
        #expect(status.accessed.seconds == 1_000_000_000)
        #expect(status.changed.seconds >= Int64(Date().timeIntervalSince1970) - 60)
        let opened = try Descriptor.open(path, .readOnly)
        defer { opened.closeQuietly() }
        #expect(try opened.status() == status)
        #expect(try Descriptor.open(scratch.path, .directory).closeAfter { (d) throws(Errno) in try d.status(of: "five") } == status)
    }

    @Test func linkStatusSeesTheLinkAndStatusItsTarget() throws {
        let scratch = try Scratch()
        try FileContents.write([1, 2, 3], to: scratch.file("target"))
        try FileSystem.makeSymbolicLink(at: scratch.file("link"), to: "target")
        #expect(try FileSystem.linkStatus(scratch.file("link")).kind == .symbolicLink)
        #expect(try FileSystem.status(scratch.file("link")).size == 3)
        #expect(try FileSystem.linkTarget(scratch.file("link")) == Array("target".utf8))
        #expect(try FileSystem.status(scratch.path).isDirectory)
        try FileSystem.makeSymbolicLink(at: scratch.file("dangling"), to: "nowhere")
        #expect(FileSystem.exists(scratch.file("dangling")))
        #expect(!FileSystem.resolves(scratch.file("dangling")))
    }

    @Test func executableChecksNeedTheExecuteBit() throws {
        let scratch = try Scratch()
        let path = scratch.file("tool")
        try FileContents.create(path, with: Array("#!/bin/sh\n".utf8), permissions: 0o644)
        #expect(try FileSystem.status(path).permissions == 0o644)
        #expect(!FileSystem.isExecutableFile(path))
        try FileSystem.setPermissions(path, 0o755)
        #expect(FileSystem.isExecutableFile(path))
        #expect(FileSystem.mayExecute(path))
        #expect(!FileSystem.isExecutableFile(scratch.path))
        #expect(FileSystem.mayExecute(scratch.path))
        #expect(try FileSystem.status(path).userID == ProcessControl.userID)
    }

    // MARK: - Errno

    @Test func failuresCarryTheirErrno() throws {
        let scratch = try Scratch()
        #expect(throws: Errno.noSuchFileOrDirectory) { try FileSystem.status(scratch.file("missing")) }
        #expect(throws: Errno.noSuchFileOrDirectory) { try Descriptor.open(scratch.file("missing"), .readOnly) }
        try FileSystem.makeDirectory(scratch.file("dir"))
        #expect(throws: Errno.fileExists) { try FileSystem.makeDirectory(scratch.file("dir")) }
        try FileContents.write([], to: scratch.file("dir/inside"))
        #expect(throws: Errno.directoryNotEmpty) { try FileSystem.removeDirectory(scratch.file("dir")) }
        #expect(throws: Errno.notDirectory) { try FileSystem.status(scratch.file("dir/inside/deeper")) }
        try FileSystem.makeSymbolicLink(at: scratch.file("link"), to: "dir/inside")
        #expect(throws: Errno.tooManySymbolicLinkLevels) { try FileContents.read(scratch.file("link"), followingLinks: false) }
        #expect(try FileContents.read(scratch.file("link")) == [])
        #expect(Errno.noSuchFileOrDirectory.description == String(cString: strerror(ENOENT)))
        #expect(!FileSystem.removeIfPresent(scratch.file("missing")))
    }

    @Test func makeDirectoriesCreatesParentsAndAcceptsExistingOnes() throws {
        let scratch = try Scratch()
        try FileSystem.makeDirectories(scratch.file("a/b/c"))
        try FileSystem.makeDirectories(scratch.file("a/b/c"))
        #expect(try FileSystem.status(scratch.file("a/b/c")).isDirectory)
        try FileContents.write([], to: scratch.file("a/file"))
        #expect(throws: Errno.notDirectory) { try FileSystem.makeDirectories(scratch.file("a/file/d")) }
    }

    // MARK: - Reading and writing

    @Test func writeAllFillsAPipeMuchLargerThanItsBuffer() throws {
        let (reader, writer) = try Descriptor.pipe()
        let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        let received = Mutex<[UInt8]?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            received.withLock { $0 = try? reader.readToEnd() }
            reader.closeQuietly()
            done.signal()
        }
        try writer.writeAll(payload)
        try writer.close()
        done.wait()
        #expect(received.withLock { $0 } == payload)
    }

    @Test func readsRetryWhenASignalInterruptsThem() throws {
        let (reader, writer) = try Descriptor.pipe()
        defer { reader.closeQuietly() }
        // A handler without SA_RESTART, so that the kernel returns EINTR to the blocked read.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interruptions.wrappingAdd(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(SIGUSR1, &action, &previous)
        defer { sigaction(SIGUSR1, &previous, nil) }
        // The test runner's threads may block signals; this one must receive SIGUSR1.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGUSR1)
        var previousMask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &unblock, &previousMask)
        defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }
        let before = interruptions.load(ordering: .relaxed)
        let target = pthread_self()
        Thread.detachNewThread {
            for _ in 0..<3 {
                usleep(30_000)
                pthread_kill(target, SIGUSR1)
            }
            usleep(30_000)
            try? writer.writeAll(Array("after the signals".utf8))
            writer.closeQuietly()
        }
        #expect(try reader.readToEnd() == Array("after the signals".utf8))
        #expect(interruptions.load(ordering: .relaxed) - before == 3)
    }

    @Test func preadReadsAtAnOffsetAndReadToEndReadsEverything() throws {
        let scratch = try Scratch()
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0) }
        try FileContents.write(bytes, to: scratch.file("big"))
        #expect(try FileContents.read(scratch.file("big")) == bytes)
        #expect(FileContents.read(bytePath: Array(scratch.file("big").utf8)) == bytes)
        let descriptor = try Descriptor.open(scratch.file("big"), .readOnly)
        defer { descriptor.closeQuietly() }
        var chunk = [UInt8](repeating: 0, count: 4)
        let count = try chunk.withUnsafeMutableBytes { (b) throws(Errno) in try descriptor.read(into: b, at: 1000) }
        #expect(count == 4)
        #expect(chunk == Array(bytes[1000..<1004]))
        let mapped = try descriptor.mapReadOnly(count: bytes.count)
        defer { mapped.unmap() }
        #expect(Array(mapped.bytes) == bytes)
    }

    @Test func appendAddsToTheEnd() throws {
        let scratch = try Scratch()
        try FileContents.append(Array("one\n".utf8), to: scratch.file("log"))
        try FileContents.append(Array("two\n".utf8), to: scratch.file("log"))
        #expect(try FileContents.read(scratch.file("log")) == Array("one\ntwo\n".utf8))
        #expect(try FileSystem.status(scratch.file("log")).permissions == 0o644 & ~currentUmask())
    }

    // MARK: - Atomic replace and locks

    @Test func replaceSwapsTheWholeFileAndLeavesNoTemporaryFile() throws {
        let scratch = try Scratch()
        let path = scratch.file("deep/er/file")
        try FileContents.replace(path, with: Array("old".utf8))
        let before = try FileSystem.status(path)
        try FileContents.replace(path, with: Array("new contents".utf8), permissions: 0o644)
        let after = try FileSystem.status(path)
        #expect(try FileContents.read(path) == Array("new contents".utf8))
        #expect(after.inode != before.inode)
        #expect(after.permissions == 0o644)
        #expect(try FileSystem.entryNames(of: scratch.file("deep/er")) == ["file"])
    }

    @Test func aFailedReplaceLeavesTheOldFileAndNoTemporaryFile() throws {
        let scratch = try Scratch()
        try FileSystem.makeDirectories(scratch.file("target/child"))
        #expect(throws: Errno.isDirectory) { try FileContents.replace(scratch.file("target"), with: [1]) }
        #expect(try FileSystem.entryNames(of: scratch.path) == ["target"])
        #expect(try FileSystem.status(scratch.file("target/child")).isDirectory)
    }

    @Test func anExclusiveCreateLosesToAnExistingLock() throws {
        let scratch = try Scratch()
        let lock = scratch.file("ref.lock")
        try FileContents.create(lock, with: Array("first".utf8))
        #expect(throws: Errno.fileExists) { try FileContents.create(lock, with: Array("second".utf8)) }
        #expect(try FileContents.read(lock) == Array("first".utf8))
        try FileSystem.remove(lock)
        try FileContents.create(lock, with: Array("third".utf8))
        #expect(try FileContents.read(lock) == Array("third".utf8))
    }

    @Test func exactlyOneOfManyRacingCreatorsGetsTheLock() throws {
        let scratch = try Scratch()
        let lock = scratch.file("race.lock")
        let winners = Atomic<Int>(0)
        let losers = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 32) { number in
            do throws(Errno) {
                try FileContents.create(lock, with: Array("\(number)".utf8))
                winners.wrappingAdd(1, ordering: .relaxed)
            } catch {
                if error == .fileExists { losers.wrappingAdd(1, ordering: .relaxed) }
            }
        }
        #expect(winners.load(ordering: .relaxed) == 1)
        #expect(losers.load(ordering: .relaxed) == 31)
    }

    @Test func removeTreeRemovesLinksWithoutFollowingThem() throws {
        let scratch = try Scratch()
        try FileContents.write([7], to: scratch.file("keep"))
        try FileSystem.makeDirectories(scratch.file("tree/a/b"))
        try FileContents.write([1], to: scratch.file("tree/a/b/file"))
        try FileSystem.makeSymbolicLink(at: scratch.file("tree/a/link"), to: scratch.path)
        FileSystem.removeTree(Array(scratch.file("tree").utf8))
        #expect(!FileSystem.exists(scratch.file("tree")))
        #expect(try FileContents.read(scratch.file("keep")) == [7])
    }

    // MARK: - Processes

    @Test func spawnRedirectsStreamsAndReportsHowTheChildEnded() throws {
        let (reader, writer) = try Descriptor.pipe()
        let child = try ProcessControl.spawn(["sh", "-c", "echo \"$TAPPS_SYSTEM_TEST\" >&2; exit 3"],
                                             adding: ["TAPPS_SYSTEM_TEST": "from the parent"],
                                             input: .null, output: .null, error: .descriptor(writer))
        try writer.close()
        let text = try reader.readToEnd()
        reader.closeQuietly()
        #expect(String(decoding: text, as: UTF8.self) == "from the parent\n")
        #expect(try ProcessControl.wait(for: child) == .exited(3))

        let killed = try ProcessControl.spawn(["sh", "-c", "kill -9 $$"], input: .null, output: .null, error: .null)
        let end = try ProcessControl.wait(for: killed)
        #expect(end == .signalled(SIGKILL))
        #expect(end.shellStatus == 137)
        #expect(throws: Errno.noSuchFileOrDirectory) { try ProcessControl.spawn(["tapps-no-such-program-\(getpid())"]) }
    }

    @Test func processExistenceAndSignals() throws {
        #expect(ProcessControl.exists(ProcessControl.currentID))
        let child = try ProcessControl.spawn(["sleep", "30"], input: .null, output: .null, error: .null)
        #expect(ProcessControl.exists(child))
        // SIGKILL: the test runner may pass an ignored SIGTERM on to its children.
        try ProcessControl.send(SIGKILL, to: child)
        #expect(try ProcessControl.wait(for: child) == .signalled(SIGKILL))
        #expect(!ProcessControl.exists(child))
        #expect(throws: Errno.noSuchProcess) { try ProcessControl.send(0, to: child) }
    }

    // MARK: - Small conventions

    @Test func gitBooleansAndTrailingSlashes() {
        for yes in ["1", "true", "TRUE", "Yes", "on"] { #expect(TextConventions.isGitTrue(yes), "\(yes)") }
        for no in ["", "0", "false", "no", "off", "2", "truey"] { #expect(!TextConventions.isGitTrue(no), "\(no)") }
        #expect(TextConventions.trimmingTrailingSlashes("/a/b//") == "/a/b")
        #expect(TextConventions.trimmingTrailingSlashes("/") == "/")
        #expect(TextConventions.trimmingTrailingSlashes(Array("x/".utf8)) == Array("x".utf8))
        #expect(SystemLimits.onlineCores >= 1)
        let calendar = SystemClock.calendar(epoch: 1_769_697_022)
        #expect(calendar == SystemClock.CalendarTime(year: 2026, month: 1, day: 29, hour: 14, minute: 30, second: 22))
        #expect(SystemClock.epoch(calendar) == 1_769_697_022)
    }

    private func currentUmask() -> UInt32 {
        let mask = umask(0)
        umask(mask)
        return UInt32(mask)
    }
}

private let interruptions = Atomic<Int>(0)
