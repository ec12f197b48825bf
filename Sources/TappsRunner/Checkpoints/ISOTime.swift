import TappsSystem

/// ISO-8601 UTC timestamps (`2026-01-29T14:30:22Z`) without Foundation.
enum ISOTime {
    static func string(epoch: Int64) -> String {
        let parts = SystemClock.calendar(epoch: epoch)
        func pad(_ value: Int32, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second))Z"
    }

    static var nowEpoch: Int64 { SystemClock.now.seconds }

    /// Seconds since the epoch for `YYYY-MM-DDTHH:MM:SS` followed by `Z` (or nothing), nil otherwise.
    static func epoch(_ text: String) -> Int64? {
        let digits = text.split(whereSeparator: { "-T:Z".contains($0) }).map { Int32($0) }
        guard digits.count == 6, digits.allSatisfy({ $0 != nil }) else { return nil }
        return SystemClock.epoch(SystemClock.CalendarTime(
            year: digits[0] ?? 1970, month: digits[1] ?? 1, day: digits[2] ?? 1,
            hour: digits[3] ?? 0, minute: digits[4] ?? 0, second: digits[5] ?? 0))
    }
}
