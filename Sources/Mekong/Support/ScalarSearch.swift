/// Finds the next code point of a text that a test picks, four at a time with one branch per
/// four: the stages look for line breaks, periods, sentence terminators and the marks of
/// special tokens in every text, and a per-character loop pays a mispredicted branch at most
/// words.
enum ScalarSearch {
    /// The first index in `range` whose code point `hit` picks, or nil. `hit` answers 1 or 0
    /// (not a `Bool`, so that four answers are or-ed without a branch between them).
    @inline(__always)
    static func next(in s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, where hit: (Unicode.Scalar) -> UInt64) -> Int? {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 4 <= end, hit(s[i]) | hit(s[i + 1]) | hit(s[i + 2]) | hit(s[i + 3]) == 0 { i += 4 }
        while i < end {
            if hit(s[i]) != 0 { return i }
            i += 1
        }
        return nil
    }

    /// The first index in `range` where `s` holds `a` or `b`, or nil.
    static func next(_ a: Unicode.Scalar, or b: Unicode.Scalar, in s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int? {
        next(in: s, range) { $0 == a || $0 == b ? 1 : 0 }
    }

    /// The first index in `range` where `s` holds `a`, or nil.
    static func next(_ a: Unicode.Scalar, in s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int? {
        next(in: s, range) { $0 == a ? 1 : 0 }
    }
}
