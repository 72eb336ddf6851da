import CBzip2
import CZlib
import CZstd

/// Gzip members for tests of compressed inputs, through the zlib the readers use.
enum Gzip {
    /// One gzip member holding `bytes`.
    static func member(_ bytes: [UInt8]) -> [UInt8] {
        var zs = z_stream()
        precondition(deflateInit2_(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { deflateEnd(&zs) }
        var input = bytes
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, UInt(bytes.count))) + 64)
        let produced = input.withUnsafeMutableBufferPointer { i in
            out.withUnsafeMutableBufferPointer { o -> Int in
                zs.next_in = i.baseAddress
                zs.avail_in = UInt32(i.count)
                zs.next_out = o.baseAddress
                zs.avail_out = UInt32(o.count)
                precondition(deflate(&zs, Z_FINISH) == Z_STREAM_END)
                return o.count - Int(zs.avail_out)
            }
        }
        return Array(out[0..<produced])
    }
}

/// Zstd frames for tests, through libzstd's one-shot call (not Mekong's streaming writer).
enum Zstd {
    static func frame(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
        let n = bytes.withUnsafeBytes { i in out.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, $0.count, i.baseAddress, i.count, 3) } }
        precondition(ZSTD_isError(n) == 0)
        return Array(out[0..<n])
    }
}

/// A bzip2 stream for tests.
enum Bzip2 {
    static func stream(_ bytes: [UInt8]) -> [UInt8] {
        var input = bytes
        var out = [UInt8](repeating: 0, count: bytes.count + bytes.count / 100 + 700)
        var length = UInt32(out.count)
        let rc = input.withUnsafeMutableBytes { i in
            out.withUnsafeMutableBytes { o in
                BZ2_bzBuffToBuffCompress(o.baseAddress!.assumingMemoryBound(to: CChar.self), &length,
                                         i.baseAddress!.assumingMemoryBound(to: CChar.self), UInt32(i.count), 9, 0, 0)
            }
        }
        precondition(rc == BZ_OK)
        return Array(out[0..<Int(length)])
    }
}
