import TappsCore
import TappsGit

/// The parsed Markdown documents markdown-links judges, each blob parsed once per run and kept in the
/// guard-result cache: a document's links and anchors depend only on its bytes (the verdict, which needs the
/// staged tree, is worked out on every run), so a blob checked before is not read again.
final class MarkdownDocuments {
    private let content: StagedContent
    private let cache: GuardResultCache?
    private var parsed: [ObjectID: MarkdownLinks.Document] = [:]

    init(content: StagedContent, cache: GuardResultCache?) {
        self.content = content
        self.cache = cache
    }

    func document(_ id: ObjectID) throws(GitError) -> MarkdownLinks.Document {
        if let known = parsed[id] { return known }
        if let kept = cache?.document(id) {
            parsed[id] = kept
            return kept
        }
        let bytes = try content.content(id)
        let document = MarkdownLinks.Document(bytes)
        cache?.learn(document: document, of: id, size: bytes.count)
        parsed[id] = document
        return document
    }
}
