/// How much of a byte sequence is well-formed UTF-8: the multi-byte characters it holds and
/// the ill-formed sequences between them, counted as Swift's decoder replaces them (one
/// U+FFFD per maximal ill-formed subpart, Unicode 15 §3.9).
struct UTF8Survey {
    /// Well-formed characters of two to four bytes.
    private(set) var multiByteCharacters = 0
    /// Ill-formed sequences, each replaced by one U+FFFD.
    private(set) var invalidSequences = 0
    /// The bytes those sequences span.
    private(set) var invalidBytes = 0

    init<C: Collection>(_ bytes: C) where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            // The sequence's length and the range its second byte must fall in, by lead byte
            // (0 for a byte that cannot lead one).
            let (length, low, high) = UTF8Validation.lead(b) ?? (0, 0x80, 0xBF)
            var valid = 1
            if length > 0 {
                while valid < length, i + valid < end {
                    let c = bytes[i + valid]
                    let (lo, hi) = valid == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    guard c >= lo && c <= hi else { break }
                    valid += 1
                }
            }
            if length > 0 && valid == length {
                multiByteCharacters += 1
            } else {
                invalidSequences += 1
                invalidBytes += valid
            }
            i += valid
        }
    }

    /// Whether bytes that are not all valid UTF-8 are still UTF-8 text with a few damaged
    /// bytes, rather than text in a legacy charset. Legacy 8-bit text (windows-125x, TCVN,
    /// Latin-1) forms a valid multi-byte UTF-8 sequence only by accident, so its valid
    /// sequences are few beside its invalid ones; real UTF-8 text with a bad byte has many
    /// valid ones. UTF-8 wins when it has at least 4 multi-byte characters and at least 20
    /// for every ill-formed sequence (1 bad byte in a short Vietnamese paragraph passes;
    /// a windows-1258 page, with hardly a valid sequence, does not).
    var isMostlyUTF8: Bool {
        invalidSequences > 0 && multiByteCharacters >= 4 && multiByteCharacters >= 20 * invalidSequences
    }
}
