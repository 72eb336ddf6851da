import Testing
@testable import Mekong

private func sentences(_ text: String, language: String = "vi", options: String = "{}") throws -> [String] {
    let d = try Support.process(Document(id: "s", text: text, language: language), #"{"name": "t", "stages": [{"use": "sentences", "with": \#(options)}]}"#)
    return d.layers[.sentences].map { d.text(in: $0.range) }
}

private func tokens(_ text: String, language: String = "vi") throws -> [(String, String)] {
    let d = try Support.process(Document(id: "t", text: text, language: language), #"{"name": "t", "stages": [{"use": "tokens"}]}"#)
    return d.layers[.tokens].map { (d.text(in: $0.range), $0.label ?? "") }
}

@Suite("sentences: Vietnamese news")
struct VietnameseSentenceTests {
    @Test func titlesDoNotEndSentences() throws {
        #expect(try sentences("PGS. TS. Nguyễn Văn An cho biết. GS. Trần Bình nói thêm. ThS. Lê Chi đồng ý.") ==
                ["PGS. TS. Nguyễn Văn An cho biết.", "GS. Trần Bình nói thêm.", "ThS. Lê Chi đồng ý."])
        #expect(try sentences("Tại TP. Hồ Chí Minh, giá tăng. Tp.HCM có 10 triệu dân.") == ["Tại TP. Hồ Chí Minh, giá tăng.", "Tp.HCM có 10 triệu dân."])
        #expect(try sentences("Hôm qua, Mr. Smith và Donald J. Trump đến Hà Nội.") == ["Hôm qua, Mr. Smith và Donald J. Trump đến Hà Nội."])
    }

    @Test func vvEndsASentenceOnlyBeforeACapital() throws {
        #expect(try sentences("Họ bán táo, cam, v.v. Sau đó họ về nhà.") == ["Họ bán táo, cam, v.v.", "Sau đó họ về nhà."])
        #expect(try sentences("Họ bán táo, cam, v.v. và nhiều thứ khác.") == ["Họ bán táo, cam, v.v. và nhiều thứ khác."])
    }

    @Test func ellipsisQuotesAndBrackets() throws {
        #expect(try sentences("Bà đáp lại… Mọi người im lặng. Rồi… thôi.") == ["Bà đáp lại…", "Mọi người im lặng.", "Rồi… thôi."])
        #expect(try sentences("Ông nói: “Đây là bước đi lớn.” Sau đó ông rời đi.") == ["Ông nói: “Đây là bước đi lớn.”", "Sau đó ông rời đi."])
        #expect(try sentences("Ông nói (theo Reuters). (Bà đáp lại.) Hết.") == ["Ông nói (theo Reuters).", "(Bà đáp lại.)", "Hết."])
    }

    @Test func numbersAndDatesDoNotEndSentences() throws {
        #expect(try sentences("Giá là 112,6 tỷ USD, tăng 1.000.000 đồng hôm 9/2. Hết.") == ["Giá là 112,6 tỷ USD, tăng 1.000.000 đồng hôm 9/2.", "Hết."])
    }

    @Test func extraAbbreviationsFromOptions() throws {
        let text = "Đ/c. Nguyễn Văn A phát biểu. HLV. Park nói."
        #expect(try sentences(text).count > 2)
        #expect(try sentences(text, options: #"{"abbreviations": ["Đ/c.", "HLV."]}"#) == ["Đ/c. Nguyễn Văn A phát biểu.", "HLV. Park nói."])
    }

    @Test func theSharedArticleOpening() throws {
        let text = "Ngành trí tuệ nhân tạo (AI) của Pháp sẽ nhận được khoản đầu tư tư nhân trị giá 109 tỷ Euro (tương đương 112,6 tỷ USD) trong những năm tới, Tổng thống Emmanuel Macron thông báo hôm 9/2. Phát biểu trên đài truyền hình TF1, ông mô tả cam kết này là “tương đương với những gì Mỹ đã công bố”."
        #expect(try sentences(text).count == 2)
    }
}

@Suite("tokens: special tokens and scripts")
struct TokenTests {
    @Test func numbersWithSeparatorsStayWhole() throws {
        let t = try tokens("Giá 112,6 tỷ USD, 1.000.000 đồng, hôm 9/2 và 1/8/2014, khoảng 30-50 tỷ lúc 8:30.")
        for n in ["112,6", "1.000.000", "9/2", "1/8/2014", "30-50", "8:30"] { #expect(t.contains { $0 == (n, "number") }, "\(n)") }
        #expect(t.last! == (".", "punct"))
    }

    @Test func lettersGluedToASpecialNumberAreNotLost() throws {
        // ICU keeps "500.000đ" whole; the number span inside it must not swallow the "đ".
        let text = "Giá 500.000đ, 1.5kg và 30-50km, 9/2h."
        let t = try tokens(text)
        #expect(Array(t.map(\.0).prefix(6)) == ["Giá", "500.000", "đ", ",", "1.5", "kg"])
        #expect(t[2].1 == "word")
        // Every character but white space is in some token.
        #expect(t.map(\.0).joined() == text.filter { !$0.isWhitespace })
    }

    @Test func urlsEmailsHashtagsMentions() throws {
        let t = try tokens("Xem https://vnexpress.net/tin-tuc/ai-123.html, (www.example.com) hoặc ban.bien-tap@example.com.vn! #AI #TríTuệNhânTạo @elonmusk")
        #expect(t.contains { $0 == ("https://vnexpress.net/tin-tuc/ai-123.html", "url") })
        #expect(t.contains { $0 == ("www.example.com", "url") })
        #expect(t.contains { $0 == (")", "punct") })
        #expect(t.contains { $0 == ("ban.bien-tap@example.com.vn", "email") })
        #expect(t.contains { $0 == ("#TríTuệNhânTạo", "hashtag") })
        #expect(t.contains { $0 == ("@elonmusk", "mention") })
    }

    @Test func abbreviationsStayWhole() throws {
        let t = try tokens("TP. Hồ Chí Minh, Tp.HCM, v.v. và U.S. officials, PGS.TS. Nguyễn")
        for a in ["TP.", "v.v.", "U.S.", "PGS.TS."] { #expect(t.contains { $0 == (a, "abbreviation") }, "\(a)") }
        #expect(t.contains { $0.0 == "Tp.HCM" })
        // A period that ends a sentence is its own token.
        #expect(try tokens("Hết rồi.").last! == (".", "punct"))
        // An ellipsis written as periods is one mark, after a space or glued to a word.
        #expect(try tokens("Chờ ... rồi...").map(\.0) == ["Chờ", "...", "rồi", "..."])
        #expect(try tokens("tp. Vinh").first! == ("tp.", "abbreviation"))
    }

    @Test func vietnameseTokensAreSyllables() throws {
        #expect(try tokens("trí tuệ nhân tạo").map(\.0) == ["trí", "tuệ", "nhân", "tạo"])
    }

    @Test func dictionaryScripts() throws {
        #expect(try tokens("ภาษาไทยง่ายนิดเดียว", language: "th").map(\.0) == ["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"])
        #expect(try tokens("東京都に住む", language: "ja").map(\.0).count >= 3)
        #expect(try tokens("ខ្ញុំស្រលាញ់ភាសាខ្មែរ", language: "km").count >= 3)
        #expect(try tokens("Москва, 2024 год.", language: "ru").map(\.0) == ["Москва", ",", "2024", "год", "."])
    }
}
