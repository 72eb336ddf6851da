#if canImport(Glibc)
import Glibc
#endif

/// Seconds on a monotonic clock, for timing: the one clock of every layer (limits, statistics,
/// progress, benchmarks). Never goes back when the wall clock is set.
public enum MonotonicClock {
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
