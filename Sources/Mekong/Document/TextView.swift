/// Code-point access to a text: offsets in Mekong are Unicode scalars, while Swift strings
/// index by grapheme and ICU by UTF-16. Build one per stage run, not per lookup.
public struct TextView: Sendable {
    public let scalars: [Unicode.Scalar]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    public init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    public var count: Int { scalars.count }

    /// The string of a code-point range (clamped to the text).
    public func string(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, scalars.count))
        let hi = max(lo, min(range.upperBound, scalars.count))
        return String(scalars: scalars[lo..<hi])
    }
}

/// The UTF-16 of code points (ICU's unit), surrogate pairs above the BMP.
func utf16Units<C: Collection<Unicode.Scalar>>(_ scalars: C) -> [UInt16] {
    [UInt16](unsafeUninitializedCapacity: scalars.count * 2) { out, count in
        var k = 0
        for s in scalars {
            if s.value < 0x10000 {
                out[k] = UInt16(truncatingIfNeeded: s.value)
                k += 1
            } else {
                let v = s.value - 0x10000
                out[k] = UInt16(0xD800 + (v >> 10))
                out[k + 1] = UInt16(0xDC00 + (v & 0x3FF))
                k += 2
            }
        }
        count = k
    }
}

/// Converts ascending UTF-16 offsets (ICU's) to code-point offsets in one pass over the text.
public struct UTF16ToScalarCursor {
    private let utf16: [UInt16]
    private var unit = 0
    private var scalar = 0

    public init(_ utf16: [UInt16]) { self.utf16 = utf16 }

    /// The code-point offset of a UTF-16 offset at or after the previous one asked.
    public mutating func scalarOffset(_ target: Int) -> Int {
        if target < unit { unit = 0; scalar = 0 }
        while unit < target && unit < utf16.count {
            let u = utf16[unit]
            unit += (UTF16.isLeadSurrogate(u) && unit + 1 < utf16.count && UTF16.isTrailSurrogate(utf16[unit + 1])) ? 2 : 1
            scalar += 1
        }
        return scalar
    }
}

import Synchronization

/// The forms of one text that stages ask for — code points and UTF-16 (ICU's unit) — made
/// once per text and shared by the stages that run over it.
final class TextForms: Sendable {
    let text: String
    private let scalarsCache = Mutex<[Unicode.Scalar]?>(nil)
    private let utf16Cache = Mutex<[UInt16]?>(nil)
    private let tokenKeysCache = Mutex<(starts: [Int32], ends: [Int32], keys: [(hash: UInt64, shape: UInt8)])?>(nil)

    init(_ text: String) { self.text = text }

    /// Forms of a text whose code points are known already.
    init(_ text: String, scalars: [Unicode.Scalar]) {
        self.text = text
        scalarsCache.withLock { $0 = scalars }
    }

    /// Keeps `scalars` as the text's code points unless they were made already.
    func offer(_ scalars: [Unicode.Scalar]) {
        scalarsCache.withLock { cached in if cached == nil { cached = scalars } }
    }

    var scalars: [Unicode.Scalar] {
        scalarsCache.withLock { cached in
            if let cached { return cached }
            let made = TextForms.decode(text)
            cached = made
            return made
        }
    }

    var utf16: [UInt16] {
        utf16Cache.withLock { cached in
            if let cached { return cached }
            let made = utf16Units(scalars)
            cached = made
            return made
        }
    }

    /// The syllable key and shape of each span of `tokens` (what `make` gives: `SyllableKey.of`
    /// over its code points, the only thing callers make here), kept for the spans they were
    /// made for — the words and the entities stages both read them.
    func tokenKeys(of tokens: SpanLayer, make: () -> [(hash: UInt64, shape: UInt8)]) -> [(hash: UInt64, shape: UInt8)] {
        // The same layer compares as the same arrays, at once; another one element by element.
        if let known = tokenKeysCache.withLock({ $0 }), known.starts == tokens.starts, known.ends == tokens.ends { return known.keys }
        let keys = make()
        tokenKeysCache.withLock { $0 = (tokens.starts, tokens.ends, keys) }
        return keys
    }

    /// The code points of a string, decoded straight from its UTF-8 bytes into the array's
    /// storage (ASCII eight bytes at a time).
    static func decode(_ text: String) -> [Unicode.Scalar] {
        if let decoded = text.utf8.withContiguousStorageIfAvailable({ ValidUTF8.scalars($0) }) { return decoded }
        return Array(text.unicodeScalars)
    }
}

extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes code point `v` as UTF-8 at `k` and moves `k` past it (the caller leaves room).
    @inline(__always)
    func putUTF8(_ v: UInt32, at k: inout Int) {
        if v < 0x80 {
            self[k] = UInt8(v); k += 1
        } else if v < 0x800 {
            self[k] = UInt8(0xC0 | (v >> 6)); self[k + 1] = UInt8(0x80 | (v & 0x3F)); k += 2
        } else if v < 0x10000 {
            self[k] = UInt8(0xE0 | (v >> 12)); self[k + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            self[k + 2] = UInt8(0x80 | (v & 0x3F)); k += 3
        } else {
            self[k] = UInt8(0xF0 | (v >> 18)); self[k + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            self[k + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); self[k + 3] = UInt8(0x80 | (v & 0x3F)); k += 4
        }
    }
}

extension String {
    /// The string of code points, encoded to UTF-8 in one buffer (appending to a string's
    /// scalar view costs far more per code point).
    init<C: Collection<Unicode.Scalar>>(scalars: C) {
        self.init(writingUTF8: scalars.count * 4) { out in
            var k = 0
            for s in scalars { out.putUTF8(s.value, at: &k) }
            return k
        }
    }

    /// The string whose UTF-8 `write` puts into a buffer of `capacity` bytes, returning how
    /// many it wrote. A short result (a word, a token's key: fifteen bytes or fewer) is written
    /// on the stack and becomes a small string; `init(unsafeUninitializedCapacity:)` asked for
    /// more than fifteen bytes allocates a buffer, and validates it, whatever the result's length.
    @inline(__always)
    init(writingUTF8 capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        guard capacity > 15 && capacity <= 256 else {
            self.init(unsafeUninitializedCapacity: capacity, initializingUTF8With: write)
            return
        }
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let count = write(buffer)
            if count <= 15 {
                return String(unsafeUninitializedCapacity: count) { out in
                    for i in 0..<count { out[i] = buffer[i] }
                    return count
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// The number of code points, counted from the UTF-8 bytes (every byte that does not
    /// continue a sequence starts one).
    public var codePointCount: Int {
        if let n = utf8.withContiguousStorageIfAvailable({ buffer -> Int in
            // Eight bytes at a time: a continuation byte has its top bit set and the next one clear.
            var continuations = 0
            var i = 0
            if let base = buffer.baseAddress {
                let raw = UnsafeRawPointer(base)
                while i + 8 <= buffer.count {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    continuations += (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                    i += 8
                }
            }
            while i < buffer.count {
                if buffer[i] & 0xC0 == 0x80 { continuations += 1 }
                i += 1
            }
            return buffer.count - continuations
        }) { return n }
        return unicodeScalars.count
    }
}
