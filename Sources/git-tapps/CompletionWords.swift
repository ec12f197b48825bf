import TappsCore
import TappsRunner

/// The hidden `git tapps __complete WORD… CURRENT` the completion scripts call at each TAB: one candidate per
/// line, `value<TAB>description`. Never fails loudly: outside a repository or with a broken `.tapps.yaml` it still
/// offers the built-in presets and every command and option.
enum CompletionWords {
    static let commandName = "__complete"

    static func run(_ arguments: [String]) {
        guard let tree = CompletionTree.gitTapps() else { return }
        let engine = CompletionEngine(tree: tree, lookup: lookup)
        let words = Array(arguments.dropLast())
        let current = arguments.last ?? ""
        let lines = engine.candidates(words: words, current: current).map { candidate in
            candidate.description.isEmpty ? candidate.value
                : candidate.value + "\t" + candidate.description.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        if !lines.isEmpty { Console.out(lines.joined(separator: "\n")) }
    }

    static func lookup(_ source: CompletionEngine.Source) -> [CompletionEngine.Candidate] {
        switch source {
        case .presets(let auto):
            let catalogue = (try? PresetsCommand.catalogue()) ?? PresetCatalogue()
            return catalogue.presets.map { CompletionEngine.Candidate(value: $0.name, description: $0.summary) }
                + (auto ? [CompletionEngine.Candidate(value: "auto", description: "let the recommender pick")] : [])
        case .checkpoints:
            guard let session = try? RepositorySession.open(),
                  let entries = try? CheckpointStore.list(in: session.repository) else { return [] }
            return entries.compactMap { entry in
                guard case .success(let stored) = entry else { return nil }
                let checkpoint = stored.checkpoint
                return CompletionEngine.Candidate(
                    value: checkpoint.id,
                    description: "\(checkpoint.preset), \(checkpoint.reason.rawValue), \(checkpoint.createdAt)")
            }
        }
    }
}
