/// The peak resident memory of this process so far (VmHWM), when /proc tells it.
public enum PeakMemory {
    /// In bytes.
    public static var bytes: Int? {
        guard let bytes = try? FileIO.readAll("/proc/self/status") else { return nil }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}
