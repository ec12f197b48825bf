import Testing
@testable import TappsCore

/// `Language.of` matches names on their bytes; pinned to the reading by strings it replaces.
@Suite struct LanguageNameTests {
    @Test func theByteReadingEqualsTheStringReading() {
        var paths = ["Package.swift", "sub/Package.swift", "Makefile", "a/b/Dockerfile", "CMakeLists.txt", "x/Gemfile",
                     "Rakefile", "BUILD", "BUILD.bazel", "makefile", "a/b/c.PY", "main.go", "lib.rs", ".bashrc", "a/.hidden.sh",
                     "noext", "dir/", "a/b/", "", "/", "ünïcode.py", "dir/naïve.swift", "e\u{301}.md", "x.tar.gz", "a.", ".",
                     "trailing/slash.py/", "Package.swift/", "docs/README.MD", "x/y/z.Yml", "ümlaut/Makefile"]
        for name in Language.byName.keys { paths.append("deep/er/" + name) }
        for ext in Language.byExtension.keys { paths += ["f." + ext, "d/f." + ext.uppercased(), "d/é." + ext] }
        for path in paths {
            let repoPath = RepoPath(path)
            let byStrings = Language.byName[repoPath.fileName] ?? Language.byExtension[repoPath.fileExtension]
            #expect(Language.of(repoPath) == byStrings, "\(path)")
        }
    }
}
