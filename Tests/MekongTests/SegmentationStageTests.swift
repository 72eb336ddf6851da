import Testing
@testable import Mekong

@Suite("sentences and tokens stages")
struct SegmentationStageTests {
    @Test func sentencesEndAtParagraphBreaksAndExcludeSpace() throws {
        let text = "Hôm nay trời đẹp. Chúng tôi đi chơi\n\nĐoạn mới không có dấu chấm\n\n  Câu cuối!  "
        let d = try Support.process(Document(id: "s", text: text, language: "vi"), #"{"name": "t", "stages": [{"use": "sentences"}]}"#)
        #expect(d.layers[.sentences].map { d.text(in: $0.range) } == ["Hôm nay trời đẹp.", "Chúng tôi đi chơi", "Đoạn mới không có dấu chấm", "Câu cuối!"])
    }

    @Test func anAccentedLetterAfterALowerCaseWordEndsASentenceButAnInitialDoesNot() throws {
        let text = "Dịch cúm lan khắp châu Á.\nKhách du lịch giảm. Họ sang Ý. Tổng thống G. Bush đến. Ông Nguyễn Văn H. cho biết."
        let d = try Support.process(Document(id: "s", text: text, language: "vi"), #"{"name": "t", "stages": [{"use": "sentences"}, {"use": "tokens"}]}"#)
        #expect(d.layers[.sentences].map { d.text(in: $0.range) }
                == ["Dịch cúm lan khắp châu Á.", "Khách du lịch giảm.", "Họ sang Ý.", "Tổng thống G. Bush đến.", "Ông Nguyễn Văn H. cho biết."])
        let tokens = d.layers[.tokens].map { d.text(in: $0.range) }
        #expect(tokens.contains("Á") && tokens.contains("Ý") && tokens.contains("G.") && tokens.contains("H."), "\(tokens)")
    }

    @Test func tokensForMixedScripts() throws {
        let text = "Giá 112,6 tỷ USD — ภาษาไทย 東京都 😀!"
        let d = try Support.process(Document(id: "s", text: text, language: "vi"), #"{"name": "t", "stages": [{"use": "tokens"}]}"#)
        let tokens = d.layers[.tokens].map { (d.text(in: $0.range), $0.label ?? "") }
        #expect(tokens.contains { $0 == ("112,6", "number") })
        #expect(tokens.contains { $0 == ("tỷ", "word") })
        #expect(tokens.contains { $0 == ("—", "punct") })
        #expect(tokens.contains { $0 == ("!", "punct") })
        #expect(tokens.contains { $0 == ("😀", "symbol") })
        // Thai is split by ICU's dictionary into two words; no token is white space.
        #expect(tokens.contains { $0.0 == "ภาษา" })
        #expect(!tokens.contains { $0.0.allSatisfy(\.isWhitespace) })
        // Offsets are code points: the emoji is one.
        let emoji = try #require(d.layers[.tokens].first { d.text(in: $0.range) == "😀" })
        #expect(emoji.length == 1)
    }
}
