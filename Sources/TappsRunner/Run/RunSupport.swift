import TappsSystem

/// Monotonic time in seconds.
enum Clock {
    static var now: Double {
        SystemClock.monotonicSeconds
    }

    static func since(_ start: Double) -> Double { now - start }
}

/// Identifiers for runs: sortable by time, unique enough across machines.
enum RunID {
    static func make() -> String {
        let parts = SystemClock.calendar(epoch: SystemClock.now.seconds)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamp = "\(parts.year)\(two(parts.month))\(two(parts.day))-\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(stamp)-\(String(repeating: "0", count: 8 - random.count))\(random)"
    }
}

/// The number of online cores (the default for `--jobs`).
enum Cores {
    static var count: Int { SystemLimits.onlineCores }
}
