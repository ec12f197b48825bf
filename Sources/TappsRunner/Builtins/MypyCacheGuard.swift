import TappsCore
import TappsSystem

/// Keeps mypy's incremental cache honest.
///
/// mypy trusts a cached module when the source file's size and whole-second mtime match what it recorded. The hook
/// rewrites files within a second (staged content in, the user's content back), so a same-size edit in the same
/// second would be missed and an old result reused. The guard records the size and nanosecond mtime of the files it
/// had mypy check; when a file later shows the same size and second but another nanosecond, it was rewritten
/// unseen, and the cache is dropped once (the next run is cold, but right).
struct MypyCacheGuard: Sendable {
    struct Stamp: Sendable, Equatable {
        var size: Int64
        var seconds: Int64
        var nanoseconds: Int64
    }

    let cacheDirectory: String
    let root: String
    /// The checked files' stamps taken just before mypy ran.
    let stamps: [RepoPath: Stamp]

    var recordPath: String { cacheDirectory + "/tapps-sources" }

    /// Takes the files' stamps and drops the cache when one of them was rewritten unseen since it was last checked.
    static func prepare(cacheDirectory: String, root: String, files: [RepoPath]) -> MypyCacheGuard {
        var stamps: [RepoPath: Stamp] = [:]
        for file in files { stamps[file] = stamp(Array(root.utf8) + [UInt8(ascii: "/")] + file.bytes) }
        let guardian = MypyCacheGuard(cacheDirectory: cacheDirectory, root: root, stamps: stamps)
        let recorded = guardian.readRecord()
        let rewritten = stamps.contains { path, now in
            guard let before = recorded[path] else { return false }
            return now.size == before.size && now.seconds == before.seconds && now.nanoseconds != before.nanoseconds
        }
        if rewritten { StepFileSystem.removeTree(cacheDirectory) }
        return guardian
    }

    /// Records the stamps of the files mypy just checked (keeping other files' records).
    func save() {
        var record = readRecord()
        for (path, stamp) in stamps { record[path] = stamp }
        var text = ""
        for (path, stamp) in record.sorted(by: { $0.key < $1.key }) {
            text += "\(stamp.size) \(stamp.seconds) \(stamp.nanoseconds) \(Self.hex(path.bytes))\n"
        }
        guard StepFileSystem.createDirectories(cacheDirectory) == nil else { return }
        try? FileContents.replace(recordPath, with: Array(text.utf8), permissions: 0o644,
                                  temporaryPath: recordPath + ".\(ProcessControl.currentID)")
    }

    func readRecord() -> [RepoPath: Stamp] {
        guard let bytes = FileBytes.read(recordPath) else { return [:] }
        var record: [RepoPath: Stamp] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(separator: UInt8(ascii: " "))
            guard fields.count == 4,
                  let size = Int64(String(decoding: fields[0], as: UTF8.self)),
                  let seconds = Int64(String(decoding: fields[1], as: UTF8.self)),
                  let nanoseconds = Int64(String(decoding: fields[2], as: UTF8.self)),
                  let path = Self.unhex(Array(fields[3])) else { continue }
            record[RepoPath(bytes: path)] = Stamp(size: size, seconds: seconds, nanoseconds: nanoseconds)
        }
        return record
    }

    /// Size and modification time of the file at `path` (raw bytes, so that any file name works).
    static func stamp(_ path: [UInt8]) -> Stamp? {
        guard let info = withCPath(path, { try? FileSystem.status($0) }) else { return nil }
        return Stamp(size: info.size, seconds: info.modified.seconds, nanoseconds: info.modified.nanoseconds)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func unhex(_ digits: [UInt8]) -> [UInt8]? {
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < digits.count {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }
}
