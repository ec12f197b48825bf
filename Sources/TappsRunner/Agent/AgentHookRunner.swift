import TappsCore
import TappsGit
import TappsSystem

/// `git tapps agent-hook`: answers a coding agent's hook event. A shell command that commits is checked on what
/// that commit would contain — the same run as the pre-commit hook — and refused with the delta report while it
/// fails; `--no-verify` is refused; every other command is let through at once, with no repository work. A stop
/// event checks the staged change and keeps the agent working while it fails (once per turn).
public enum AgentHookRunner {
    /// What to print and the exit code. Never fails: a payload it cannot read blocks nothing (stderr says why).
    public struct Answer: Sendable {
        public var stdout: String?
        public var stderr: String?
        public var exitCode: Int32 = 0
    }

    /// Cursor ends a conversation's follow-ups itself after 5; git-tapps asks for at most this many.
    static let cursorFollowUps = 3

    public static func answer(_ payload: [UInt8], agent: AgentKind?) async -> Answer {
        let event: AgentEvent
        do {
            event = try AgentEvent.parse(payload, agent: agent)
        } catch {
            AgentHookLog.append("malformed event: \(error.message)", payload: payload, directory: nil)
            return Answer(stderr: "git-tapps agent-hook: \(error.message); nothing blocked")
        }
        let decision = await decide(event)
        return Answer(stdout: AgentReply.stdout(decision, for: event))
    }

    static func decide(_ event: AgentEvent) async -> AgentDecision {
        switch event.kind {
        case .other:
            return .allow
        case .shellCommand(let command):
            let commits = CommitCommand.find(in: command)
            guard !commits.isEmpty else { return .allow }
            if commits.contains(where: \.noVerify) {
                return .deny(reason: """
                    git-tapps: `git commit --no-verify` (or -n) skips the checks that must pass before a commit. \
                    Run the commit without --no-verify/-n. To leave out one step: SKIP=<step> git commit …
                    """)
            }
            for commit in commits where !commit.dryRun && !isTruthy(commit.environment["TAPPS_SKIP"]) {
                if case .deny(let reason) = await check(commit, event: event) { return .deny(reason: reason) }
            }
            return .allow
        case .stop(let alreadyContinued, let loopCount):
            if alreadyContinued && event.agent != .cursor { return .allow }
            if event.agent == .cursor && loopCount >= cursorFollowUps { return .allow }
            guard case .deny(let reason) = await check(nil, event: event) else { return .allow }
            return .keepWorking(reason: reason)
        }
    }

    /// Runs the pre-commit check for `commit` (nil: the staged change, for a stop event); `.deny` when it fails.
    static func check(_ commit: CommitCommand?, event: AgentEvent) async -> AgentDecision {
        let base = event.directory ?? currentDirectory()
        let directory = commit?.directory.map { CommitCommand.join(base, $0) } ?? base
        let previous = currentDirectory()
        // The commit itself will fail in a missing directory.
        guard (try? FileSystem.changeDirectory(directory)) != nil else { return .allow }
        defer { try? FileSystem.changeDirectory(previous) }
        let session: RepositorySession
        do {
            guard let opened = try RepositorySession.open() else { return .allow }  // not a repository: git says so
            session = opened
        } catch {
            return .deny(reason: "git-tapps cannot check this commit: \(error.description)")
        }
        if commit == nil, (try? StagedChangeReader.staged(in: session.repository, countLines: false).isEmpty) ?? true {
            return .allow
        }
        var index: CommitIndex?
        if let commit, !commit.isPlainStaged {
            do throws(TappsError) {
                index = try await CommitIndex.prepare(commit, directory: directory, session: session)
            } catch {
                return .deny(reason: "git-tapps: \(error.description)")
            }
        }
        let savedIndexVariable = EnvironmentVariables.value("GIT_INDEX_FILE")
        if let index { EnvironmentVariables.set("GIT_INDEX_FILE", to: index.path) }
        defer {
            if let savedIndexVariable {
                EnvironmentVariables.set("GIT_INDEX_FILE", to: savedIndexVariable)
            } else {
                EnvironmentVariables.remove("GIT_INDEX_FILE")
            }
            index?.remove()
        }
        var options = RunOptions()
        let skip = commit?.environment["SKIP"] ?? EnvironmentVariables.value("SKIP") ?? ""
        options.skip = Set(skip.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }.filter { !$0.isEmpty })
        options.budgetUsed = EnvironmentVariables.value("TAPPS_TOKENS_USED").flatMap { Int($0) } ?? 0
        let summary: RunSummary
        do { summary = try await HookRunner.run(options) } catch {
            return .deny(reason: "git-tapps cannot check this commit: \(error.description)")
        }
        guard summary.exitCode != 0 else { return .allow }
        let opening = commit == nil
            ? "git-tapps: the staged change fails its pre-commit checks; fix it before you finish."
            : "git-tapps: this commit would fail its pre-commit checks, so it was not run."
        return .deny(reason: AgentReply.fit(opening + "\n" + RunReport.text(summary, color: false, full: false)))
    }

    static func isTruthy(_ value: String?) -> Bool {
        value.map { TextConventions.isGitTrue($0) } ?? false
    }

    static func currentDirectory() -> String {
        FileSystem.currentDirectory() ?? "."
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var copy = Substring(self)
        while let first = copy.first, set.contains(first) { copy.removeFirst() }
        while let last = copy.last, set.contains(last) { copy.removeLast() }
        return String(copy)
    }
}
