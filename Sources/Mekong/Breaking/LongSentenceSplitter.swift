/// Cuts a sentence that runs past a bound into pieces no longer than it.
///
/// Text without punctuation (a transcript, a scraped caption list, a page whose periods were
/// images) gives sentence rules nothing to end a sentence at: 5 MB of it is one sentence of a
/// million words, and every stage that works a sentence at a time (word segmentation, the
/// linker's contexts) then holds all of it at once. A piece ends at the best place in the
/// last half of its allowance: after a comma, semicolon or colon; else before a
/// conjunction; else at the last space that keeps it within the bound (a run of letters
/// with no space at all is cut at the bound). One pass over the text.
struct LongSentenceSplitter {
    /// Words (runs of non-space) a sentence may hold.
    let maxWords: Int

    /// The bound the sentences stage applies unless told otherwise.
    static let defaultMaxWords = 1_000

    /// Words before which a long sentence may be cut, lower case: coordinating conjunctions
    /// of the languages Mekong reads most.
    static let conjunctions: Set<String> = [
        "và", "nhưng", "hoặc", "hay", "còn", "song", "nên", "mà",
        "and", "but", "or", "so", "while", "because",
        "et", "mais", "ou", "donc", "und", "aber", "oder",
    ]

    /// Code points a sentence may hold, for text with few spaces (Chinese, Japanese, Thai
    /// without punctuation): 16 per word allowed.
    var maxLength: Int { maxWords * 16 }

    /// `sentence` itself, or the pieces it is cut into (white space at their edges left out).
    func split(_ sentence: Range<Int>, in s: [Unicode.Scalar]) -> [Range<Int>] {
        let upper = sentence.upperBound
        var pieces: [Range<Int>] = []
        var pieceStart = sentence.lowerBound
        var words = 0
        // The best cut seen in the second half of the piece's allowance: where the next piece
        // would start, and its rank.
        var best: (at: Int, rank: Int)?
        var i = sentence.lowerBound
        while i < upper {
            guard !s[i].isSpace else { i += 1; continue }
            var end = i
            while end < upper, !s[end].isSpace { end += 1 }
            if words >= maxWords || end - pieceStart > maxLength {
                if let cut = best?.at, cut > pieceStart {
                    pieces.append(pieceStart..<cut)
                    words = Self.countWords(cut..<i, in: s)
                    pieceStart = cut
                }
                if (words >= maxWords || end - pieceStart > maxLength) && i > pieceStart {
                    pieces.append(pieceStart..<i)
                    words = 0
                    pieceStart = i
                }
                best = nil
                // One run without a space longer than the bound: cut it, never before a mark.
                while end - pieceStart > maxLength {
                    var cut = pieceStart + maxLength
                    while cut < end, s[cut].characterClass.contains(.mark) { cut += 1 }
                    if cut >= end { break }
                    pieces.append(pieceStart..<cut)
                    pieceStart = cut
                }
            }
            words += 1
            if words > maxWords / 2 || end - pieceStart > maxLength / 2 {
                if Self.endsWithClause(s, i..<end) { best = Self.better(best, (end, 2)) }
                if Self.isConjunction(s, i..<end) { best = Self.better(best, (i, 1)) }
                best = Self.better(best, (i, 0))
            }
            i = end
        }
        if pieces.isEmpty { return [sentence] }
        pieces.append(pieceStart..<upper)
        return pieces.compactMap { Self.trimmed($0, in: s) }
    }

    /// The later cut, or the higher-ranked one: a clause mark beats a conjunction beats a space.
    private static func better(_ old: (at: Int, rank: Int)?, _ new: (at: Int, rank: Int)) -> (at: Int, rank: Int) {
        guard let old else { return new }
        return new.rank >= old.rank ? new : old
    }

    private static func endsWithClause(_ s: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
        switch s[word.upperBound - 1] {
        case ",", ";", ":", "\u{3001}", "\u{FF0C}", "\u{FF1B}": return true
        default: return false
        }
    }

    private static func isConjunction(_ s: [Unicode.Scalar], _ word: Range<Int>) -> Bool {
        guard word.count <= 8 else { return false }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: s[word])
        return conjunctions.contains(String(v).lowercased())
    }

    /// Words that start in `range` (a piece cut inside the window carries them over).
    private static func countWords(_ range: Range<Int>, in s: [Unicode.Scalar]) -> Int {
        var n = 0
        var inWord = false
        for k in range {
            let space = s[k].isSpace
            if !space && !inWord { n += 1 }
            inWord = !space
        }
        return n
    }

    private static func trimmed(_ range: Range<Int>, in s: [Unicode.Scalar]) -> Range<Int>? {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, s[lo].isSpace { lo += 1 }
        while hi > lo, s[hi - 1].isSpace { hi -= 1 }
        return lo < hi ? lo..<hi : nil
    }
}
