import ArgumentParser
import TappsCore
import TappsRunner

extension GitTapps {
    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tokens",
            abstract: "Estimate the tokens of a text (stdin or files), as the token budget counts what git-tapps prints.",
            discussion: """
                The estimator is deterministic and calibrated per kind of text against a real BPE tokenizer \
                (scripts/calibrate-tokens); docs/guides/token-budget.md states its error per kind.
                """)

        @Option(help: "What the text is: tool-output (default), code, prose or json.")
        var kind: TextKind = .toolOutput

        @Argument(help: "Files to read (default: stdin).")
        var files: [String] = []

        @OptionGroup var output: OutputOptions

        func run() throws {
            var texts: [(String, [UInt8])] = []
            if files.isEmpty { texts.append(("-", StandardInput.readAll())) }
            for file in files {
                guard let bytes = FileBytes.read(file) else { throw TappsError.usage("cannot read \(file)") }
                texts.append((file, bytes))
            }
            let counts = texts.map { ($0.0, TokenEstimator.estimate(String(decoding: $0.1, as: UTF8.self), as: kind)) }
            if output.format == .json {
                Console.out(JSONValue.object([
                    ("kind", .string(kind.rawValue)),
                    ("tokens", .int(counts.reduce(0) { $0 + $1.1 })),
                    ("files", .array(counts.map { .object([("file", .string($0.0)), ("tokens", .int($0.1))]) })),
                ]).serialized(pretty: output.indentsJSON))
            } else if counts.count == 1 {
                Console.out(String(counts[0].1))
            } else {
                for (file, tokens) in counts { Console.out("\(tokens)\t\(file)") }
                Console.out("\(counts.reduce(0) { $0 + $1.1 })\ttotal")
            }
        }
    }
}

extension TextKind: ExpressibleByArgument {}
