import TappsCore
import TappsGit

extension CheckpointStore {
    /// Drops completed checkpoints and those whose latest state is older than `days` days, plus refs that do not
    /// hold a readable checkpoint. Returns the dropped ids (ref names' last components), oldest first.
    public static func prune(olderThan days: Int, in repository: Repository) throws(TappsError) -> [String] {
        let cutoff = ISOTime.nowEpoch - Int64(days) * 86_400
        var dropped: [String] = []
        for entry in try list(in: repository).reversed() {
            let reference: String
            switch entry {
            case .success(let stored):
                let age = ISOTime.epoch(stored.checkpoint.createdAt) ?? 0
                guard stored.checkpoint.reason == .completed || age < cutoff else { continue }
                reference = stored.reference
            case .failure(let problem):
                reference = problem.reference
            }
            do { try repository.deleteReference(reference) } catch {
                throw .repository("cannot delete \(reference): \(error.message)")
            }
            dropped.append(String(reference.dropFirst(prefix.count)))
        }
        return dropped
    }
}

/// Text and JSON for `git tapps checkpoints`.
public enum CheckpointReport {
    /// One object per checkpoint (no step outputs): what `list --format json` prints as an array.
    public static func summaryJSON(_ stored: StoredCheckpoint) -> JSONValue {
        let checkpoint = stored.checkpoint
        return .object([
            ("id", .string(checkpoint.id)),
            ("ref", .string(stored.reference)),
            ("commit", .string(stored.commit.hex)),
            ("reason", .string(checkpoint.reason.rawValue)),
            ("resumable", .bool(checkpoint.isResumable)),
            ("preset", .string(checkpoint.preset)),
            ("created_at", .string(checkpoint.createdAt)),
            ("staged_tree", .string(checkpoint.stagedTree)),
            ("completed_steps", .array(checkpoint.completed.map { .string($0.name) })),
            ("pending_steps", .array(checkpoint.pending.map { .string($0.name) })),
            ("tokens_consumed", .int(checkpoint.tokensConsumed)),
            ("tokens_remaining", checkpoint.tokensRemaining.map { .int($0) } ?? .null),
            ("states", .int(stored.states)),
        ])
    }

    /// The summary plus every step's result and full output.
    public static func detailJSON(_ stored: StoredCheckpoint) -> JSONValue {
        guard case .object(var pairs) = summaryJSON(stored) else { return summaryJSON(stored) }
        let steps = stored.checkpoint.completed + stored.checkpoint.pending
        pairs.append(("steps", .array(steps.map { result in
            guard case .object(var fields) = RunReport.json(result) else { return RunReport.json(result) }
            fields.removeAll { $0.0 == "output" }
            fields.append(("output", .string(result.output)))
            return .object(fields)
        })))
        return .object(pairs)
    }

    public static func listText(_ entries: [Result<StoredCheckpoint, CheckpointProblem>]) -> String {
        guard !entries.isEmpty else { return "No checkpoints." }
        return entries.map { entry -> String in
            switch entry {
            case .success(let stored):
                let checkpoint = stored.checkpoint
                let state = checkpoint.isResumable ? "\(checkpoint.reason.rawValue), \(checkpoint.pending.count) pending" : checkpoint.reason.rawValue
                return "\(checkpoint.id)  \(checkpoint.createdAt)  \(checkpoint.preset)  \(state)  (done: \(checkpoint.completed.count), tokens: \(checkpoint.tokensConsumed))"
            case .failure(let problem):
                return "\(problem.reference)  unreadable: \(problem.message)"
            }
        }.joined(separator: "\n")
    }

    public static func showText(_ stored: StoredCheckpoint) -> String {
        let checkpoint = stored.checkpoint
        var lines = [
            "checkpoint \(checkpoint.id) (\(stored.reference), \(stored.states) state\(stored.states == 1 ? "" : "s"))",
            "reason:      \(checkpoint.reason.rawValue)",
            "created at:  \(checkpoint.createdAt)",
            "preset:      \(checkpoint.preset)",
            "staged tree: \(checkpoint.stagedTree)",
            "tokens:      \(checkpoint.tokensConsumed) used" + (checkpoint.tokensRemaining.map { ", \($0) left of \(checkpoint.budgetTotal ?? 0)" } ?? ""),
        ]
        for result in checkpoint.completed {
            lines.append("  done     \(result.name) (\(result.phase.rawValue)): \(result.status.rawValue)" + (result.note.map { " — \($0)" } ?? ""))
        }
        for result in checkpoint.pending {
            lines.append("  pending  \(result.name) (\(result.phase.rawValue))" + (result.note.map { " — \($0)" } ?? ""))
        }
        if checkpoint.isResumable { lines.append("resume with `git tapps resume \(checkpoint.id)`") }
        return lines.joined(separator: "\n")
    }
}
