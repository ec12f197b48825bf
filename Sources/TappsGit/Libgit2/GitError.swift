import CLibgit2

/// An error reported by libgit2: its return code, its error class and its message.
public struct GitError: Error, CustomStringConvertible, Sendable, Equatable {
    /// libgit2's return code (`git_error_code`, e.g. `GIT_ENOTFOUND`, `GIT_EMODIFIED`).
    public let code: Int32
    /// libgit2's error class (`git_error_t`, e.g. `GIT_ERROR_INDEX`).
    public let errorClass: Int32
    /// The message libgit2 gave, or a generic one when it gave none.
    public let message: String

    public init(code: Int32, errorClass: Int32, message: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
    }

    public var description: String { message }

    /// The object, reference or repository was not found (`GIT_ENOTFOUND`).
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    /// A compare-and-swap update lost the race (`GIT_EMODIFIED`).
    public var isModified: Bool { code == GIT_EMODIFIED.rawValue }
    /// The target already exists (`GIT_EEXISTS`).
    public var isExisting: Bool { code == GIT_EEXISTS.rawValue }
    /// A lock file is held by someone else (`GIT_ELOCKED`).
    public var isLocked: Bool { code == GIT_ELOCKED.rawValue }
    /// HEAD points at a branch with no commit yet (`GIT_EUNBORNBRANCH`).
    public var isUnbornBranch: Bool { code == GIT_EUNBORNBRANCH.rawValue }
}

/// Turns a libgit2 return code into a thrown ``GitError``; every libgit2 call goes through here.
///
/// The error message is read from `git_error_last` and then cleared, so a stale message never
/// leaks into the next error.
@discardableResult
func check(_ result: Int32) throws(GitError) -> Int32 {
    guard result < 0 else { return result }
    throw GitError.takeLast(code: result)
}

extension GitError {
    /// Reads and clears libgit2's thread-local last error.
    static func takeLast(code: Int32) -> GitError {
        var message = "libgit2 error \(code)"
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            if let text = last.pointee.message { message = String(cString: text) }
            errorClass = last.pointee.klass
        }
        git_error_clear()
        return GitError(code: code, errorClass: errorClass, message: message)
    }
}
