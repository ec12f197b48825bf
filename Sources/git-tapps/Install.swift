import ArgumentParser

extension GitTapps {
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "TODO")
        func run() async throws {}
    }
}
