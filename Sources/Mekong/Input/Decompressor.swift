import CBzip2
import CZlib
import CZstd
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a file (or of standard input) in chunks, decompressed on the way when they
/// are gzip, bzip2 or zstd — told by their first bytes, whatever the name says. Several gzip
/// members, bzip2 streams or zstd frames one after another — as WARC writers, parallel
/// compressors and appending writers produce — read as one stream. Readers of lines, of
/// records and of whole documents build on it. Each call hands out at most 256 KiB, so a
/// reader that stops at a limit never holds much more than the limit, however well the data
/// compresses.
final class Decompressor {
    enum Codec: Sendable {
        case plain, gzip, bzip2, zstd

        /// The codec whose magic number starts `head` (at least 4 bytes for every codec).
        static func sniff(_ head: some Collection<UInt8>) -> Codec {
            let b = Array(head.prefix(4))
            if b.count >= 3 && b[0] == 0x1F && b[1] == 0x8B && b[2] == 0x08 { return .gzip }
            if b.count >= 4 && b[0] == 0x28 && b[1] == 0xB5 && b[2] == 0x2F && b[3] == 0xFD { return .zstd }
            // "BZh" and a block size digit: "BZh" alone starts English words.
            if b.count >= 4 && b[0] == 0x42 && b[1] == 0x5A && b[2] == 0x68 && (0x31...0x39).contains(b[3]) { return .bzip2 }
            return .plain
        }

        /// The name in messages: `gzip`.
        var name: String {
            switch self {
            case .plain: return "plain"
            case .gzip: return "gzip"
            case .bzip2: return "bzip2"
            case .zstd: return "zstd"
            }
        }

        /// The file name suffixes that say a codec (`.gz`, `.bz2`, `.zst`), lower case.
        static let suffixes = [".gz", ".gzip", ".bz2", ".zst", ".zstd"]

        /// A name without its compression suffix: `a.jsonl.gz` → `a.jsonl`.
        static func strippingSuffix(_ name: String) -> String {
            let lower = name.lowercased()
            guard let s = suffixes.first(where: { lower.hasSuffix($0) }) else { return name }
            return String(name.dropLast(s.count))
        }
    }

    let path: String
    let codec: Codec
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// Bytes already read from the descriptor by the caller (standard input's first bytes,
    /// read to tell its codec), handed out before anything more is read.
    private var prefix: [UInt8]
    private var prefixOffset = 0
    private var zs = z_stream()
    private var bz = bz_stream()
    private var zstd: OpaquePointer?
    private var zin = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    private static let chunk = 1 << 18
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: Decompressor.chunk)
    private var inputEOF = false
    private var ended = false
    /// Whether the last call filled its output: the codec may hold more for the next one.
    private var outputWasFull = false
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
    /// Whether a gzip member, bzip2 stream or zstd frame has begun and not ended.
    private var memberOpen = false
    /// Whether the bytes `next()` returned last ended a gzip member or a zstd frame.
    private(set) var memberJustEnded = false
    /// The compressed bytes up to the end of the last gzip member or zstd frame that ended:
    /// where a file of whole members can be cut (a resumed compressed output).
    private(set) var compressedOffsetOfLastMemberEnd: Int64 = 0

    /// Whether a corrupt gzip member is left for the next one (noted in `damage`) rather than
    /// ending the stream with an error: for WARC files, where each member is a record.
    let skipsDamagedMembers: Bool

    init(path: String, skipsDamagedMembers: Bool = false) throws(FileIOError) {
        self.skipsDamagedMembers = skipsDamagedMembers
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .errno(path, "cannot open") }
        self.fd = fd
        self.ownsDescriptor = true
        self.path = path
        var magic = [UInt8](repeating: 0, count: 4)
        var n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, 0) }
        if n < 0 && errno == ESPIPE {
            // A pipe (a FIFO, `<(zcat …)`): its first bytes can only be read once; they are
            // handed out again before the rest.
            n = 0
            while n < 4 {
                let got = magic.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + n, 4 - n) }
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                n += got
            }
            self.prefix = Array(magic.prefix(n))
        } else {
            self.prefix = []
        }
        codec = Codec.sniff(magic.prefix(max(0, n)))
        do { try startCodec() } catch { close(fd); throw error }
    }

    /// Reads an open descriptor it does not own (standard input), after `prefix`, the bytes
    /// already taken from it; the codec comes from them.
    init(fd: Int32, path: String, prefix: [UInt8]) throws(FileIOError) {
        self.skipsDamagedMembers = false
        self.fd = fd
        self.ownsDescriptor = false
        self.path = path
        self.prefix = prefix
        codec = Codec.sniff(prefix)
        try startCodec()
    }

    private func startCodec() throws(FileIOError) {
        switch codec {
        case .gzip: guard mk_inflate_init(&zs) == Z_OK else { throw FileIOError(path: path, reason: "cannot start zlib") }
        case .bzip2: guard BZ2_bzDecompressInit(&bz, 0, 0) == BZ_OK else { throw FileIOError(path: path, reason: "cannot start bzip2") }
        case .zstd:
            zstd = ZSTD_createDStream()
            guard let zstd, ZSTD_isError(ZSTD_initDStream(zstd)) == 0 else { throw FileIOError(path: path, reason: "cannot start zstd") }
        case .plain: break
        }
    }

    deinit {
        switch codec {
        case .gzip: inflateEnd(&zs)
        case .bzip2: BZ2_bzDecompressEnd(&bz)
        case .zstd: if let zstd { ZSTD_freeDStream(zstd) }
        case .plain: break
        }
        input.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// Up to `count` bytes into `buffer`: the prefix first, then the descriptor.
    private func readInput(_ buffer: UnsafeMutableRawPointer, _ count: Int) throws(FileIOError) -> Int {
        if prefixOffset < prefix.count {
            let n = min(count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + prefixOffset, byteCount: n) }
            prefixOffset += n
            if prefixOffset == prefix.count { prefix = [] ; prefixOffset = 0 }
            return n
        }
        while true {
            let n = Glibc.read(fd, buffer, count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .errno(path, "cannot read") }
            return n
        }
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
            let got = try readInput(input + keep, Self.chunk - keep)
            if got == 0 { inputEOF = true }
            bytesRead += Int64(got)
            zs.next_in = input
            zs.avail_in = UInt32(keep + got)
            if got == 0 { zs.avail_in = 0; return }
        }
    }

    /// Reads more of the file into `input`; the count, 0 at its end.
    private func refill() throws(FileIOError) -> Int {
        let n = try readInput(input, Self.chunk)
        if n == 0 { inputEOF = true }
        bytesRead += Int64(n)
        return n
    }

    private func truncated() -> FileIOError {
        FileIOError(path: path, reason: "the \(codec.name) data ends in the middle of a \(codec == .gzip ? "member" : codec == .zstd ? "frame" : "stream") (truncated file)")
    }

    /// The next bytes of the (decompressed) stream, possibly none this time; nil at its end.
    func next() throws(FileIOError) -> [UInt8]? {
        guard !ended else { return nil }
        memberJustEnded = false
        var out = [UInt8](repeating: 0, count: Self.chunk)
        switch codec {
        case .plain:
            var n = 0
            var failure: FileIOError?
            out.withUnsafeMutableBytes { b in
                do throws(FileIOError) { n = try readInput(b.baseAddress!, b.count) } catch { failure = error }
            }
            if let failure { throw failure }
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
            if zs.avail_in == 0 && inputEOF && !outputWasFull {
                // The file ends: between members, or inside one (cut short).
                if memberOpen { throw truncated() }
                ended = true
                return nil
            }
            if zs.avail_in > 0 { memberOpen = true }
            let (rc, count) = out.withUnsafeMutableBufferPointer { o -> (Int32, Int) in
                zs.next_out = o.baseAddress
                zs.avail_out = UInt32(o.count)
                let rc = inflate(&zs, Z_NO_FLUSH)
                return (rc, o.count - Int(zs.avail_out))
            }
            outputWasFull = count == out.count
            produced += Int64(count)
            switch rc {
            case Z_OK, Z_BUF_ERROR:
                if rc == Z_BUF_ERROR && zs.avail_in == 0 && inputEOF && memberOpen { throw truncated() }
            case Z_STREAM_END:
                // Another member may follow (one per WARC record).
                if skipsDamagedMembers { memberEnds.append(produced) }
                memberOpen = false
                memberJustEnded = true
                compressedOffsetOfLastMemberEnd = bytesRead - Int64(zs.avail_in)
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
                throw FileIOError(path: path, reason: "corrupt gzip data (\(zs.msg.map { String(cString: $0) } ?? "zlib error \(rc)"))")
            }
            return Array(out[0..<count])
        case .bzip2:
            if bz.avail_in == 0 && !inputEOF {
                let n = try refill()
                bz.next_in = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
                bz.avail_in = UInt32(n)
            }
            if bz.avail_in == 0 && inputEOF && !outputWasFull {
                if memberOpen { throw truncated() }
                ended = true
                return nil
            }
            if bz.avail_in > 0 { memberOpen = true }
            let (rc, count) = out.withUnsafeMutableBufferPointer { o -> (Int32, Int) in
                bz.next_out = UnsafeMutableRawPointer(o.baseAddress!).assumingMemoryBound(to: CChar.self)
                bz.avail_out = UInt32(o.count)
                let rc = BZ2_bzDecompress(&bz)
                return (rc, o.count - Int(bz.avail_out))
            }
            outputWasFull = count == out.count
            switch rc {
            case BZ_OK: break
            case BZ_STREAM_END:
                // Another stream may follow: start again with the input that is left.
                memberOpen = false
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
        case .zstd:
            if zin.pos == zin.size && !inputEOF {
                let n = try refill()
                zin = ZSTD_inBuffer(src: UnsafeRawPointer(input), size: n, pos: 0)
            }
            if zin.pos == zin.size && inputEOF && !outputWasFull {
                if memberOpen { throw truncated() }
                ended = true
                return nil
            }
            if zin.pos < zin.size { memberOpen = true }
            let (rc, count) = out.withUnsafeMutableBufferPointer { o -> (Int, Int) in
                var zout = ZSTD_outBuffer(dst: o.baseAddress, size: o.count, pos: 0)
                let rc = ZSTD_decompressStream(zstd, &zout, &zin)
                return (rc, zout.pos)
            }
            if ZSTD_isError(rc) != 0 {
                throw FileIOError(path: path, reason: "corrupt zstd data (\(String(cString: ZSTD_getErrorName(rc))))")
            }
            outputWasFull = count == out.count
            // 0: a frame ended and all of it was handed out; another may follow.
            if rc == 0 && memberOpen {
                memberOpen = false
                memberJustEnded = true
                compressedOffsetOfLastMemberEnd = bytesRead - Int64(zin.size - zin.pos)
            }
            produced += Int64(count)
            return Array(out[0..<count])
        }
    }
}
