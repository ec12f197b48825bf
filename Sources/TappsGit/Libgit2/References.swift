import CLibgit2

extension Repository {
    /// The id a direct reference points at, or nil when it does not exist.
    /// Wraps `git_reference_name_to_id`.
    public func referenceTarget(_ name: String) throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, objectsHandle, name)
        if result == GIT_ENOTFOUND.rawValue { git_error_clear(); return nil }
        try check(result)
        return ObjectID(oid)
    }

    /// Creates or moves `name` to `target` only if it still points at `expected`
    /// (nil: only if it does not exist yet). Loses the race with `GitError.isModified`
    /// (or `isExisting` when it was expected absent). Wraps `git_reference_create_matching`.
    public func updateReference(_ name: String, to target: ObjectID, expecting expected: ObjectID?,
                                message: String) throws(GitError) {
        var out: OpaquePointer?
        var oid = target.raw
        if let expected {
            var current = expected.raw
            try check(git_reference_create_matching(&out, objectsHandle, name, &oid, 1, &current, message))
        } else {
            try check(git_reference_create(&out, objectsHandle, name, &oid, 0, message))
        }
        git_reference_free(out)
    }

    /// Deletes `name` if it exists. Wraps `git_reference_remove`.
    public func deleteReference(_ name: String) throws(GitError) {
        let result = git_reference_remove(objectsHandle, name)
        if result == GIT_ENOTFOUND.rawValue { git_error_clear(); return }
        try check(result)
    }

    /// The names of the references matching a glob such as `refs/tapps/backup/*`, sorted.
    /// Wraps `git_reference_foreach_glob`.
    public func referenceNames(matching glob: String) throws(GitError) -> [String] {
        final class Box { var names: [String] = [] }
        let box = Box()
        let result = withExtendedLifetime(box) {
            git_reference_foreach_glob(objectsHandle, glob, { name, payload in
                guard let name, let payload else { return 0 }
                Unmanaged<Box>.fromOpaque(payload).takeUnretainedValue().names.append(String(cString: name))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
        }
        try check(result)
        return box.names.sorted()
    }
}
