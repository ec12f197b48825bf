import Foundation

/// Every byte a user could lose: each work-tree file (outside .git) with its bytes, mode and link
/// target, the index as `git ls-files -s -z` plus its intent-to-add flags, and `git status`.
public struct WorkTreeSnapshot: Equatable, CustomStringConvertible {
    public var files: [String: [UInt8]]
    public var index: [UInt8]
    public var status: [UInt8]

    public init(of repo: ScratchRepository) throws {
        files = [:]
        let rootURL = URL(fileURLWithPath: repo.root)
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: repo.root) else { throw ScratchError.io("cannot walk \(repo.root)") }
        while let relative = walker.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") { walker.skipDescendants(); continue }
            let full = rootURL.appendingPathComponent(relative).path
            let attributes = try fm.attributesOfItem(atPath: full)
            let type = attributes[.type] as? FileAttributeType
            let permissions = (attributes[.posixPermissions] as? Int) ?? 0
            if type == .typeSymbolicLink {
                files[relative] = Array("link:\(try fm.destinationOfSymbolicLink(atPath: full))".utf8)
            } else if type == .typeRegular {
                files[relative] = Array("mode:\(permissions & 0o111 != 0 ? "x" : "-"):".utf8) + Array(fm.contents(atPath: full) ?? Data())
            } else if type == .typeDirectory {
                files[relative + "/"] = []
            }
        }
        index = try repo.gitBytes(["ls-files", "-s", "-z"]) + Array("|cached:".utf8) + repo.gitBytes(["diff", "--cached", "--name-status", "-z"])
        status = try repo.gitBytes(["status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignored"])
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
