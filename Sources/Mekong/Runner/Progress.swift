#if canImport(Glibc)
import Glibc
#endif

/// The progress line on a terminal: documents done, rate and time left.
final class ProgressLine {
    private let total: Int?
    private let start: Double
    private var lastDraw = 0.0

    init(total: Int?) {
        self.total = total
        start = Clock.now()
    }

    func update(done: Int, failed: Int, force: Bool = false) {
        let now = Clock.now()
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        let elapsed = max(now - start, 1e-6)
        let rate = Double(done) / elapsed
        var line = ""
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            line += "\(done)/\(total) docs"
            if rate > 0 && done < total { line += ", ETA \(Clock.format(Double(total - done) / rate))" }
        } else {
            line += "\(done) docs"
        }
        line += ", \(String(format1: rate)) docs/s"
        if failed > 0 { line += ", \(failed) failed" }
        StandardError.write("\r\u{1B}[2K" + line)
    }

    func clear() {
        StandardError.write("\r\u{1B}[2K")
    }
}

enum Clock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(s % 60)s" }
        return "\(s / 3600)h\((s % 3600) / 60)m"
    }
}

enum ProcessStats {
    /// Peak resident memory of this process in bytes (VmHWM), when /proc tells it.
    static func peakResidentBytes() -> Int? {
        guard let bytes = try? FileIO.readAll("/proc/self/status") else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}

extension String {
    /// A number with one decimal, without Foundation.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(abs(tenths % 10))"
    }
}

/// Unbuffered writes to standard error (descriptor 2), safe from any thread.
public enum StandardError {
    public static func write(_ text: String) {
        let bytes = Array(text.utf8)
        try? FileIO.writeAll(fd: 2, bytes, path: "stderr")
    }

    public static var isTerminal: Bool { isatty(2) == 1 }
}

/// Seconds on a monotonic clock, for timing.
public enum MonotonicClock {
    public static func seconds() -> Double { Clock.now() }
}

/// The peak resident memory of this process so far, in bytes.
public enum PeakMemory {
    public static var bytes: Int? { ProcessStats.peakResidentBytes() }
}
