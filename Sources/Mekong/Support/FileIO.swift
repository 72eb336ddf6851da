#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure with the path and the system's reason.
public struct FileIOError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// The document limit the source went over, when that is the failure.
    public var exceededLimit: Int? = nil
    public var description: String { "\(path): \(reason)" }

    /// A source longer than the document limit; `size` when known before reading.
    static func tooLarge(_ path: String, size: Int?, limit: Int) -> FileIOError {
        let what = path == "stdin" ? "the input" : "the file"
        return FileIOError(path: path, reason: size.map { "\(what) has \($0) bytes, more than the document limit \(limit) (--max-document-bytes)" }
                                             ?? "\(what) is longer than the document limit of \(limit) bytes (--max-document-bytes)",
                           exceededLimit: limit)
    }

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

    /// The whole file, or `FileIOError.tooLarge` as soon as it proves longer than `limit`
    /// bytes: by its size before anything is read, or while reading one that grows or has
    /// no size (a pipe), so that no more than `limit` bytes are ever held.
    public static func readAll(_ path: String, limit: Int) throws(FileIOError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        defer { close(fd) }
        return try readAll(fd: fd, path: path, limit: limit)
    }

    /// Up to `count` first bytes of a file (fewer when it is shorter).
    public static func readHead(_ path: String, count: Int) throws(FileIOError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw FileIOError(path: path, reason: "is a directory") }
        var head = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
            if n < 0 && Glibc.errno == EINTR { continue }
            if n < 0 { throw .errno(path, "cannot read") }
            if n == 0 { break }
            got += n
        }
        return Array(head[0..<got])
    }

    public static func readAll(fd: Int32, path: String, limit: Int = .max) throws(FileIOError) -> [UInt8] {
        var st = stat()
        var result: [UInt8] = []
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { throw FileIOError(path: path, reason: "is a directory") }
        if st.st_size > limit { throw .tooLarge(path, size: Int(st.st_size), limit: limit) }
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
            if result.count + n > limit { throw .tooLarge(path, size: nil, limit: limit) }
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

    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
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
