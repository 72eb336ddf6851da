/// The entity model's features for one token: each is a hash of a template number and the
/// facts it reads (`EntitySentence`), so no string is built per token. A feature's weights
/// are one per tag; the tag pairs are weighed apart (`EntityModel.transitions`).
enum EntityFeatures {
    @inline(__always) static func f(_ t: UInt64, _ a: UInt64) -> UInt64 { SegmenterFeatures.mix(t &* 0x9E37_79B9, a) }
    @inline(__always) static func f(_ t: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { SegmenterFeatures.mix(f(t, a), b) }
    @inline(__always) static func f(_ t: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 { SegmenterFeatures.mix(f(t, a, b), c) }

    /// Appends the features of token `i` to `out`.
    static func of(_ s: EntitySentence, at i: Int, into out: inout [UInt64]) {
        let n = s.count
        @inline(__always) func key(_ j: Int) -> UInt64 { j < 0 ? SegmenterFeatures.outside : j >= n ? SegmenterFeatures.end : s.keys[j] }
        @inline(__always) func shape(_ j: Int) -> UInt64 { j < 0 || j >= n ? 95 : UInt64(s.shapes[j]) }
        let k = s.keys[i]
        let sh = UInt64(s.shapes[i])
        let start: UInt64 = s.starts[i] ? 1 : 0
        out.append(f(1, 0))
        out.append(f(2, k))
        out.append(f(3, k, sh))
        out.append(f(4, shape(i - 1), sh, shape(i + 1)))
        out.append(f(5, key(i - 1)))
        out.append(f(6, key(i - 2)))
        out.append(f(7, key(i + 1)))
        out.append(f(8, key(i + 2)))
        out.append(f(9, key(i - 1), k))
        out.append(f(10, k, key(i + 1)))
        out.append(f(11, s.words[i], UInt64(s.wordPlaces[i])))
        out.append(f(12, s.previousWords[i]))
        out.append(f(13, s.nextWords[i]))
        out.append(f(14, UInt64(s.wordPlaces[i]), sh, shape(i - 1)))
        if s.suffixes[i] != 0 { out.append(f(15, s.suffixes[i], sh)) }
        out.append(f(16, start, sh))
        out.append(f(17, start, k, sh))
        out.append(f(18, UInt64(s.documentCase[i]), sh, start))
        out.append(f(19, shape(i - 1), sh))
        out.append(f(20, key(i - 1), sh))
        out.append(f(21, sh, key(i + 1)))
        out.append(f(22, UInt64(s.letters[i]), sh))
        out.append(f(23, s.previousWords[i], sh))
        out.append(f(24, shape(i - 2), shape(i - 1), sh))
        // The name lists: which classes start here, go on here or ended right before.
        var bits = s.listStarts[i]
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            out.append(f(30, c))
            out.append(f(31, c, sh, start))
            bits &= bits - 1
        }
        bits = s.listInside[i]
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            out.append(f(32, c, sh))
            bits &= bits - 1
        }
        bits = s.listBefore[i]
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            out.append(f(33, c))
            out.append(f(34, c, sh))
            bits &= bits - 1
        }
        // Two tokens back: a title then a capital ("ông Nguyễn Văn") keeps a name going.
        if i > 0 {
            bits = s.listBefore[i - 1]
            while bits != 0 {
                let c = UInt64(bits.trailingZeroBitCount)
                out.append(f(35, c, shape(i - 1), sh))
                bits &= bits - 1
            }
        }
        let next = i + 1 < n ? s.listStarts[i + 1] : 0
        bits = next
        while bits != 0 {
            let c = UInt64(bits.trailingZeroBitCount)
            out.append(f(36, c, sh))
            bits &= bits - 1
        }
    }
}
