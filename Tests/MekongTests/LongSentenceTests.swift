import Foundation
import Testing
@testable import Mekong

/// Vietnamese news sentences written for these tests, punctuation taken out below.
private let sentences = [
    "Chính phủ Pháp công bố khoản đầu tư 109 tỷ Euro vào trí tuệ nhân tạo trong những năm tới",
    "Tổng thống Emmanuel Macron cho biết các quỹ đầu tư của Canada và Các Tiểu vương quốc Ả Rập Thống nhất sẽ tham gia",
    "Hội nghị thượng đỉnh tại Paris quy tụ lãnh đạo của hơn 100 quốc gia cùng các tập đoàn công nghệ lớn",
    "Ông Nguyễn Văn An nói rằng doanh nghiệp Việt Nam cần chuẩn bị nhân lực nhưng vốn vẫn là thách thức lớn nhất",
    "Bà Trần Thị Bình đến Hà Nội hôm 9 2 để bàn về dự án trị giá 5 tỷ USD với Công ty Sao Mai",
]

/// Text without a single punctuation mark: `n` sentences run together.
private func unpunctuated(_ n: Int) -> String {
    (0..<n).map { sentences[$0 % sentences.count] }.joined(separator: " ")
}

private func words(_ range: Range<Int>, _ d: Document) -> Int {
    d.text(in: range).split(whereSeparator: \.isWhitespace).count
}

@Suite("long sentences")
struct LongSentenceTests {
    @Test func textWithoutPunctuationIsCutIntoBoundedSentencesWithANote() throws {
        let text = unpunctuated(400)  // some 8,500 words
        let d = try Support.process(Document(id: "u", text: text, language: "vi"),
                                    #"{"name": "s", "stages": [{"use": "sentences"}]}"#)
        let spans = d.layers[.sentences]
        #expect(spans.count >= 9)
        #expect(spans.allSatisfy { words($0.range, d) <= SentencesStage.defaultMaxWords })
        // Nothing is lost: the pieces hold every word, in order.
        #expect(spans.map { d.text(in: $0.range) }.joined(separator: " ") == text)
        #expect(d.errors.contains { $0.stage == "sentences" && $0.message.contains("longer than 1000 words") })
        // Cuts fall before a conjunction when there is no comma.
        let after = spans.dropLast().map { d.text(in: $0.end..<min(d.length, $0.end + 8)).trimmingCharacters(in: .whitespaces) }
        #expect(after.allSatisfy { $0.hasPrefix("và") || $0.hasPrefix("nhưng") }, "\(after)")
    }

    @Test func aCommaIsTheBestPlaceToCut() {
        let splitter = LongSentenceSplitter(maxWords: 20)
        let text = Array((String(repeating: "một hai ba, bốn năm sáu ", count: 10)).unicodeScalars)
        let pieces = splitter.split(0..<text.count, in: text)
        #expect(pieces.count > 1)
        for p in pieces.dropLast() { #expect(text[p.upperBound - 1] == ",") }
    }

    @Test func aRunWithoutSpacesIsCutAtTheBoundNeverBeforeAMark() {
        let splitter = LongSentenceSplitter(maxWords: 10)  // 160 code points
        let text = Array(String(repeating: "e\u{0301}", count: 500).unicodeScalars)
        let pieces = splitter.split(0..<text.count, in: text)
        #expect(pieces.count >= 6)
        #expect(pieces.allSatisfy { $0.count <= 161 && text[$0.lowerBound] == "e" })
        #expect(pieces.map(\.count).reduce(0, +) == text.count)
    }

    @Test func shortSentencesAreLeftAlone() throws {
        let text = sentences.map { $0 + "." }.joined(separator: " ")
        let d = try Support.process(Document(id: "p", text: text, language: "vi"),
                                    #"{"name": "s", "stages": [{"use": "sentences", "with": {"maxWords": 10}}]}"#)
        #expect(d.layers[.sentences].count > sentences.count)
        let plain = try Support.process(Document(id: "p", text: text, language: "vi"), #"{"name": "s", "stages": [{"use": "sentences"}]}"#)
        #expect(plain.layers[.sentences].count == sentences.count)
        #expect(plain.errors.isEmpty)
    }

    /// Every stage of the news pipeline after the text, over unpunctuated text of n and 4n
    /// sentences: linear is 4×, quadratic 16×.
    @Test func theNewsStagesScaleLinearlyOnUnpunctuatedText() throws {
        let p = try Support.pipeline(#"{"name": "n", "language": "vi", "stages": [{"use": "normalize"}, {"use": "sentences"}, {"use": "tokens"}, {"use": "words"}, {"use": "quantities", "with": {"targets": ["en"]}}, {"use": "entities"}, {"use": "link"}]}"#)
        defer { p.finish() }
        func seconds(_ n: Int) throws -> Double {
            var best = Double.infinity
            for _ in 0..<2 {
                var d = Document(id: "u", text: unpunctuated(n), language: "vi")
                let start = ContinuousClock.now
                try p.process(&d)
                _ = d.jsonLine()
                let t = ContinuousClock.now - start
                best = min(best, Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18)
            }
            return best
        }
        let small = try seconds(100), large = try seconds(400)
        #expect(large / small < 8, "4× the text took \(large / small)× the time (\(small) s, \(large) s)")
    }

    @Test func theStreamedRecordIsTheRecordOfTheTree() throws {
        var d = Document(id: "d\"1", text: "Giá 5 USD\nở \"Hà Nội\".", language: "vi", metadata: ["title": "T", "n": .integer(3)])
        d.layers.set(.tokens, [Annotation(start: 0, end: 3, label: "word"), Annotation(start: 4, end: 5)])
        d.layers.set(.entities, [Annotation(start: 13, end: 19, label: "LOC", attributes: ["confidence": .number(0.9), "names": .object(["en": "Hanoi"])])])
        d.layers.set("odd", [Annotation(start: 0, end: 1, attributes: ["label": "x", "end": .integer(2)])])
        d.layers.set("empty", [])
        d.warn(stage: "s", "a note")
        var w = JSONWriter()
        w.write(d.jsonValue())
        #expect(d.jsonLine() == w.bytes + [0x0A])
        let bare = Document(id: "m", source: Source(uri: "m.html", format: .html, size: 0))
        var v = JSONWriter()
        v.write(bare.jsonValue())
        #expect(bare.jsonLine() == v.bytes + [0x0A])
    }
}
