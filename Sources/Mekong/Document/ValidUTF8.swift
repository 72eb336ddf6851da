/// Decoding UTF-8 known to be valid (a Swift string's bytes, the normalizer's output) without
/// checking it again: the text view and the normalizer read code points so by the million.
enum ValidUTF8 {
    /// The scalar at byte `i`, and its length in bytes.
    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 { return (Unicode.Scalar(((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F))!, 2) }
        if b0 < 0xF0 {
            return (Unicode.Scalar(((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F))!, 3)
        }
        let v = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F)
        return (Unicode.Scalar(v)!, 4)
    }
}
