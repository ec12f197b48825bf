import ArgumentParser

extension GitTapps {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "TODO")
        func run() async throws {}
    }
}
