import CBzip2
import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// Lines of any length from a plain, gzip or bzip2 file (chosen by its first bytes), read in
/// chunks so that a dump of any size streams in bounded memory. Multi-member gzip and
/// multi-stream bzip2 files (as parallel compressors write them) are read through.
final class CompressedLines {
    enum Codec { case plain, gzip, bzip2 }
    let path: String
    let codec: Codec
    private let fd: Int32
    private var zs = z_stream()
    private var bz = bz_stream()
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 18)
    private var inputCount = 0
    private var inputEOF = false
    private var ended = false
    private var buffer: [UInt8] = []
    private var start = 0
    /// Compressed (or plain) bytes read so far, for progress.
    private(set) var bytesRead: Int64 = 0

    init(path: String) throws(FileIOError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        self.fd = fd
        self.path = path
        var magic = [UInt8](repeating: 0, count: 3)
        let n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 3, 0) }
        if n >= 2 && magic[0] == 0x1F && magic[1] == 0x8B { codec = .gzip }
        else if n == 3 && magic == [0x42, 0x5A, 0x68] { codec = .bzip2 }  // "BZh"
        else { codec = .plain }
        switch codec {
        case .gzip: guard mk_inflate_init(&zs) == Z_OK else { close(fd); throw FileIOError(path: path, reason: "cannot start zlib") }
        case .bzip2: guard BZ2_bzDecompressInit(&bz, 0, 0) == BZ_OK else { close(fd); throw FileIOError(path: path, reason: "cannot start bzip2") }
        case .plain: break
        }
    }

    deinit {
        switch codec {
        case .gzip: inflateEnd(&zs)
        case .bzip2: BZ2_bzDecompressEnd(&bz)
        case .plain: break
        }
        input.deallocate()
        close(fd)
    }

    /// The next line without its newline, or nil at the end.
    func next() throws(FileIOError) -> ArraySlice<UInt8>? {
        var searched = start
        while true {
            if let nl = buffer[searched...].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                start = nl + 1
                return line
            }
            searched = buffer.count
            if ended {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            if start > 1 << 20 {
                buffer.removeFirst(start)
                searched -= start
                start = 0
            }
            try readMore()
        }
    }

    private func refill() throws(FileIOError) {
        guard inputCount == 0, !inputEOF else { return }
        let n = Glibc.read(fd, input, 1 << 18)
        if n < 0 { throw .errno(path, "cannot read") }
        if n == 0 { inputEOF = true } else { inputCount = n; bytesRead += Int64(n) }
    }

    private func readMore() throws(FileIOError) {
        var out = [UInt8](repeating: 0, count: 1 << 18)
        switch codec {
        case .plain:
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw .errno(path, "cannot read") }
            if n == 0 { ended = true } else { buffer.append(contentsOf: out[0..<n]); bytesRead += Int64(n) }
        case .gzip:
            if zs.avail_in == 0 { inputCount = 0; try refill(); zs.next_in = input; zs.avail_in = UInt32(inputCount) }
            if zs.avail_in == 0 && inputEOF { ended = true; return }
            let (rc, produced) = out.withUnsafeMutableBufferPointer { o -> (Int32, Int) in
                zs.next_out = o.baseAddress
                zs.avail_out = UInt32(o.count)
                let rc = inflate(&zs, Z_NO_FLUSH)
                return (rc, o.count - Int(zs.avail_out))
            }
            buffer.append(contentsOf: out[0..<produced])
            switch rc {
            case Z_OK, Z_BUF_ERROR: break
            case Z_STREAM_END: inflateReset(&zs)
            default: throw FileIOError(path: path, reason: "corrupt gzip data (zlib error \(rc))")
            }
        case .bzip2:
            if bz.avail_in == 0 {
                inputCount = 0
                try refill()
                bz.next_in = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
                bz.avail_in = UInt32(inputCount)
            }
            if bz.avail_in == 0 && inputEOF { ended = true; return }
            let (rc, produced) = out.withUnsafeMutableBufferPointer { o -> (Int32, Int) in
                bz.next_out = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                bz.avail_out = UInt32(o.count)
                let rc = BZ2_bzDecompress(&bz)
                return (rc, o.count - Int(bz.avail_out))
            }
            buffer.append(contentsOf: out[0..<produced])
            switch rc {
            case BZ_OK: break
            case BZ_STREAM_END:
                // Another stream may follow: start again with what input is left.
                let pending = bz.next_in
                let left = bz.avail_in
                BZ2_bzDecompressEnd(&bz)
                bz = bz_stream()
                guard BZ2_bzDecompressInit(&bz, 0, 0) == BZ_OK else { throw FileIOError(path: path, reason: "cannot restart bzip2") }
                bz.next_in = pending
                bz.avail_in = left
            default: throw FileIOError(path: path, reason: "corrupt bzip2 data (error \(rc))")
            }
        }
    }
}
