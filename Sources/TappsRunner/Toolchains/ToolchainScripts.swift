import TappsCore

/// A marker line the toolchain scripts print before each group, so paths in the tool's output (relative to
/// the module or package directory it ran in) can be made repository-relative again.
enum DirectoryMarker {
    static let prefix = "tapps-dir: "

    static func echo(_ directory: String) -> String { "echo \(ShellQuote.quote(prefix + directory))" }
}

enum ShellQuote {
    static func quote(_ text: String) -> String { "'" + text.replacing("'", with: "'\\''") + "'" }
}

/// `go vet` on the packages of the staged files: once per module (the nearest `go.mod`), with the package
/// directories as `./dir`; files outside any module are vetted as file arguments, per directory.
enum GoVet {
    static func command(go: String, files: [RepoPath], project: ProjectFiles) -> [String] {
        var modules: [String: Set<String>] = [:]
        var loose: [String: [String]] = [:]
        for file in files {
            let directory = file.directory
            if let module = project.nearest("go.mod", for: file) {
                let relative = module.isEmpty ? directory : String(directory.dropFirst(module.count).drop(while: { $0 == "/" }))
                modules[module, default: []].insert(relative.isEmpty ? "." : "./" + relative)
            } else {
                loose[directory, default: []].append(file.fileName)
            }
        }
        var script = ["status=0"]
        for (module, packages) in modules.sorted(by: { $0.key < $1.key }) {
            script.append(DirectoryMarker.echo(module))
            let arguments = packages.sorted().map(ShellQuote.quote).joined(separator: " ")
            script.append("(cd \(ShellQuote.quote(module.isEmpty ? "." : module)) && exec \(ShellQuote.quote(go)) vet \(arguments)) 2>&1 || status=1")
        }
        for (directory, names) in loose.sorted(by: { $0.key < $1.key }) {
            script.append(DirectoryMarker.echo(directory))
            let arguments = names.sorted().map(ShellQuote.quote).joined(separator: " ")
            script.append("(cd \(ShellQuote.quote(directory.isEmpty ? "." : directory)) && exec \(ShellQuote.quote(go)) vet \(arguments)) 2>&1 || status=1")
        }
        script.append("exit $status")
        return ["/bin/sh", "-c", script.joined(separator: "\n"), "go-vet"]
    }
}

/// `cargo check` once per package whose `Cargo.toml` covers staged files, `--offline`: a commit hook never
/// downloads (a package whose dependencies were never fetched fails with cargo's own message to do so).
enum CargoCheck {
    static func command(cargo: String, manifests: [String]) -> [String] {
        var script = ["status=0"]
        for manifest in manifests {
            let directory = manifest == "Cargo.toml" ? "" : String(manifest.dropLast("/Cargo.toml".count))
            script.append(DirectoryMarker.echo(directory))
            script.append("(cd \(ShellQuote.quote(directory.isEmpty ? "." : directory)) && exec \(ShellQuote.quote(cargo)) check --offline --quiet --message-format=short) 2>&1 || status=1")
        }
        script.append("exit $status")
        return ["/bin/sh", "-c", script.joined(separator: "\n"), "cargo-check"]
    }
}
