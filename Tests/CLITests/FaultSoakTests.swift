import Foundation
import Testing
import TestSupport

/// Issue 9's "Done when": random repository states × SIGKILL/SIGINT/SIGTERM at random moments ×
/// passing, failing, crashing, timed-out and file-changing steps, then `git tapps recover`: every
/// byte and mode of the work tree and the index as at the start (apart from reported step changes),
/// no backup, no lock and no temporary file of ours left, and the steps saw exactly the staged content.
/// `scripts/bench soak` runs the same trials by the hundred.
@Suite struct FaultSoakTests {
    @Test(arguments: 0..<30)
    func aFaultAtARandomMomentLosesNothing(seed: Int) {
        let trial = FaultSoak.run(seed: UInt64(seed))
        #expect(trial.failures.isEmpty, "\(trial.summary)")
    }

    /// `TAPPS_SOAK_TRIALS=N [TAPPS_SOAK_SEED=S] [TAPPS_SOAK_JOBS=J]`: N trials from seed S (default
    /// 1000), J at a time; prints one line per failing seed and a summary line.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TAPPS_SOAK_TRIALS"] != nil))
    func soakFromTheEnvironment() async {
        let environment = ProcessInfo.processInfo.environment
        let trials = Int(environment["TAPPS_SOAK_TRIALS"] ?? "") ?? 0
        let first = UInt64(environment["TAPPS_SOAK_SEED"] ?? "") ?? 1000
        let jobs = max(1, Int(environment["TAPPS_SOAK_JOBS"] ?? "") ?? 3)
        let started = Date()
        let failures = await withTaskGroup(of: FaultSoak.Trial.self) { group in
            var next = 0
            var failed: [FaultSoak.Trial] = []
            func add() {
                let seed = first + UInt64(next)
                next += 1
                group.addTask { FaultSoak.run(seed: seed) }
            }
            while next < min(jobs, trials) { add() }
            while let trial = await group.next() {
                if !trial.failures.isEmpty {
                    failed.append(trial)
                    print("soak failure: \(trial.summary)")
                }
                if next < trials { add() }
            }
            return failed
        }
        let seconds = Int(Date().timeIntervalSince(started))
        print("soak: \(trials) trials, \(failures.count) failures, \(seconds) s; failing seeds: \(failures.map { String($0.seed) }.sorted().joined(separator: " "))")
        #expect(failures.isEmpty, "\(failures.count) of \(trials) trials failed")
    }
}
