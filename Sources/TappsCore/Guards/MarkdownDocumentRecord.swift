/// A parsed Markdown document (``MarkdownLinks/Document``) in the form the guard-result cache stores: one list of
/// findings-shaped entries — a link or image per entry (its line, column and target), then each anchor, and a
/// marker for a binary document — so that it needs no record type of its own.
public enum MarkdownDocumentRecord {
    static let linkMark = "link", imageMark = "image", anchorMark = "anchor", binaryMark = "binary"

    public static func encode(_ document: MarkdownLinks.Document) -> [Finding] {
        var entries: [Finding] = document.isBinary ? [Finding(file: nil, severity: binaryMark, message: "")] : []
        entries.reserveCapacity(entries.count + document.links.count + document.anchors.count)
        for link in document.links {
            entries.append(Finding(file: nil, line: link.line, column: link.column, severity: link.isImage ? imageMark : linkMark,
                                   message: link.target))
        }
        for anchor in document.anchors.sorted() { entries.append(Finding(file: nil, severity: anchorMark, message: anchor)) }
        return entries
    }

    /// The document `entries` encode, or nil when they are not such a record.
    public static func decode(_ entries: [Finding]) -> MarkdownLinks.Document? {
        var document = MarkdownLinks.Document(isBinary: false, links: [], anchors: [])
        for entry in entries {
            switch entry.severity {
            case linkMark, imageMark:
                guard let line = entry.line, let column = entry.column else { return nil }
                document.links.append(MarkdownLinks.Link(target: entry.message, line: line, column: column,
                                                         isImage: entry.severity == imageMark))
            case anchorMark: document.anchors.insert(entry.message)
            case binaryMark: document.isBinary = true
            default: return nil
            }
        }
        return document
    }
}
