#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure with the path and the system's reason.
public struct FileIOError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }

    static func errno(_ path: String, _ what: String) -> FileIOError {
        FileIOError(path: path, reason: "\(what): \(String(cString: strerror(Glibc.errno)))")
    }
}

/// Plain POSIX file access: whole-file reads, streaming line reads, and appends that put a
/// record on disk in one write.
public enum FileIO {
    public static func readAll(_ path: String) throws(FileIOError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        defer { close(fd) }
        return try readAll(fd: fd, path: path)
    }

    public static func readAll(fd: Int32, path: String) throws(FileIOError) -> [UInt8] {
        var st = stat()
        var result: [UInt8] = []
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw FileIOError(path: path, reason: "is a directory") }
        if st.st_size > 0 {
            // A regular file's size is known: read straight into the result (a file that grew
            // meanwhile goes on below).
            let size = Int(st.st_size)
            var failed = false
            result = [UInt8](unsafeUninitializedCapacity: size) { b, count in
                while count < size {
                    let n = read(fd, b.baseAddress! + count, size - count)
                    if n < 0 && Glibc.errno == EINTR { continue }
                    if n < 0 { failed = true; break }
                    if n == 0 { break }
                    count += n
                }
            }
            if failed { throw .errno(path, "cannot read") }
            if result.count < size { return result }
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw .errno(path, "cannot read")
            }
            if n == 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }

    /// Writes all of `bytes`, retrying short writes.
    /// Writes a whole file (created or truncated).
    public static func writeAll(path: String, _ bytes: [UInt8]) throws(FileIOError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .errno(path, "cannot write") }
        defer { close(fd) }
        try writeAll(fd: fd, bytes, path: path)
    }

    public static func writeAll(fd: Int32, _ bytes: [UInt8], path: String) throws(FileIOError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if Glibc.errno == EINTR { continue }
                throw .errno(path, "cannot write")
            }
            offset += n
        }
    }

    /// Creates a folder and its missing parents, like `mkdir -p`.
    public static func makeDirectories(_ path: String) throws(FileIOError) {
        guard !path.isEmpty, !isDirectory(path) else { return }
        let parent = FilePath.directory(of: path)
        if parent != path && parent != "." && parent != "/" { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && Glibc.errno != EEXIST { throw .errno(path, "cannot create the folder") }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    public static func fileSize(_ path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    /// The entries of a folder, sorted by name, without `.` and `..` and hidden files.
    public static func listDirectory(_ path: String) throws(FileIOError) -> [String] {
        guard let dir = opendir(path) else { throw .errno(path, "cannot list") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        return names.sorted()
    }
}

/// Reads a file or a descriptor line by line without loading it whole.
public final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
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
        self.path = path
    }

    public init(fd: Int32, path: String, prefix: [UInt8] = []) {
        self.fd = fd
        self.ownsDescriptor = false
        self.path = path
        self.buffer = prefix
    }

    deinit { if ownsDescriptor { close(fd) } }

    /// The next line without its newline (and without a trailing CR), or nil at the end.
    public func next() throws(FileIOError) -> [UInt8]? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                var line = Array(buffer[start..<nl])
                if line.last == 0x0D { line.removeLast() }
                start = nl + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                if line.last == 0x0D { line.removeLast() }
                start = buffer.count
                lineNumber += 1
                return line
            }
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
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
