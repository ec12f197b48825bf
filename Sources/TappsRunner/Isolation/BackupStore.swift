import TappsGit
import TappsSystem

/// Backups as commits under `refs/tapps/backup/<run-id>`: a `manifest` plus every saved blob.
enum BackupStore {
    static let prefix = "refs/tapps/backup/"

    /// Whose backup this is: this machine and this work tree's git directory. Refs are shared by all
    /// worktrees and can be fetched from other clones (`git fetch origin 'refs/tapps/*:refs/tapps/*'`
    /// for checkpoints), so a backup is only ever restored where it was made.
    static func worktreeID(of repository: Repository) -> [UInt8] {
        // The manifest separates its fields with NUL, so the two parts are joined with a newline.
        Array("\(MachineIdentity.current)\n".utf8) + Array(repository.gitDirectory.utf8)
    }

    /// Writes `content` as a blob and returns the saved state for a path holding it.
    static func save(_ state: PathState, in repository: Repository) throws(GitError) -> SavedState {
        switch state {
        case .absent, .untouchable: return .absent
        case let .file(content, permissions):
            return .file(blob: try repository.writeBlob(content), permissions: permissions)
        case let .symlink(target):
            return .symlink(blob: try repository.writeBlob(target))
        }
    }

    /// The work-tree state a saved state stands for.
    static func load(_ state: SavedState, in repository: Repository) throws(GitError) -> PathState {
        switch state {
        case .absent: return .absent
        case let .file(blob, permissions): return .file(content: try Blob.lookup(blob, in: repository).content, permissions: permissions)
        case let .symlink(blob): return .symlink(target: try Blob.lookup(blob, in: repository).content)
        }
    }

    /// Writes the manifest, a tree holding it and every blob it names, and a parentless commit.
    /// No reference is touched.
    static func writeCommit(_ manifest: BackupManifest, in repository: Repository) throws(GitError) -> ObjectID {
        let manifestBlob = try repository.writeBlob(manifest.encoded())
        var entries = [IndexEntry(path: Array(BackupManifest.fileName.utf8), mode: 0o100644, id: manifestBlob)]
        var seen: Set<ObjectID> = []
        for blobs in manifest.entries.map({ [$0.saved.blob, $0.hidden.blob] }) + (Array(manifest.targets.values) + Array(manifest.found.values)).map({ [$0.blob] }) {
            for blob in blobs.compactMap({ $0 }) where seen.insert(blob).inserted {
                entries.append(IndexEntry(path: Array("objects/\(blob.hex)".utf8), mode: 0o100644, id: blob))
            }
        }
        let tree = try repository.writeTree(entries)
        let signature = Signature(name: "git-tapps", email: "git-tapps@localhost", time: Int64(SystemClock.now.seconds))
        return try repository.writeCommit(tree: tree, parents: [], message: "git-tapps backup of unstaged work (run \(manifest.runID))\n",
                                          signature: signature)
    }

    /// The manifest a backup reference points at, or nil when it is not a readable backup.
    static func manifest(at reference: String, in repository: Repository) -> BackupManifest? {
        do {
            guard let target = try repository.referenceTarget(reference) else { return nil }
            let tree = try Commit.lookup(target, in: repository).tree()
            guard let entry = try tree.entry(at: Array(BackupManifest.fileName.utf8)) else { return nil }
            return BackupManifest.decode(try Blob.lookup(entry.id, in: repository).content)
        } catch {
            return nil
        }
    }

    /// The backup references that belong to this work tree (unreadable ones count: they are
    /// never silently ignored).
    static func pending(in repository: Repository) -> [String] {
        let names = (try? repository.referenceNames(matching: prefix + "*")) ?? []
        let ours = worktreeID(of: repository)
        return names.filter { name in
            guard let manifest = manifest(at: name, in: repository) else { return true }
            return manifest.worktreeID == ours
        }
    }
}

/// This machine's identity: systemd's machine id, else the host name.
enum MachineIdentity {
    static let current: String = {
        if let bytes = FileBytes.read("/etc/machine-id") {
            let text = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
            if !text.isEmpty { return text }
        }
        return MachineNames.hostName ?? "unknown-host"
    }()
}
