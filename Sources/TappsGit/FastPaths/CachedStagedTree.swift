extension Repository {
    /// The tree the index would write, read from the index file's cache tree (the `TREE`
    /// extension) when its root is valid, or nil when it is not (then write the tree instead).
    ///
    /// git brings the cache tree up to date before it runs the pre-commit hook, so in a hook this
    /// is usually free; it is what `git write-tree` would print.
    public func cachedStagedTreeID() -> ObjectID? {
        guard let file = indexFile(), let offset = file.cacheTree?.idOffset,
              offset + 20 <= file.data.count else { return nil }
        let id = ObjectID(bytes: Array(file.data[offset..<offset + 20]))
        return id.isZero ? nil : id
    }
}
