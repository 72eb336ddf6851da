import CZlib
import CZstd

/// Compresses an output file's records into self-contained gzip members or zstd frames, each
/// holding whole records. Members one after another are a valid `.gz` (zstd frames a valid
/// `.zst`) for every reader, and a file cut after any member still holds only whole records,
/// which is what lets `--resume` continue a compressed output.
final class RecordCompressor {
    enum Codec: Sendable {
        case gzip, zstd

        /// The codec an output file's name asks for (`.gz`, `.zst`), nil for none.
        static func forOutput(_ path: String) -> Codec? {
            let lower = path.lowercased()
            if lower.hasSuffix(".gz") || lower.hasSuffix(".gzip") { return .gzip }
            if lower.hasSuffix(".zst") || lower.hasSuffix(".zstd") { return .zstd }
            return nil
        }
    }

    let codec: Codec
    private var zs = z_stream()
    private let zstd: OpaquePointer?

    init(codec: Codec) throws(RunError) {
        self.codec = codec
        switch codec {
        case .gzip:
            zstd = nil
            guard mk_gzip_deflate_init(&zs, 6) == Z_OK else { throw .usage("cannot start zlib for gzip output") }
        case .zstd:
            zstd = ZSTD_createCCtx()
            guard zstd != nil else { throw .usage("cannot start zstd for zstd output") }
        }
    }

    deinit {
        switch codec {
        case .gzip: deflateEnd(&zs)
        case .zstd: ZSTD_freeCCtx(zstd)
        }
    }

    /// One complete gzip member or zstd frame holding `bytes`.
    func member(_ bytes: [UInt8]) -> [UInt8] {
        switch codec {
        case .gzip:
            deflateReset(&zs)
            var out = [UInt8](repeating: 0, count: Int(deflateBound(&zs, UInt(bytes.count))) + 64)
            var input = bytes
            var produced = 0
            input.withUnsafeMutableBufferPointer { i in
                out.withUnsafeMutableBufferPointer { o in
                    zs.next_in = i.baseAddress
                    zs.avail_in = UInt32(i.count)
                    zs.next_out = o.baseAddress
                    zs.avail_out = UInt32(o.count)
                    // deflateBound promises room for the whole member: one call finishes it.
                    let rc = deflate(&zs, Z_FINISH)
                    precondition(rc == Z_STREAM_END, "deflate did not finish within its bound (\(rc))")
                    produced = o.count - Int(zs.avail_out)
                }
            }
            return Array(out[0..<produced])
        case .zstd:
            var out = [UInt8](repeating: 0, count: ZSTD_compressBound(bytes.count))
            let n = bytes.withUnsafeBytes { i in
                out.withUnsafeMutableBytes { ZSTD_compressCCtx(zstd, $0.baseAddress, $0.count, i.baseAddress, i.count, 3) }
            }
            precondition(ZSTD_isError(n) == 0, "zstd failed within its bound: \(String(cString: ZSTD_getErrorName(n)))")
            return Array(out[0..<n])
        }
    }
}
