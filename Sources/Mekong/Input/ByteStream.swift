import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// Bytes read in chunks from a file, plain or gzip-compressed (any number of gzip members
/// one after another, as WARC files are written), so that a file of any size streams.
final class ByteStream {
    private let fd: Int32
    let path: String
    private let gzip: Bool
    private var stream = z_stream()
    /// zlib keeps a pointer into the input between calls, so it lives in memory we own.
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    private static let inputCapacity = 1 << 16
    private var inputEOF = false
    private var inflating = false
    /// Decompressed (or plain) bytes not yet handed out.
    private var buffer: [UInt8] = []
    private var position = 0
    private(set) var finished = false

    init(path: String) throws(FileIOError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        self.fd = fd
        self.path = path
        var magic = [UInt8](repeating: 0, count: 2)
        let n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, 0) }
        gzip = n == 2 && magic[0] == 0x1F && magic[1] == 0x8B
        if gzip {
            guard mk_inflate_init(&stream) == Z_OK else { close(fd); throw FileIOError(path: path, reason: "cannot start zlib") }
            inflating = true
        }
    }

    deinit {
        if gzip { inflateEnd(&stream) }
        input.deallocate()
        close(fd)
    }

    /// Makes at least `count` unread bytes available, if the stream has them; returns how
    /// many are available.
    @discardableResult
    func fill(_ count: Int) throws(FileIOError) -> Int {
        while buffer.count - position < count && !finished {
            if position > 1 << 20 { buffer.removeFirst(position); position = 0 }
            try readMore()
        }
        return buffer.count - position
    }

    private func readMore() throws(FileIOError) {
        if !gzip {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw .errno(path, "cannot read") }
            if n == 0 { finished = true } else { buffer.append(contentsOf: chunk[0..<n]) }
            return
        }
        if stream.avail_in == 0 && !inputEOF {
            let n = Glibc.read(fd, input, Self.inputCapacity)
            if n < 0 { throw .errno(path, "cannot read") }
            if n == 0 { inputEOF = true } else { stream.avail_in = UInt32(n); stream.next_in = input }
        }
        if stream.avail_in == 0 && inputEOF { finished = true; return }
        var out = [UInt8](repeating: 0, count: 1 << 16)
        let (rc, produced) = out.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
            stream.next_out = outBuf.baseAddress
            stream.avail_out = UInt32(outBuf.count)
            let rc = inflate(&stream, Z_NO_FLUSH)
            return (rc, outBuf.count - Int(stream.avail_out))
        }
        buffer.append(contentsOf: out[0..<produced])
        switch rc {
        case Z_OK, Z_BUF_ERROR:
            if rc == Z_BUF_ERROR && stream.avail_in == 0 && inputEOF {
                throw FileIOError(path: path, reason: "the gzip data ends in the middle of a member (truncated file)")
            }
        case Z_STREAM_END:
            // Another gzip member may follow (one per WARC record).
            inflateReset(&stream)
        default:
            throw FileIOError(path: path, reason: "corrupt gzip data (zlib error \(rc))")
        }
    }

    /// The next line without its CR LF, or nil at the end.
    func readLine(limit: Int = 1 << 16) throws(FileIOError) -> [UInt8]? {
        var searched = 0
        while true {
            if let nl = buffer[(position + searched)...].firstIndex(of: 0x0A) {
                var line = Array(buffer[position..<nl])
                if line.last == 0x0D { line.removeLast() }
                position = nl + 1
                return line
            }
            searched = buffer.count - position
            if searched > limit { throw FileIOError(path: path, reason: "a header line is longer than \(limit) bytes") }
            if finished {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                return line
            }
            try readMore()
        }
    }

    /// Up to `count` bytes (fewer only at the end of the stream).
    func read(_ count: Int) throws(FileIOError) -> [UInt8] {
        try fill(count)
        let n = min(count, buffer.count - position)
        let bytes = Array(buffer[position..<position + n])
        position += n
        return bytes
    }

    /// The next byte, without consuming it.
    func peek() throws(FileIOError) -> UInt8? {
        try fill(1) > 0 ? buffer[position] : nil
    }
}
