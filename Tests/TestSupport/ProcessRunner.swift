import Foundation

/// What a finished process printed and how it ended.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var output: [UInt8]
    public var error: [UInt8]
    /// True when the process was ended by a signal (`status` is then the signal number).
    public var wasSignalled: Bool

    public var outputText: String { String(decoding: output, as: UTF8.self) }
    public var errorText: String { String(decoding: error, as: UTF8.self) }
}

/// Runs a program to completion, capturing both streams, for tests.
public enum ProcessRunner {
    public static func run(_ executable: String, _ arguments: [String], directory: String,
                           environment: [String: String]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so that neither fills up and blocks the child.
        let errorBox = DataBox()
        let done = DispatchSemaphore(value: 0)
        let errorHandle = err.fileHandleForReading
        Thread.detachNewThread {
            errorBox.data = errorHandle.readDataToEndOfFile()
            done.signal()
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let errorData = errorBox.data
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, output: Array(outputData), error: Array(errorData),
                             wasSignalled: process.terminationReason == .uncaughtSignal)
    }
}

/// Where the built products are.
public enum TestPaths {
    /// The `git-tapps` executable built next to the test bundle.
    public static let executable: String = {
        if let override = ProcessInfo.processInfo.environment["TAPPS_EXECUTABLE"] { return override }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("git-tapps").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return "git-tapps"
    }()
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
