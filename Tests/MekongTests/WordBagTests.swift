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
