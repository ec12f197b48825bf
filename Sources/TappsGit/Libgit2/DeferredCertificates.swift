import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TappsSystem

/// Debian's libgit2 is built with mbedTLS and parses the whole CA bundle (≈140 certificates,
/// ≈3.4 ms, a sixth of a hook's run) inside `git_libgit2_init`. git-tapps never opens a network
/// connection, so that parse is deferred rather than skipped: while ``Libgit2`` initialises,
/// the bundle's path is remembered; the certificates are parsed into the very same chain when a
/// TLS session is first set up (`mbedtls_ssl_setup`), which leaves mbedTLS exactly as an eager
/// load would have, only later. A libgit2 built without mbedTLS never calls these; elsewhere
/// (other callers, any time outside initialisation) each call goes straight to mbedTLS.
///
/// The three functions below interpose mbedTLS's own by name (ELF symbol interposition: the
/// executable's definitions come first) and forward to the next definition (`RTLD_NEXT`).
enum DeferredCertificates {
    private struct State {
        var deferring = false
        /// The pending chain's address (kept as a number so that the state stays `Sendable`).
        var chain: UInt = 0
        var path: [CChar] = []
    }

    private static let state = Mutex(State())

    /// Runs `body` (libgit2's initialisation) with certificate parsing deferred.
    static func deferring(_ body: () -> Void) {
        state.withLock { $0.deferring = true }
        body()
        state.withLock { $0.deferring = false }
    }

    /// True while a bundle waits to be parsed (for tests).
    static var isPending: Bool { state.withLock { $0.chain != 0 } }

    typealias ParseFile = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32
    typealias Setup = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?) -> Int32
    typealias Certificate = @convention(c) (UnsafeMutableRawPointer?) -> Void

    static func next<T>(_ name: String, as type: T.Type) -> T? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: -1), name) else { return nil } // RTLD_NEXT
        return unsafeBitCast(symbol, to: type)
    }

    static func parseFile(_ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
        let deferred: Bool = state.withLock { state in
            guard state.deferring, let chain, let path else {
                state.chain = 0 // a later explicit load replaces a pending one
                return false
            }
            state.chain = UInt(bitPattern: chain)
            state.path = Array(UnsafeBufferPointer(start: path, count: RawMemory.cStringLength(path) + 1))
            return true
        }
        if deferred { return 0 }
        guard let real = next("mbedtls_x509_crt_parse_file", as: ParseFile.self) else { return -1 }
        return real(chain, path)
    }

    static func setup(_ context: UnsafeMutableRawPointer?, _ configuration: UnsafeRawPointer?) -> Int32 {
        loadPending()
        guard let real = next("mbedtls_ssl_setup", as: Setup.self) else { return -1 }
        return real(context, configuration)
    }

    static func free(_ chain: UnsafeMutableRawPointer?) {
        state.withLock { state in
            if state.chain != 0, state.chain == UInt(bitPattern: chain) { state.chain = 0 }
        }
        next("mbedtls_x509_crt_free", as: Certificate.self)?(chain)
    }

    /// Parses a deferred bundle now; on failure the chain is left empty, as libgit2 leaves it.
    static func loadPending() {
        state.withLock { state in
            guard let chain = UnsafeMutableRawPointer(bitPattern: state.chain) else { return }
            state.chain = 0
            guard let parse = next("mbedtls_x509_crt_parse_file", as: ParseFile.self) else { return }
            let result = state.path.withUnsafeBufferPointer { parse(chain, $0.baseAddress) }
            if result < 0 {
                next("mbedtls_x509_crt_free", as: Certificate.self)?(chain)
                next("mbedtls_x509_crt_init", as: Certificate.self)?(chain)
            }
        }
    }
}

// The interposing definitions. They are only reached through the dynamic linker.

@_cdecl("mbedtls_x509_crt_parse_file")
public func tapps_mbedtls_x509_crt_parse_file(_ chain: UnsafeMutableRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
    DeferredCertificates.parseFile(chain, path)
}

@_cdecl("mbedtls_ssl_setup")
public func tapps_mbedtls_ssl_setup(_ context: UnsafeMutableRawPointer?, _ configuration: UnsafeRawPointer?) -> Int32 {
    DeferredCertificates.setup(context, configuration)
}

@_cdecl("mbedtls_x509_crt_free")
public func tapps_mbedtls_x509_crt_free(_ chain: UnsafeMutableRawPointer?) {
    DeferredCertificates.free(chain)
}
