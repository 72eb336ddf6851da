/// Finds the next place one of one or two code points occurs in a text's code points, four
/// at a time with one branch per four: the stages look for line breaks and periods in every
/// text, and a per-character loop pays a mispredicted branch at most words.
enum ScalarSearch {
    /// The first index in `range` where `s` holds `a` or `b`, or nil.
    static func next(_ a: Unicode.Scalar, or b: Unicode.Scalar, in s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int? {
        let x = a.value, y = b.value
        var i = range.lowerBound
        let end = range.upperBound
        while i + 4 <= end {
            let v0 = s[i].value, v1 = s[i + 1].value, v2 = s[i + 2].value, v3 = s[i + 3].value
            let hit = (v0 == x) || (v0 == y) ? 1 : 0 as UInt8
            if hit | ((v1 == x) || (v1 == y) ? 1 : 0) | ((v2 == x) || (v2 == y) ? 1 : 0) | ((v3 == x) || (v3 == y) ? 1 : 0) != 0 { break }
            i += 4
        }
        while i < end {
            if s[i] == a || s[i] == b { return i }
            i += 1
        }
        return nil
    }

    /// The first index in `range` where `s` holds `a`, or nil.
    static func next(_ a: Unicode.Scalar, in s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>) -> Int? {
        next(a, or: a, in: s, range)
    }
}
