import CLibgit2
import Foundation
import Testing
@testable import TappsGit

/// libgit2's CA bundle is parsed when a TLS session is first set up, not at initialisation.
@Suite struct DeferredCertificatesTests {
    @Test func theBundleIsParsedOnlyWhenTLSIsFirstUsed() throws {
        _ = Libgit2.ready
        // Only a libgit2 built with mbedTLS (Debian's) parses a bundle at initialisation.
        let usesMbedTLS = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mbedtls_ssl_conf_ca_chain") != nil
        try #require(usesMbedTLS == DeferredCertificates.isPending)
        guard usesMbedTLS else { return }
        var remote: OpaquePointer?
        #expect(git_remote_create_anonymous(&remote, nil, "https://127.0.0.1:9/nothing.git") == 0)
        defer { git_remote_free(remote) }
        // Port 9 on the loopback refuses at once; the TLS session is set up before connecting.
        #expect(git_remote_connect(remote, GIT_DIRECTION_FETCH, nil, nil, nil) < 0)
        git_error_clear()
        #expect(!DeferredCertificates.isPending)
    }
}
