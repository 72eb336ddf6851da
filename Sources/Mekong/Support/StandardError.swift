#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to standard error (descriptor 2), safe from any thread.
public enum StandardError {
    public static func write(_ text: String) {
        let bytes = Array(text.utf8)
        try? FileIO.writeAll(fd: 2, bytes, path: "stderr")
    }

    public static var isTerminal: Bool { isatty(2) == 1 }
}
