/// The segmenter's features. A feature is a hash of a template number and what it reads —
/// syllable keys, shapes, the word list's view of the sentence — folded into an index of the
/// weight table, so no string is built and nothing is allocated per boundary.
enum SegmenterFeatures {
    static let tableBits = 18
    static let maximumWordSyllables = 4

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a ^ (b &+ 0x9E37_79B9_7F4A_7C15 &+ (a << 6) &+ (a >> 2))
        x = (x ^ (x >> 31)) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }

    /// The hash of a sequence of syllable keys (a word).
    static func sequenceHash(_ keys: some Sequence<UInt64>) -> UInt64 {
        keys.reduce(0x5EED) { mix($0, $1) }
    }

    /// Keys standing for the syllables before the first and after the last.
    static let outside: UInt64 = 0x3C73_3E00_0000_0001, end: UInt64 = 0x3C2F_733E_0000_0002

    /// Receives feature indices; specialized per use, so visiting costs no call.
    protocol Visitor {
        mutating func visit(_ index: Int)
    }

    /// Feature hashing: each value read is folded in by xor and multiply, and the index is the
    /// top bits — one multiply per value, where the keys themselves are well-mixed hashes.
    @inline(__always)
    static func fold(_ h: UInt64, _ x: UInt64) -> UInt64 { (h ^ x) &* 0x9E37_79B9_7F4A_7C15 }
    @inline(__always)
    static func template(_ t: UInt64) -> UInt64 { (t &+ 1) &* 0xD6E8_FEB8_6659_FD93 }
    @inline(__always)
    static func index(_ h: UInt64) -> Int { Int(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> UInt64(64 - tableBits)) }

    /// Visits the features of the boundary before syllable `i` (1 ≤ i < count), all but
    /// the two that read the previous decision (`transitions`).
    @inline(__always)
    static func visit<V: Visitor>(_ sentence: borrowing SentenceContext, at i: Int, _ v: inout V) {
        let n = sentence.count
        @inline(__always) func k(_ j: Int) -> UInt64 { j < 0 ? outside : j >= n ? end : sentence.keys[j] }
        @inline(__always) func s(_ j: Int) -> UInt64 { j < 0 || j >= n ? 95 : UInt64(sentence.shapes[j]) }
        @inline(__always) func put(_ h: UInt64) { v.visit(index(h)) }
        let k0 = sentence.keys[i], k1 = sentence.keys[i - 1], k2 = k(i - 2), kn = k(i + 1)
        let s0 = s(i), s1 = s(i - 1)
        put(template(1))
        put(fold(fold(template(2), k1), k0))
        put(fold(template(3), k1)); put(fold(template(4), k0))
        put(fold(fold(template(5), k2), k1)); put(fold(fold(template(6), k0), kn))
        put(fold(fold(fold(template(7), k2), k1), k0)); put(fold(fold(fold(template(8), k1), k0), kn))
        let shapes = s(i - 2) << 24 | s1 << 16 | s0 << 8 | s(i + 1)
        put(fold(template(9), s1 << 8 | s0)); put(fold(template(10), shapes))
        put(fold(fold(template(16), s1), k0)); put(fold(fold(template(17), k1), s0))
        // Words of the list over the boundary: every span [first, first + length) with
        // first < i < first + length, by length and where the boundary falls in it.
        var covered = false
        for first in max(0, i - maximumWordSyllables + 1)..<i {
            var bits = sentence.info[first] & SentenceContext.wordBits
            while bits != 0 {
                let length = bits.trailingZeroBitCount
                bits &= bits - 1
                if first + length > i {
                    put(fold(template(13), UInt64(length) << 8 | UInt64(i - first)))
                    covered = true
                }
            }
        }
        if !covered { put(fold(template(14), s1 << 8 | s0)) }
        put(fold(template(18), UInt64(sentence.info[i] & (SentenceContext.forwardBreak | SentenceContext.backwardBreak))))
    }

    /// The two features that read the decision at the boundary before: alone, and with the
    /// syllables on either side.
    @inline(__always)
    static func transitions(_ sentence: borrowing SentenceContext, at i: Int, previousJoined: Bool) -> (Int, Int) {
        let pj: UInt64 = previousJoined ? 1 : 0
        return (index(fold(template(11), pj)), index(fold(fold(fold(template(12), pj), sentence.keys[i - 1]), sentence.keys[i])))
    }
}

/// What the features of one sentence read: syllable key hashes and shapes, and the word
/// list's view of it, computed once per sentence rather than once per boundary. Its arrays
/// are kept between sentences, so segmenting a document allocates them once.
struct SentenceContext {
    var keys: [UInt64] = []
    var shapes: [UInt8] = []
    /// Per syllable: bit `L` (2 ≤ L ≤ 4) — the `L` syllables from here are a word of the
    /// list; `forwardBreak` / `backwardBreak` — forward / backward maximum matching with the
    /// list puts a word boundary before this syllable (the classic dictionary segmentations,
    /// as evidence).
    var info: [UInt8] = []
    static let wordBits: UInt8 = 0b1_1100, forwardBreak: UInt8 = 1 << 5, backwardBreak: UInt8 = 1 << 6

    var count: Int { keys.count }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        shapes.removeAll(keepingCapacity: true)
    }

    mutating func append(key: UInt64, shape: UInt8) {
        keys.append(key)
        shapes.append(shape)
    }

    /// Looks the sentence up in the word list and runs both maximum matchings.
    mutating func prepare(_ lexicon: LexiconIndex) {
        let n = keys.count
        info.removeAll(keepingCapacity: true)
        info.append(contentsOf: repeatElement(0, count: n))
        guard n > 1 else { return }
        keys.withUnsafeBufferPointer { keys in
            for i in 0..<n - 1 {
                info[i] = lexicon.wordLengths(keys, from: i)
            }
        }
        var i = 0
        while i < n {
            info[i] |= Self.forwardBreak
            let bits = info[i] & Self.wordBits
            i += bits == 0 ? 1 : 7 - bits.leadingZeroBitCount
        }
        var end = n
        while end > 0 {
            var length = 1
            for l in stride(from: min(SegmenterFeatures.maximumWordSyllables, end), through: 2, by: -1) where info[end - l] & (1 << l) != 0 {
                length = l
                break
            }
            end -= length
            info[end] |= Self.backwardBreak
        }
    }
}
