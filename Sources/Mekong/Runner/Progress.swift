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
        start = MonotonicClock.seconds()
    }

    func update(done: Int, failed: Int, force: Bool = false) {
        let now = MonotonicClock.seconds()
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
            if rate > 0 && done < total { line += ", ETA \(Self.duration(Double(total - done) / rate))" }
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

    /// `42s`, `3m5s`, `1h2m`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(s % 60)s" }
        return "\(s / 3600)h\((s % 3600) / 60)m"
    }
}
