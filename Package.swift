// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "git-tapps",
    // Built and tested on Linux only (glibc, libgit2 1.5.1). `platforms:` sets minimum deployment
    // versions of Apple platforms and cannot name Linux, so it is left out rather than claim macOS.
    products: [
        .executable(name: "git-tapps", targets: ["git-tapps"]),
        .library(name: "TappsCore", targets: ["TappsCore"]),
        .library(name: "TappsGit", targets: ["TappsGit"]),
        .library(name: "TappsRunner", targets: ["TappsRunner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // Already pinned through swift-subprocess; named here for `Errno` in TappsSystem.
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        /// The one C file: `git_libgit2_opts` is variadic, which Swift cannot call.
        .target(name: "CGitShims", dependencies: ["CLibgit2"]),
        /// Every raw system call, behind typed wrappers that throw swift-system's `Errno`.
        .target(
            name: "TappsSystem",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict
        ),
        .target(name: "TappsGit", dependencies: ["CLibgit2", "CGitShims", "TappsSystem"], swiftSettings: strict),
        .target(
            name: "TappsCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "TappsRunner",
            dependencies: [
                "TappsGit", "TappsCore", "TappsSystem",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "git-tapps",
            dependencies: [
                "TappsCore", "TappsGit", "TappsRunner", "TappsSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "TappsGitTests", dependencies: ["TappsGit", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TappsSystemTests", dependencies: ["TappsSystem"], swiftSettings: strict),
        .testTarget(name: "TappsCoreTests", dependencies: ["TappsCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "TappsRunnerTests", dependencies: ["TappsRunner", "TappsCore", "TappsGit", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CLITests",
            dependencies: ["TestSupport", "git-tapps", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
    ]
)
