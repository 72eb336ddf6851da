#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or a descriptor line by line without loading it whole.
public final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// Where the bytes come from when they are decompressed on the way.
    private let source: Decompressor?
    public let path: String
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    /// The number of the line last returned, 1-based.
    public private(set) var lineNumber = 0

    public init(path: String) throws(FileIOError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        self.fd = fd
        self.ownsDescriptor = true
        self.source = nil
        self.path = path
    }

    public init(fd: Int32, path: String, prefix: [UInt8] = []) {
        self.fd = fd
        self.ownsDescriptor = false
        self.source = nil
        self.path = path
        self.buffer = prefix
    }

    /// The lines of a file that may be compressed (gzip, bzip2, zstd: told by its first
    /// bytes), decompressed as they are read.
    public convenience init(decompressing path: String) throws(FileIOError) {
        self.init(source: try Decompressor(path: path), path: path)
    }

    /// The lines of a decompressing source, after `prefix` (decompressed bytes already taken
    /// from it).
    init(source: Decompressor, path: String, prefix: [UInt8] = []) {
        self.fd = -1
        self.ownsDescriptor = false
        self.source = source
        self.path = path
        self.buffer = prefix
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next line without its newline (and without a trailing CR), or nil at the end.
    public func next() throws(FileIOError) -> [UInt8]? {
        switch try next(limit: .max) {
        case .line(let bytes)?: return bytes
        case .tooLong?, nil: return nil
        }
    }

    /// A line, or the length of one longer than a limit, which was read past and not kept.
    public enum Line: Sendable, Equatable {
        case line([UInt8])
        case tooLong(bytes: Int)
    }

    /// The next line, or `.tooLong` for a line of more than `limit` bytes (its newline and a
    /// trailing CR aside): such a line is skipped to its end, never held whole, and reading
    /// goes on at the next one. Nil at the end.
    public func next(limit: Int) throws(FileIOError) -> Line? {
        var skipped = 0
        func finish(_ end: Int) -> Line {
            var line = Array(buffer[start..<end])
            if line.last == 0x0D { line.removeLast() }
            lineNumber += 1
            let length = skipped + line.count
            return length > limit ? .tooLong(bytes: length) : .line(line)
        }
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = finish(nl)
                start = nl + 1
                return line
            }
            if eof {
                guard start < buffer.count || skipped > 0 else { return nil }
                let line = finish(buffer.count)
                start = buffer.count
                return line
            }
            if buffer.count - start > limit {
                // Over the limit already: drop what is held (but a CR that may end the line).
                let keep = buffer.last == 0x0D ? 1 : 0
                skipped += buffer.count - start - keep
                buffer.removeFirst(buffer.count - keep)
                start = 0
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            if let source {
                if let chunk = try source.next() { buffer.append(contentsOf: chunk) } else { eof = true }
                continue
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw .errno(path, "cannot read")
            }
            if n == 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}
