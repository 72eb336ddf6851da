/// Decoding UTF-8 known to be valid (a Swift string's bytes, the normalizer's output) without
/// checking it again: the text view and the normalizer read code points so by the million.
enum ValidUTF8 {
    /// Widens the run of ASCII bytes at `i` to code points at `out`, eight bytes at a time,
    /// and says how many bytes it took (a multiple of eight; 0 when the next eight are not all
    /// ASCII or not all there). Text and markup are mostly ASCII: this is nearly every byte of
    /// them. (Plain integer code: Swift's generic SIMD types compile to calls here.)
    @inline(__always)
    static func widenASCII(_ bytes: UnsafeRawPointer, from i: Int, count n: Int, to out: UnsafeMutablePointer<Unicode.Scalar>) -> Int {
        var j = i
        let o = UnsafeMutableRawPointer(out)
        while j &+ 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            if w & 0x8080_8080_8080_8080 != 0 { break }
            // Two bytes a store: byte 2q in the low half, byte 2q + 1 in the high one (little-endian).
            let at = (j &- i) &* 4
            o.storeBytes(of: (w & 0xFF) | (w & 0xFF00) << 24, toByteOffset: at, as: UInt64.self)
            o.storeBytes(of: (w >> 16 & 0xFF) | (w >> 16 & 0xFF00) << 24, toByteOffset: at &+ 8, as: UInt64.self)
            o.storeBytes(of: (w >> 32 & 0xFF) | (w >> 32 & 0xFF00) << 24, toByteOffset: at &+ 16, as: UInt64.self)
            o.storeBytes(of: (w >> 48 & 0xFF) | (w >> 48 & 0xFF00) << 24, toByteOffset: at &+ 24, as: UInt64.self)
            j &+= 8
        }
        return j &- i
    }

    /// The code points of valid UTF-8 bytes, decoded straight into the array's storage.
    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
            count = 0
            guard let base = bytes.baseAddress else { return }
            let n = bytes.count
            var i = 0
            var k = 0
            while i < n {
                let ascii = widenASCII(UnsafeRawPointer(base), from: i, count: n, to: out.baseAddress! + k)
                i &+= ascii
                k &+= ascii
                if i == n { break }
                let (s, length) = scalar(bytes, at: i)
                out[k] = s
                k &+= 1
                i &+= length
            }
            count = k
        }
    }

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

/// Checking bytes of unknown origin (a page's source) for well-formed UTF-8 and decoding them
/// in the same pass: what `String(validating:as:)` accepts, the same code points, without a
/// string in between — the markup path needs the bytes for the parser and the code points for
/// the source map, never the string.
enum UTF8Validation {
    /// The code points of `bytes` when they are well-formed UTF-8 (Unicode §3.9, Table 3-7: no
    /// overlong forms, surrogates or values past U+10FFFF); nil at the first ill-formed byte.
    static func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        var valid = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
            count = 0
            guard let base = bytes.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            let n = bytes.count
            var i = 0
            var k = 0
            while i < n {
                let ascii = ValidUTF8.widenASCII(raw, from: i, count: n, to: out.baseAddress! + k)
                if ascii > 0 {
                    i &+= ascii
                    k &+= ascii
                    if i == n { break }
                }
                guard let (s, length) = scalar(bytes, at: i) else { valid = false; break }
                out[k] = s
                k += 1
                i += length
            }
            count = valid ? k : 0
        }
        return valid ? scalars : nil
    }

    /// What a lead byte of a multi-byte character says (Unicode §3.9, Table 3-7): the
    /// character's length and the range its second byte must fall in; nil for a byte that
    /// cannot lead one (a continuation byte, an overlong lead `C0`/`C1`, `F5` and above).
    @inline(__always)
    static func lead(_ b: UInt8) -> (length: Int, low: UInt8, high: UInt8)? {
        switch b {
        case 0xC2...0xDF: return (2, 0x80, 0xBF)
        case 0xE0: return (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80, 0xBF)
        case 0xED: return (3, 0x80, 0x9F)
        case 0xF0: return (4, 0x90, 0xBF)
        case 0xF1...0xF3: return (4, 0x80, 0xBF)
        case 0xF4: return (4, 0x80, 0x8F)
        default: return nil
        }
    }

    /// The well-formed character at byte `i` and its length, or nil.
    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = p[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let n = p.count
        guard let (length, low, high) = lead(b0) else { return nil }
        guard i + length <= n else { return nil }
        let b1 = p[i + 1]
        guard b1 >= low && b1 <= high else { return nil }
        var v = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        v = v << 6 | UInt32(b1 & 0x3F)
        var j = 2
        while j < length {
            let b = p[i + j]
            guard b & 0xC0 == 0x80 else { return nil }
            v = v << 6 | UInt32(b & 0x3F)
            j += 1
        }
        // The table's ranges leave no surrogate and nothing past U+10FFFF.
        return (Unicode.Scalar(v).unsafelyUnwrapped, length)
    }
}
