import Foundation

extension Array where Element == UInt8 {
    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (self + [0]).withUnsafeBufferPointer { try $0.baseAddress!.withMemoryRebound(to: CChar.self, capacity: $0.count, body) }
    }
}

/// Every byte a user could lose: each work-tree file (outside .git) with its bytes, mode and link
/// target, the index as `git ls-files -s -z` plus its intent-to-add flags, and `git status`.
public struct WorkTreeSnapshot: Equatable, CustomStringConvertible {
    public var files: [String: [UInt8]]
    public var index: [UInt8]
    public var status: [UInt8]

    public init(of repo: ScratchRepository) throws {
        files = [:]
        try Self.walk(Array(repo.root.utf8), relative: [], into: &files)
        index = try repo.gitBytes(["ls-files", "-s", "-z"]) + Array("|cached:".utf8) + repo.gitBytes(["diff", "--cached", "--name-status", "-z"])
        status = try repo.gitBytes(["status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignored"])
    }

    /// Reads the tree with raw byte names (FileManager would mangle names that are not UTF-8).
    private static func walk(_ directory: [UInt8], relative: [UInt8], into files: inout [String: [UInt8]]) throws {
        guard let handle = directory.withCString(opendir) else { throw ScratchError.io("cannot open a directory") }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix(while: { $0 != 0 })) }
            if name == [0x2e] || name == [0x2e, 0x2e] || (relative.isEmpty && name == Array(".git".utf8)) { continue }
            names.append(name)
        }
        for name in names {
            let full = directory + [0x2f] + name
            let key = relative.isEmpty ? name : relative + [0x2f] + name
            var info = stat()
            guard full.withCString({ lstat($0, &info) }) == 0 else { throw ScratchError.io("cannot stat") }
            let type = info.st_mode & S_IFMT
            if type == S_IFLNK {
                var buffer = [CChar](repeating: 0, count: 4096)
                let count = full.withCString { readlink($0, &buffer, buffer.count) }
                files[Self.display(key)] = Array("link:".utf8) + buffer.prefix(max(0, count)).map { UInt8(bitPattern: $0) }
            } else if type == S_IFDIR {
                files[Self.display(key) + "/"] = []
                try walk(full, relative: key, into: &files)
            } else if type == S_IFREG {
                let executable = info.st_mode & 0o111 != 0
                let content = FileManager.default.contents(atPath: String(decoding: full, as: UTF8.self))
                    .map { Array($0) } ?? Self.rawRead(full)
                files[Self.display(key)] = Array("mode:\(executable ? "x" : "-"):".utf8) + content
            }
        }
    }

    private static func rawRead(_ path: [UInt8]) -> [UInt8] {
        let fd = path.withCString { open($0, O_RDONLY) }
        guard fd >= 0 else { return Array("<unreadable>".utf8) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            result += chunk[0..<count]
        }
        return result
    }

    /// A lossless text key: bytes that are not printable ASCII become \xNN.
    static func display(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7f && byte != 0x5c { text.unicodeScalars.append(Unicode.Scalar(byte)) }
            else { text += "\\x" + String(byte, radix: 16) }
        }
        return text
    }

    public var description: String {
        let names = files.keys.sorted().joined(separator: ", ")
        return "files: \(names)\nindex: \(String(decoding: index, as: UTF8.self))\nstatus: \(String(decoding: status, as: UTF8.self))"
    }

    /// The paths whose bytes differ between two snapshots.
    public func differences(from other: WorkTreeSnapshot) -> [String] {
        var result: [String] = []
        for key in Set(files.keys).union(other.files.keys).sorted() where files[key] != other.files[key] { result.append(key) }
        if index != other.index { result.append("<index>") }
        if status != other.status { result.append("<status>") }
        return result
    }
}
