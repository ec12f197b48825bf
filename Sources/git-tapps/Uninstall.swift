import ArgumentParser

extension GitTapps {
    struct Uninstall: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "TODO")
        func run() async throws {}
    }
}
