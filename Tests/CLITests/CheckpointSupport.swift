import Foundation
import Testing
import TestSupport

/// Repositories and readers for the budget, checkpoint and resume tests.
enum CheckpointSupport {
    /// Step `a` reports 9,500 tokens and appends to `.a-ran`; step `b` appends to `.b-ran`. With a budget of
    /// 10,000 and `--jobs 1`, `a` reaches red and `b` is left pending. `src/app.py` is staged as `x = 2`.
    static func budgetRepository(budget: String = "budget:\n  total: 10000\n", bCommand: [String]? = nil) throws -> ScratchRepository {
        let a = RunCommandTests.step("a", ["sh", "-c", "echo output of a; echo ran >> .a-ran; echo 9500 > \"$TAPPS_TOKEN_REPORT\""])
        let b = RunCommandTests.step("b", bCommand ?? ["sh", "-c", "echo ran >> .b-ran"])
        let repo = try RunCommandTests.repository(config: budget + RunCommandTests.config(a, b), install: false)
        try repo.write(".gitignore", ".a-ran\n.b-ran\n.b-clone\n.started\n.resumed\n.slow-done\n.quick-ran\n")
        try repo.commitAll("ignore markers")
        try repo.write("src/app.py", "x = 2\n")
        try repo.git("add", "src/app.py")
        return repo
    }

    static func checkpointIDs(_ repo: ScratchRepository) throws -> [String] {
        try repo.git("for-each-ref", "--format=%(refname:lstrip=3)", "refs/tapps/checkpoints/")
            .split(separator: "\n").map(String.init)
    }

    /// The `checkpoint.json` of the ref's latest state.
    static func document(_ repo: ScratchRepository, _ id: String) throws -> [String: Any] {
        let text = try repo.git("show", "refs/tapps/checkpoints/\(id):checkpoint.json")
        return try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    static func lines(_ repo: ScratchRepository, _ file: String) -> Int {
        (repo.readText(file) ?? "").split(separator: "\n").count
    }
}
