import CZlib

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
