import TappsCore
import TappsGit

extension BackupPlanner {
    /// The paths to hide so that each of `paths` holds its content in `tree` (the end of a range):
    /// the file as checkout would write it, the symlink, or nothing where `tree` has no such path.
    /// Paths already holding it are left out; submodules are never touched. Throws, with nothing
    /// touched, when a path cannot hold that content.
    func plan(_ paths: [[UInt8]], at tree: Tree, revision: String) throws(TappsError) -> [PlannedPath] {
        var planned: [PlannedPath] = []
        for path in Set(paths).sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let name = RepoPath(bytes: path).quoted
            let entry = try gitStep("cannot read \(name) at \(revision)") { () throws(GitError) in try tree.entry(at: path) }
            if entry?.mode == 0o160000 || entry?.mode == 0o040000 { continue }
            guard let user = files.read(path) else {
                throw .repository("cannot read \(name) in the work tree; nothing was changed")
            }
            let parentsFit = files.parentsAreDirectories(of: path)
            if entry == nil && (user == .absent || !parentsFit) { continue } // nothing to remove there
            if user == .untouchable || !parentsFit {
                throw .repository("cannot check \(name) as it is at \(revision): a directory or a file stands in its place in the work tree. Check out \(revision) (git checkout \(revision)) and run again, or run without --to-ref. Nothing was changed.")
            }
            let indexEntry = IndexEntry(path: path, mode: entry?.mode ?? 0, id: entry?.id ?? ObjectID.blobID(of: []))
            let hidden: PathState
            if entry != nil {
                hidden = try gitStep("cannot read \(name) at \(revision)") { () throws(GitError) in
                    try stagedState(of: indexEntry)
                }
            } else {
                hidden = .absent
            }
            if user.sameContent(as: hidden) { continue }
            planned.append(PlannedPath(path: path, user: user, hidden: hidden, indexEntry: indexEntry))
        }
        return planned
    }
}
