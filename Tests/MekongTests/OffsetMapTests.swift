import Testing
@testable import Mekong

@Suite("Offset maps")
struct OffsetMapTests {
    /// "xAAyB" → "xAy": "AA" became "A", "B" was deleted.
    func sample() -> OffsetMap {
        var b = OffsetMap.Builder()
        b.copy(1)
        b.replace(old: 2, new: 1)
        b.copy(1)
        b.replace(old: 1, new: 0)
        return b.build()
    }

    @Test func mapsCopiedAndReplacedPieces() {
        let m = sample()
        #expect(m.newLength == 3 && m.oldLength == 5)
        #expect(m.oldRange(0..<1) == 0..<1)
        #expect(m.oldRange(1..<2) == 1..<3)
        #expect(m.oldRange(2..<3) == 3..<4)
        #expect(m.oldRange(0..<3) == 0..<4)
        #expect(m.oldRange(3..<3) == 5..<5)
    }

    @Test func editsRoundTrip() throws {
        let m = sample()
        let again = try OffsetMap(edits: m.edits, newLength: m.newLength, oldLength: m.oldLength)
        #expect(again == m)
        #expect(throws: OffsetMapError.self) { try OffsetMap(edits: [[5, 1, 0, 1]], newLength: 2, oldLength: 2) }
    }

    /// Property: rewrite random strings by deleting invisible characters and replacing
    /// random pieces; every copied character must map back to itself exactly, and every
    /// span must map to a range that covers the original characters it came from.
    @Test func randomRewritesMapBackExactly() {
        var rng = SeededGenerator(seed: 42)
        let letters: [Unicode.Scalar] = ["a", "ă", "ơ", "\u{0301}", "\u{FEFF}", "\u{00A0}", " ", "Đ", "😀", "x"]
        for _ in 0..<500 {
            let old = (0..<Int.random(in: 0..<30, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            var new: [Unicode.Scalar] = []
            var origin: [Int?] = []  // for copied characters, their old offset
            var b = OffsetMap.Builder()
            var i = 0
            while i < old.count {
                if old[i] == "\u{FEFF}" {  // delete
                    b.replace(old: 1, new: 0)
                    i += 1
                } else if Int.random(in: 0..<4, using: &rng) == 0 {  // replace 1–2 by 0–2
                    let take = min(old.count - i, Int.random(in: 1...2, using: &rng))
                    let give = Int.random(in: 0...2, using: &rng)
                    for _ in 0..<give { new.append("*"); origin.append(nil) }
                    b.replace(old: take, new: give)
                    i += take
                } else {
                    new.append(old[i]); origin.append(i)
                    b.copy(1)
                    i += 1
                }
            }
            let m = b.build()
            #expect(m.newLength == new.count && m.oldLength == old.count)
            for (n, o) in origin.enumerated() {
                if let o {
                    #expect(m.oldRange(n..<n + 1) == o..<o + 1)
                    #expect(old[o] == new[n])
                }
            }
            for _ in 0..<10 where !new.isEmpty {
                let s = Int.random(in: 0...new.count, using: &rng)
                let e = Int.random(in: s...new.count, using: &rng)
                let r = m.oldRange(s..<e)
                #expect(r.lowerBound >= 0 && r.upperBound <= old.count && r.lowerBound <= r.upperBound)
                for n in s..<e { if let o = origin[n] { #expect(r.contains(o)) } }
            }
            #expect((try? OffsetMap(edits: m.edits, newLength: m.newLength, oldLength: m.oldLength)) == m)
        }
    }
}

@Suite("Offset map inverse and composition")
struct OffsetMapCompositionTests {
    @Test func inverseMapsOldSpansForward() {
        // "xAAyB" → "xAy"
        var b = OffsetMap.Builder()
        b.copy(1); b.replace(old: 2, new: 1); b.copy(1); b.replace(old: 1, new: 0)
        let m = b.build()
        #expect(m.newRange(0..<1) == 0..<1)
        #expect(m.newRange(1..<3) == 1..<2)
        #expect(m.newRange(2..<3) == 1..<2)
        #expect(m.newRange(3..<4) == 2..<3)
        #expect(m.newRange(4..<5) == 3..<3)
    }

    /// Property: composing two random rewrites maps like applying them one after the other.
    @Test func compositionAgreesWithTwoSteps() {
        var rng = SeededGenerator(seed: 99)
        func randomMap(length: Int) -> OffsetMap {
            var b = OffsetMap.Builder()
            var i = 0
            while i < length {
                switch Int.random(in: 0..<5, using: &rng) {
                case 0: let k = min(length - i, Int.random(in: 1...3, using: &rng)); b.replace(old: k, new: Int.random(in: 0...3, using: &rng)); i += k
                case 1: b.replace(old: 0, new: 1)
                default: b.copy(1); i += 1
                }
            }
            return b.build()
        }
        for _ in 0..<300 {
            let first = randomMap(length: Int.random(in: 0..<25, using: &rng))
            let second = randomMap(length: first.newLength)
            let both = second.composed(after: first)
            #expect(both.newLength == second.newLength && both.oldLength == first.oldLength)
            for s in 0..<max(0, second.newLength) {
                for e in (s + 1)...second.newLength {
                    let direct = both.oldRange(s..<e)
                    let stepwise = first.oldRange(second.oldRange(s..<e))
                    // One step covers at least what two steps reach, and stays in bounds.
                    #expect(direct.lowerBound <= stepwise.lowerBound, "\(s)..<\(e)")
                    #expect(direct.upperBound >= stepwise.upperBound, "\(s)..<\(e)")
                    #expect(direct.upperBound <= first.oldLength)
                }
            }
            // A character copied by both rewrites maps exactly.
            for p in second.pieces where p.isCopy {
                for n in p.newStart..<(p.newStart + p.newLength) {
                    let m = p.oldStart + (n - p.newStart)
                    if let q = first.pieces.first(where: { $0.isCopy && $0.newStart <= m && m < $0.newStart + $0.newLength }) {
                        let o = q.oldStart + (m - q.newStart)
                        let inMergedBlock = both.pieces.contains { !$0.isCopy && $0.newStart <= n && n < $0.newStart + $0.newLength }
                        if !inMergedBlock { #expect(both.oldRange(n..<n + 1) == o..<o + 1) }
                    }
                }
            }
        }
    }
}
