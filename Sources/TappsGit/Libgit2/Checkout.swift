import CLibgit2

extension Repository {
    /// Writes `index`'s version of exactly `paths` into the work tree, like
    /// `git checkout-index --force -- <paths>`: filters such as `core.autocrlf` apply, paths are
    /// matched literally, nothing else in the work tree is touched and the index is neither
    /// updated nor written. Wraps `git_checkout_index`.
    public func checkoutIndexPaths(_ paths: [[UInt8]], from index: Index) throws(GitError) {
        guard !paths.isEmpty else { return }
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)))
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue
            | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue
            | GIT_CHECKOUT_DONT_WRITE_INDEX.rawValue
            | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH.rawValue
        let strings = CStringArray(paths)
        defer { strings.free() }
        var pointers = strings.pointers
        let result = pointers.withUnsafeMutableBufferPointer { buffer in
            options.paths = git_strarray(strings: buffer.baseAddress, count: buffer.count)
            return git_checkout_index(indexedHandle, index.pointer, &options)
        }
        try check(result)
    }
}

/// NUL-terminated copies of raw paths, for `git_strarray`; call ``free()`` when done.
struct CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ paths: [[UInt8]]) {
        pointers = paths.map { path in
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: path.count + 1)
            path.withUnsafeBytes { raw in
                UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress ?? UnsafeRawPointer(buffer), byteCount: raw.count)
            }
            buffer[path.count] = 0
            return buffer
        }
    }

    func free() {
        for pointer in pointers { pointer?.deallocate() }
    }
}
