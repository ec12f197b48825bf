import ArgumentParser
import TappsRunner
import TappsSystem

/// Parses, runs, and maps every failure to the contract's exit codes (usage errors are 2, not 64).
@main
enum Main {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == CompletionWords.commandName {
            CompletionWords.run(Array(arguments.dropFirst()))
            return
        }
        do {
            if let invocation = FastInvocation.parse(arguments) {
                try await invocation.perform()
            } else {
                var command = try GitTapps.parseAsRoot()
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
        } catch let error as TappsError {
            ErrorReport.print(error)
            ProcessControl.exit(2)
        } catch let exit as CommandExit {
            ProcessControl.exit(exit.code)
        } catch let error as ExitCode {
            ProcessControl.exit(error.rawValue)
        } catch {
            let code = GitTapps.exitCode(for: error)
            if code == .validationFailure {
                let message = GitTapps.message(for: error)
                ErrorReport.print(message: message, fallback: message + " (see \(UsageHint.help(for: arguments)))")
                ProcessControl.exit(2)
            }
            if code != .success, ErrorReport.wantsJSON {
                ErrorReport.print(message: GitTapps.message(for: error), fallback: "", exitCode: code.rawValue)
                ProcessControl.exit(code.rawValue)
            }
            GitTapps.exit(withError: error)
        }
    }
}
