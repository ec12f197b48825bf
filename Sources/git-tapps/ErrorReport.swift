import TappsCore
import TappsRunner

/// How a command that failed before doing its work says so: one line on stderr, or with `--format json` a JSON
/// document on stdout (`{"error": {"message", "file", "line", "column"}, "exit_code": 2}`), so that an agent
/// reading JSON reads errors too.
enum ErrorReport {
    /// True when the command line asks for JSON (`--format json` or `--format=json`), even if it did not parse.
    static var wantsJSON: Bool {
        let arguments = Array(CommandLine.arguments.dropFirst())
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--format=json" { return true }
            if argument == "--format", index + 1 < arguments.count, arguments[index + 1] == "json" { return true }
        }
        return false
    }

    /// Prints `error` the way the command line asked for.
    static func print(_ error: TappsError, exitCode: Int32 = 2) {
        if case .config(let config) = error {
            print(message: config.message, file: config.file, line: config.line > 0 ? config.line : nil,
                  column: config.column > 0 ? config.column : nil, fallback: error.description, exitCode: exitCode)
        } else {
            print(message: error.description, fallback: error.description, exitCode: exitCode)
        }
    }

    /// Prints a located or plain error; `fallback` is the stderr line.
    static func print(message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
                      fallback: String, exitCode: Int32 = 2) {
        guard wantsJSON else {
            Console.error(fallback)
            return
        }
        let document = JSONValue.object([
            ("error", .object([
                ("message", .string(message)),
                ("file", file.map(JSONValue.string) ?? .null),
                ("line", line.map { .int($0) } ?? .null),
                ("column", column.map { .int($0) } ?? .null),
            ])),
            ("exit_code", .int(Int(exitCode))),
        ])
        Console.out(document.serialized(pretty: Console.isTerminal(1)))
    }
}
