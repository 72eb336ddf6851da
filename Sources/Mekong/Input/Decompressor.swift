import CBzip2
import CZlib
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a file in chunks, decompressed on the way when the file is gzip or bzip2 (chosen
/// by its first bytes). Several gzip members or bzip2 streams one after another — as WARC
/// writers and parallel compressors produce — read as one stream. Readers of lines and of
/// records build on it.
final class Decompressor {
    enum Codec { case plain, gzip, bzip2 }
    let path: String
    let codec: Codec
    private let fd: Int32
    private var zs = z_stream()
    private var bz = bz_stream()
    private static let chunk = 1 << 18
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: Decompressor.chunk)
    private var inputEOF = false
    private var ended = false
    /// Bytes read from the file so far (compressed, when it is), for progress.
    private(set) var bytesRead: Int64 = 0
    /// Decompressed bytes handed out so far.
    private var produced: Int64 = 0
    /// Where gzip members ended, as offsets in the decompressed stream, oldest first (the
    /// reader takes them): a WARC writer puts one record in each, so a damaged record can be
    /// left at its member's end. Kept for WARC files only (`skipsDamagedMembers`).
    var memberEnds: [Int64] = []
    /// Where corrupt gzip members were left (offsets in the decompressed stream), and why.
    var damage: [(offset: Int64, reason: String)] = []
    /// Whether a gzip member has begun and not ended.
    private var memberOpen = false

    /// Whether a corrupt gzip member is left for the next one (noted in `damage`) rather than
    /// ending the stream with an error: for WARC files, where each member is a record.
    let skipsDamagedMembers: Bool

    init(path: String, skipsDamagedMembers: Bool = false) throws(FileIOError) {
        self.skipsDamagedMembers = skipsDamagedMembers
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

    /// Passes over compressed bytes to the next gzip member header (1F 8B 08), not at the
    /// very next byte (the header there may be the damaged one); at the end of the file if none.
    private func skipToNextMember() throws(FileIOError) {
        var first = true
        while true {
            let n = Int(zs.avail_in)
            if let start = zs.next_in {
                var i = first ? 1 : 0
                while i + 2 < n {
                    if start[i] == 0x1F && start[i + 1] == 0x8B && start[i + 2] == 0x08 {
                        zs.next_in = start + i
                        zs.avail_in = UInt32(n - i)
                        return
                    }
                    i += 1
                }
            }
            first = false
            // Keep the last two bytes: a header may straddle the chunks.
            let keep = min(n, 2)
            if keep > 0, let start = zs.next_in { input.update(from: start + (n - keep), count: keep) }
            if inputEOF { zs.avail_in = 0; return }
            let got = Glibc.read(fd, input + keep, Self.chunk - keep)
            if got < 0 { throw .errno(path, "cannot read") }
            if got == 0 { inputEOF = true }
            bytesRead += Int64(max(got, 0))
            zs.next_in = input
            zs.avail_in = UInt32(keep + max(got, 0))
            if got == 0 { zs.avail_in = 0; return }
        }
    }

    /// Reads more of the file into `input`; the count, 0 at its end.
    private func refill() throws(FileIOError) -> Int {
        let n = Glibc.read(fd, input, Self.chunk)
        if n < 0 { throw .errno(path, "cannot read") }
        if n == 0 { inputEOF = true }
        bytesRead += Int64(n)
        return n
    }

    /// The next bytes of the (decompressed) stream, possibly none this time; nil at its end.
    func next() throws(FileIOError) -> [UInt8]? {
        guard !ended else { return nil }
        var out = [UInt8](repeating: 0, count: Self.chunk)
        switch codec {
        case .plain:
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw .errno(path, "cannot read") }
            if n == 0 { ended = true; return nil }
            bytesRead += Int64(n)
            produced += Int64(n)
            return Array(out[0..<n])
        case .gzip:
            if zs.avail_in == 0 && !inputEOF {
                let n = try refill()
                zs.next_in = input
                zs.avail_in = UInt32(n)
            }
            if zs.avail_in == 0 && inputEOF {
                // The file ends: between members, or inside one (cut short).
                if memberOpen { throw FileIOError(path: path, reason: "the gzip data ends in the middle of a member (truncated file)") }
                ended = true
                return nil
            }
            memberOpen = true
            let (rc, count) = out.withUnsafeMutableBufferPointer { o -> (Int32, Int) in
                zs.next_out = o.baseAddress
                zs.avail_out = UInt32(o.count)
                let rc = inflate(&zs, Z_NO_FLUSH)
                return (rc, o.count - Int(zs.avail_out))
            }
            produced += Int64(count)
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                if rc == Z_BUF_ERROR && zs.avail_in == 0 && inputEOF {
                    throw FileIOError(path: path, reason: "the gzip data ends in the middle of a member (truncated file)")
                }
            case Z_STREAM_END:
                // Another member may follow (one per WARC record).
                if skipsDamagedMembers { memberEnds.append(produced) }
                memberOpen = false
                inflateReset(&zs)
            case Z_DATA_ERROR where skipsDamagedMembers:
                // A corrupt member: its output stops here, and reading goes on at the next
                // member's header, as if the member had ended (the reader learns of it).
                damage.append((produced, "corrupt gzip data (\(zs.msg.map { String(cString: $0) } ?? "zlib error \(rc)"))"))
                memberEnds.append(produced)
                memberOpen = false
                inflateReset(&zs)
                try skipToNextMember()
            default:
                throw FileIOError(path: path, reason: "corrupt gzip data (zlib error \(rc))")
            }
            return Array(out[0..<count])
        case .bzip2:
            if bz.avail_in == 0 && !inputEOF {
                let n = try refill()
                bz.next_in = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
                bz.avail_in = UInt32(n)
            }
            if bz.avail_in == 0 && inputEOF { ended = true; return nil }
            let (rc, count) = out.withUnsafeMutableBufferPointer { o -> (Int32, Int) in
                bz.next_out = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                bz.avail_out = UInt32(o.count)
                let rc = BZ2_bzDecompress(&bz)
                return (rc, o.count - Int(bz.avail_out))
            }
            switch rc {
            case BZ_OK: break
            case BZ_STREAM_END:
                // Another stream may follow: start again with the input that is left.
                let pending = bz.next_in
                let left = bz.avail_in
                BZ2_bzDecompressEnd(&bz)
                bz = bz_stream()
                guard BZ2_bzDecompressInit(&bz, 0, 0) == BZ_OK else { throw FileIOError(path: path, reason: "cannot restart bzip2") }
                bz.next_in = pending
                bz.avail_in = left
            default:
                throw FileIOError(path: path, reason: "corrupt bzip2 data (error \(rc))")
            }
            produced += Int64(count)
            return Array(out[0..<count])
        }
    }
}
