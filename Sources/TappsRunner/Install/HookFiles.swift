import TappsSystem

/// The few file-system operations the installer needs, on plain paths, without Foundation.
/// Each failure is a ``TappsError/repository(_:)`` naming the path and the system's reason.
enum HookFiles {
    /// What is at a path, without following a symbolic link.
    enum Kind: Equatable {
        case absent
        case file(mode: UInt32)
        case symlink
        case directory
        case other
    }

    static func kind(of path: String) -> Kind {
        guard let info = try? FileSystem.linkStatus(path) else { return .absent }
        switch info.kind {
        case .regular: return .file(mode: info.permissions)
        case .symbolicLink: return .symlink
        case .directory: return .directory
        case .other: return .other
        }
    }

    static func exists(_ path: String) -> Bool { kind(of: path) != .absent }

    /// Creates `path` and any missing parents (`mkdir -p`).
    static func makeDirectories(_ path: String) throws(TappsError) {
        if kind(of: path) == .directory { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            do throws(Errno) {
                try FileSystem.makeDirectory(prefix)
            } catch where error != .fileExists {
                throw failure("cannot create the directory", prefix, error)
            } catch {}
        }
        guard (try? FileSystem.status(path))?.isDirectory == true else {
            throw .repository("cannot use \(path) as the hooks directory: it is not a directory")
        }
    }

    /// Writes `bytes` to a new file at `path` with exactly `mode` (the umask does not apply).
    static func create(_ path: String, bytes: [UInt8], mode: UInt32) throws(TappsError) {
        do throws(Errno) {
            try FileContents.create(path, with: bytes, permissions: mode)
        } catch {
            throw failure("cannot write", path, error)
        }
    }

    /// Sets the permission bits of `path`.
    static func setMode(_ path: String, _ mode: UInt32) throws(TappsError) {
        do throws(Errno) {
            try FileSystem.setPermissions(path, mode)
        } catch {
            throw failure("cannot make executable", path, error)
        }
    }

    /// Renames `source` to `destination`, replacing it if it is there (`rename(2)`, atomic).
    static func move(_ source: String, to destination: String) throws(TappsError) {
        do throws(Errno) {
            try FileSystem.rename(source, to: destination)
        } catch {
            throw .repository("cannot rename \(source) to \(destination): \(error)")
        }
    }

    /// Removes a file or a symbolic link.
    static func remove(_ path: String) throws(TappsError) {
        do throws(Errno) {
            try FileSystem.remove(path)
        } catch where error != .noSuchFileOrDirectory {
            throw failure("cannot remove", path, error)
        } catch {}
    }

    /// True when `path` is a regular file that contains `marker`.
    static func contains(_ path: String, marker: [UInt8]) -> Bool {
        guard case .file = kind(of: path), let bytes = FileBytes.read(path) else { return false }
        guard bytes.count >= marker.count else { return false }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<(start + marker.count)].elementsEqual(marker) { return true }
        }
        return false
    }

    private static func failure(_ what: String, _ path: String, _ error: Errno) -> TappsError {
        .repository("\(what) \(path): \(error)")
    }
}
