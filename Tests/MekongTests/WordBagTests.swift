import Testing
@testable import Mekong

@Suite("Words of markup text compared as bags")
struct WordBagTests {
    @Test func wordsAreLowerCasedRunsOfLettersDigitsAndMarks() {
        func w(_ s: String) -> [WordBag.Word] { WordBag.words(s) }
        #expect(w("ĐẦU TƯ 109 tỷ Euro!") == w("đầu tư 109 TỶ euro"))
        #expect(w("Hà Nội, 9/2").count == 4)
        // A decomposed vowel keeps its mark inside the word.
        #expect(w("Vie\u{0302}\u{0323}t Nam").count == 2)
        #expect(w("Việt") != w("Viet"))
        #expect(w("— … ").isEmpty)
    }

    @Test func bytesThatAreNotUTF8SeparateWords() {
        let bytes: [UInt8] = Array("abc".utf8) + [0xFF] + Array("def".utf8)
        let words = bytes.withUnsafeBufferPointer(WordBag.words(utf8:))
        #expect(words == WordBag.words("abc def"))
    }

    /// The words read from the lower-casing table are those the Unicode properties give, for
    /// every code point the table holds and a few past it (one word of each, between letters).
    @Test func theLowerCasingTableAgreesWithTheUnicodeProperties() {
        func reference(_ text: String) -> [WordBag.Word] {
            var result: [WordBag.Word] = []
            var hash = FNV1a.seed
            var inWord = false
            for s in text.unicodeScalars {
                let lower = s.properties.changesWhenLowercased ? Array(s.properties.lowercaseMapping.unicodeScalars) : [s]
                for l in lower {
                    let p = l.properties
                    let letter = l.isASCII ? (("a"..."z").contains(l) || ("0"..."9").contains(l))
                        : p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
                    if letter { hash = FNV1a.mix(inWord ? hash : FNV1a.seed, l); inWord = true } else if inWord { result.append(hash); inWord = false }
                }
            }
            if inWord { result.append(hash) }
            return result
        }
        for v in Array(0x80..<0x2100) + [0x2160, 0x24B6, 0x1F600] {
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            let text = "Ab" + String(Character(s)) + "c " + String(Character(s)) + " x"
            #expect(WordBag.words(text) == reference(text), "U+\(String(v, radix: 16, uppercase: true))")
        }
    }

    @Test func recallCountsEachWordOfTheBagOnce() {
        let bag = WordBag(text: "một hai ba")
        #expect(bag.recall(of: WordBag.words("hai ba")) == 1)
        #expect(bag.recall(of: WordBag.words("hai hai")) == 0.5)
        #expect(bag.recall(of: []) == 1)
        #expect(abs(WordBag(text: "a b c d").similarity(to: WordBag.words("a b c e"), atLeast: 0.5) - 0.75) < 1e-9)
        // Lengths alone rule a candidate out.
        #expect(WordBag(text: "a b c d e f g h").similarity(to: WordBag.words("a"), atLeast: 0.6) == 0)
    }
}
