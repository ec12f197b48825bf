import ArgumentParser

extension GitTapps {
    struct Recover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "TODO")
        func run() async throws {}
    }
}
