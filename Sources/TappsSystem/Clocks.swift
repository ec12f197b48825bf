#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's clocks and UTC calendar conversion (`clock_gettime`, `gmtime_r`, `timegm`).
public enum SystemClock {
    /// Seconds on the monotonic clock (for measuring durations).
    @inlinable public static var monotonicSeconds: Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Wall-clock time now.
    @inlinable public static var now: FileTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return FileTime(spec)
    }

    /// A UTC calendar date and time.
    public struct CalendarTime: Sendable, Equatable {
        public var year: Int32, month: Int32, day: Int32, hour: Int32, minute: Int32, second: Int32
        public init(year: Int32, month: Int32, day: Int32, hour: Int32, minute: Int32, second: Int32) {
            (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        }
    }

    /// The UTC calendar time of `epoch` seconds.
    public static func calendar(epoch: Int64) -> CalendarTime {
        var seconds = time_t(epoch)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return CalendarTime(year: parts.tm_year + 1900, month: parts.tm_mon + 1, day: parts.tm_mday,
                            hour: parts.tm_hour, minute: parts.tm_min, second: parts.tm_sec)
    }

    /// Seconds since the epoch of a UTC calendar time (out-of-range fields are normalised, as `timegm` does).
    public static func epoch(_ time: CalendarTime) -> Int64 {
        var parts = tm()
        parts.tm_year = time.year - 1900
        parts.tm_mon = time.month - 1
        parts.tm_mday = time.day
        parts.tm_hour = time.hour
        parts.tm_min = time.minute
        parts.tm_sec = time.second
        return Int64(timegm(&parts))
    }
}
