#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ISO-8601 UTC timestamps (`2026-01-29T14:30:22Z`) without Foundation.
enum ISOTime {
    static func string(epoch: Int64) -> String {
        var seconds = time_t(epoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }

    static var nowEpoch: Int64 { Int64(time(nil)) }

    /// Seconds since the epoch for `YYYY-MM-DDTHH:MM:SS` followed by `Z` (or nothing), nil otherwise.
    static func epoch(_ text: String) -> Int64? {
        let digits = text.split(whereSeparator: { "-T:Z".contains($0) }).map { Int32($0) }
        guard digits.count == 6, digits.allSatisfy({ $0 != nil }) else { return nil }
        var parts = tm()
        parts.tm_year = (digits[0] ?? 1970) - 1900
        parts.tm_mon = (digits[1] ?? 1) - 1
        parts.tm_mday = digits[2] ?? 1
        parts.tm_hour = digits[3] ?? 0
        parts.tm_min = digits[4] ?? 0
        parts.tm_sec = digits[5] ?? 0
        return Int64(timegm(&parts))
    }
}
