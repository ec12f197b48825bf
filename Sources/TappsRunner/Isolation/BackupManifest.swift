import TappsGit

/// A work-tree state saved in the object database.
enum SavedState: Equatable, Sendable {
    case absent
    case file(blob: ObjectID, permissions: UInt32)
    case symlink(blob: ObjectID)

    var blob: ObjectID? {
        switch self {
        case .absent: nil
        case .file(let blob, _), .symlink(let blob): blob
        }
    }
}

/// One backed-up path: the user's bytes, what hiding put there, and the index entry it came from.
struct BackupEntry: Equatable, Sendable {
    var path: [UInt8]
    /// The user's work-tree state before the run.
    var saved: SavedState
    /// The index's version as checkout writes it (absent for intent-to-add entries).
    var hidden: SavedState
    var indexMode: UInt32
    var indexID: ObjectID
    var intentToAdd: Bool
}

/// The record of a backup, stored as the `manifest` file of the backup commit.
///
/// Records are `header NUL path NUL`, so paths may hold any byte but NUL (newlines included).
struct BackupManifest: Equatable, Sendable {
    static let fileName = "manifest"
    private static let magic = "tapps-backup 1"

    /// Which work tree the backup belongs to: "" for the main one, the linked worktree's name otherwise.
    var worktreeID: [UInt8]
    var runID: String
    var processID: Int32
    var entries: [BackupEntry]
    /// Directories hiding had to create (outermost first); removed again when empty.
    var createdDirectories: [[UInt8]]
    /// What the restore is about to write where it is not the user's state (a step's change merged
    /// with the user's edits): recorded before the writes, so that recovery knows those bytes too.
    var targets: [[UInt8]: SavedState] = [:]
    /// What the restore found at those paths (the step's version), recorded with the targets.
    var found: [[UInt8]: SavedState] = [:]

    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        func record(_ header: String, _ path: [UInt8]) {
            out += Array(header.utf8) + [0] + path + [0]
        }
        record("\(Self.magic) \(runID) \(processID)", worktreeID)
        for entry in entries {
            let fields = [
                "entry", Self.encode(entry.saved), Self.encode(entry.hidden),
                String(entry.indexMode, radix: 8), entry.indexID.hex, entry.intentToAdd ? "1" : "0",
            ]
            record(fields.joined(separator: " "), entry.path)
        }
        for directory in createdDirectories { record("dir", directory) }
        for (path, state) in targets.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            record("target " + Self.encode(state), path)
        }
        for (path, state) in found.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            record("found " + Self.encode(state), path)
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> BackupManifest? {
        var parts = bytes.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        guard parts.last == [], parts.count >= 3, parts.count % 2 == 1 else { return nil }
        parts.removeLast()
        let header = String(decoding: parts[0], as: UTF8.self).split(separator: " ").map(String.init)
        guard header.count == 4, header[0] + " " + header[1] == magic, let pid = Int32(header[3]) else { return nil }
        var manifest = BackupManifest(worktreeID: parts[1], runID: header[2], processID: pid, entries: [],
                                      createdDirectories: [])
        var position = 2
        while position + 1 < parts.count {
            let fields = String(decoding: parts[position], as: UTF8.self).split(separator: " ").map(String.init)
            let path = parts[position + 1]
            position += 2
            if fields == ["dir"] {
                manifest.createdDirectories.append(path)
                continue
            }
            if fields.count == 4, fields[0] == "target" || fields[0] == "found" {
                guard let state = decodeState(fields[1...3]) else { return nil }
                if fields[0] == "target" { manifest.targets[path] = state } else { manifest.found[path] = state }
                continue
            }
            guard fields.count == 10, fields[0] == "entry",
                  let saved = decodeState(fields[1...3]), let hidden = decodeState(fields[4...6]),
                  let mode = UInt32(fields[7], radix: 8), let indexID = ObjectID(hex: fields[8]) else { return nil }
            manifest.entries.append(BackupEntry(path: path, saved: saved, hidden: hidden, indexMode: mode,
                                                indexID: indexID, intentToAdd: fields[9] == "1"))
        }
        return manifest
    }

    private static func encode(_ state: SavedState) -> String {
        switch state {
        case .absent: "absent - 0"
        case let .file(blob, permissions): "file \(blob.hex) \(String(permissions, radix: 8))"
        case let .symlink(blob): "link \(blob.hex) 0"
        }
    }

    private static func decodeState(_ fields: ArraySlice<String>) -> SavedState? {
        let values = Array(fields)
        switch values[0] {
        case "absent": return .absent
        case "file":
            guard let blob = ObjectID(hex: values[1]), let permissions = UInt32(values[2], radix: 8) else { return nil }
            return .file(blob: blob, permissions: permissions)
        case "link":
            guard let blob = ObjectID(hex: values[1]) else { return nil }
            return .symlink(blob: blob)
        default: return nil
        }
    }
}
