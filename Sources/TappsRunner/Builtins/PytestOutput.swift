import TappsCore

/// Parses pytest's short test summary (`-rfE`): `FAILED path::test - message` and `ERROR path - message`.
enum PytestOutput {
    static func findings(in output: String) -> [Finding] {
        output.split(whereSeparator: \.isNewline).compactMap { findingFromLine(String($0)) }
    }

    static func findingFromLine(_ line: String) -> Finding? {
        let body: Substring
        if line.hasPrefix("FAILED ") {
            body = line.dropFirst("FAILED ".count)
        } else if line.hasPrefix("ERROR ") {
            body = line.dropFirst("ERROR ".count)
        } else {
            return nil
        }
        let (nodeID, message) = splitNodeID(body)
        guard !nodeID.isEmpty, !nodeID.hasPrefix(" ") else { return nil }
        let file = nodeID.firstRange(of: "::").map { String(nodeID[..<$0.lowerBound]) } ?? nodeID
        let isFailure = line.hasPrefix("FAILED")
        let text = message ?? (isFailure ? "test failed" : "error")
        return Finding(file: RepoPath(file), severity: "error", code: nodeID,
                       message: isFailure ? text : "error: \(text)")
    }

    /// Splits `node id - message` at the first " - " outside the node id's `[parameters]`.
    static func splitNodeID(_ body: Substring) -> (String, String?) {
        var depth = 0
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            if character == "[" { depth += 1 } else if character == "]" { depth = max(0, depth - 1) }
            if depth == 0, body[index...].hasPrefix(" - ") {
                let message = body[body.index(index, offsetBy: 3)...]
                return (String(body[..<index]), String(message))
            }
            index = body.index(after: index)
        }
        return (String(body), nil)
    }
}
