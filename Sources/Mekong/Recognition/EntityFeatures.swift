/// The entity model's features for one token: each is a hash of a template number and the
/// facts it reads (`EntitySentence`), so no string is built per token. A feature's weights
/// are one per tag; the tag pairs are weighed apart (`EntityModel.transitions`).
enum EntityFeatures {
    @inline(__always) static func f(_ t: UInt64, _ a: UInt64) -> UInt64 { SegmenterFeatures.mix(t &* 0x9E37_79B9, a) }
    @inline(__always) static func f(_ t: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { SegmenterFeatures.mix(f(t, a), b) }
    @inline(__always) static func f(_ t: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 { SegmenterFeatures.mix(f(t, a, b), c) }

    /// Appends the features of token `i` to `out`.
    static func of(_ s: EntitySentence, at i: Int, into out: inout [UInt64]) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: most) { buffer in
            let count = s.tokens.withUnsafeBufferPointer { of($0, at: i, into: buffer.baseAddress!) }
            out.append(contentsOf: buffer[..<count])
        }
    }

    /// The most features a token has: 24 always, and seven for each of the (at most 31) name
    /// list classes.
    static let most = 24 + 7 * 31

    /// Writes the features of token `i` at `out` (room for `most`) and returns how many.
    @inline(__always)
    static func of(_ tokens: UnsafeBufferPointer<EntitySentence.Token>, at i: Int, into out: UnsafeMutablePointer<UInt64>) -> Int {
        var written = 0
        @inline(__always) func append(_ feature: UInt64) { out[written] = feature; written += 1 }
        let n = tokens.count
        @inline(__always) func key(_ j: Int) -> UInt64 { j < 0 ? SegmenterFeatures.outside : j >= n ? SegmenterFeatures.end : tokens[j].key }
        @inline(__always) func shape(_ j: Int) -> UInt64 { j < 0 || j >= n ? 95 : UInt64(tokens[j].shape) }
        let t = tokens[i]
        let k = t.key
        let sh = UInt64(t.shape)
        let start: UInt64 = t.start ? 1 : 0
        append(f(1, 0))
        append(f(2, k))
        append(f(3, k, sh))
        append(f(4, shape(i - 1), sh, shape(i + 1)))
        append(f(5, key(i - 1)))
        append(f(6, key(i - 2)))
        append(f(7, key(i + 1)))
        append(f(8, key(i + 2)))
        append(f(9, key(i - 1), k))
        append(f(10, k, key(i + 1)))
        append(f(11, t.word, UInt64(t.wordPlace)))
        append(f(12, t.previousWord))
        append(f(13, t.nextWord))
        append(f(14, UInt64(t.wordPlace), sh, shape(i - 1)))
        if t.suffix != 0 { append(f(15, t.suffix, sh)) }
        append(f(16, start, sh))
        append(f(17, start, k, sh))
        append(f(18, UInt64(t.documentCase), sh, start))
        append(f(19, shape(i - 1), sh))
        append(f(20, key(i - 1), sh))
        append(f(21, sh, key(i + 1)))
        append(f(22, UInt64(t.letters), sh))
        append(f(23, t.previousWord, sh))
        append(f(24, shape(i - 2), shape(i - 1), sh))
        // The name lists: which classes start here, go on here or ended right before.
        var bits = t.listStarts
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            append(f(30, c))
            append(f(31, c, sh, start))
            bits &= bits - 1
        }
        bits = t.listInside
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            append(f(32, c, sh))
            bits &= bits - 1
        }
        bits = t.listBefore
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            append(f(33, c))
            append(f(34, c, sh))
            bits &= bits - 1
        }
        // Two tokens back: a title then a capital ("ông Nguyễn Văn") keeps a name going.
        if i > 0 {
            bits = tokens[i - 1].listBefore
            while bits != 0 {
                let c = UInt64(bits.trailingZeroBitCount)
                append(f(35, c, shape(i - 1), sh))
                bits &= bits - 1
            }
        }
        let next = i + 1 < n ? tokens[i + 1].listStarts : 0
        bits = next
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            append(f(36, c, sh))
            bits &= bits - 1
        }
        return written
    }
}
