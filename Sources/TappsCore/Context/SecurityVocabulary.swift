/// Words in paths that mark security-sensitive code, grouped by topic.
enum SecurityVocabulary {
    static func topic(of word: String) -> String? { topics[word] }

    private static let topics: [String: String] = {
        let groups: [String: [String]] = [
            "auth": ["auth", "authn", "authz", "authentication", "authorization", "authorize", "oauth", "oauth2",
                     "oidc", "saml", "sso", "login", "logout", "signin", "signup", "password", "passwords",
                     "passwd", "credential", "credentials", "session", "sessions", "jwt", "mfa", "totp", "2fa"],
            "crypto": ["crypto", "cryptography", "encrypt", "encryption", "decrypt", "cipher", "hmac", "keystore",
                       "keychain", "tls", "ssl", "cert", "certs", "certificate", "certificates", "signing"],
            "secrets": ["secret", "secrets", "vault", "apikey", "apikeys", "token", "tokens"],
            "payments": ["payment", "payments", "billing", "invoice", "invoices", "checkout", "stripe", "paypal",
                         "wallet", "ledger", "refund", "refunds", "subscription", "subscriptions"],
            "permissions": ["permission", "permissions", "acl", "acls", "rbac", "iam", "policy", "policies",
                            "role", "roles", "privilege", "privileges", "sandbox"],
            "migrations": ["migration", "migrations", "migrate", "alembic", "schema"],
            "security": ["security", "sanitize", "sanitizer", "csrf", "xss", "cors", "firewall"],
        ]
        var map: [String: String] = [:]
        for (topic, words) in groups { for word in words { map[word] = topic } }
        return map
    }()
}
