import Testing
@testable import Mekong

private func segmented(_ text: String, options: String = "{}", baseDirectory: String = ".") throws -> String {
    var d = Document(id: "w", text: text, language: "vi")
    let p = try Support.pipeline(#"{"name": "w", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "words", "with": \#(options)}]}"#, baseDirectory: baseDirectory)
    try p.process(&d)
    let tokens = d.layers[.tokens]
    // Words must start and end on token boundaries.
    let starts = Set(tokens.map(\.start)), ends = Set(tokens.map(\.end))
    for w in d.layers[.words] { #expect(starts.contains(w.start) && ends.contains(w.end)) }
    return d.layers[.words].map { d.text(in: $0.range).replacingSpacesWithUnderscores() }.joined(separator: " ")
}

extension String {
    func replacingSpacesWithUnderscores() -> String { String(map { $0 == " " ? "_" : $0 }) }
}

@Suite("Vietnamese word segmentation")
struct WordSegmentationTests {
    @Test func theShippedModelSegmentsNewsSentences() throws {
        #expect(WordSegmenter.shipped != nil)
        #expect(try segmented("Hà Nội là thủ đô của Việt Nam.") == "Hà_Nội là thủ_đô của Việt_Nam .")
        #expect(try segmented("Các doanh nghiệp nhỏ cho rằng thủ tục vay vốn vẫn còn phức tạp.")
                == "Các doanh_nghiệp nhỏ cho rằng thủ_tục vay vốn vẫn còn phức_tạp .")
        // Numbers, dates and names.
        let s = try segmented("Tổng thống Emmanuel Macron thông báo hôm 9/2 tại Paris, giá 112,6 tỷ USD.")
        #expect(s.contains("Emmanuel_Macron") && s.contains(" 9/2 ") && s.contains(" 112,6 ") && s.contains("thông_báo"))
        // News with names, numbers, dates, foreign words, URLs and e-mail addresses.
        let cases = [
            ("Ngày 1/8/2014, Thủ tướng Nguyễn Tấn Dũng đã tiếp Đại sứ Hoa Kỳ tại Hà Nội.",
             "Ngày 1/8/2014 , Thủ_tướng Nguyễn_Tấn_Dũng đã tiếp Đại_sứ Hoa_Kỳ tại Hà_Nội ."),
            ("Công ty Apple ra mắt iPhone 15 tại California, Mỹ.", "Công_ty Apple ra_mắt iPhone 15 tại California , Mỹ ."),
            ("Bộ Giáo dục và Đào tạo công bố kết quả thi tốt nghiệp trung học phổ thông.",
             "Bộ Giáo_dục và Đào_tạo công_bố kết_quả thi tốt_nghiệp trung_học_phổ_thông ."),
            ("Người dân Thành phố Hồ Chí Minh đổ xô đi mua sắm dịp Tết Nguyên đán.",
             "Người dân Thành_phố Hồ_Chí_Minh đổ_xô đi mua_sắm dịp Tết_Nguyên_đán ."),
            ("Xem thêm tại https://vnexpress.net hoặc gửi thư về toasoan@vnexpress.net nhé.",
             "Xem thêm tại https://vnexpress.net hoặc gửi thư về toasoan@vnexpress.net nhé ."),
            ("Ông Donald Trump đến thăm Singapore năm 2018.", "Ông Donald_Trump đến thăm Singapore năm 2018 ."),
            ("Giá xăng giảm 1.000 đồng mỗi lít từ 15 giờ chiều nay.", "Giá xăng giảm 1.000 đồng mỗi lít từ 15 giờ chiều nay ."),
            ("Tập đoàn Samsung đầu tư thêm 2 tỷ USD vào nhà máy ở Bắc Ninh.",
             "Tập_đoàn Samsung đầu_tư thêm 2 tỷ USD vào nhà_máy ở Bắc_Ninh ."),
        ]
        for (input, expected) in cases { #expect(try segmented(input) == expected) }
    }

    @Test func decomposedTextAndOldToneMarksGiveTheSameWords() throws {
        let nfc = "Thanh Hóa có nhiều thủy điện và hòa bình."
        let old = "Thanh Hoá có nhiều thuỷ điện và hoà bình."
        let nfd = try ICU.normalize(nfc, .nfd)
        let a = try segmented(nfc), b = try segmented(old), c = try segmented(nfd)
        func shape(_ s: String) -> [Int] { s.split(separator: " ").map { $0.split(separator: "_").count } }
        #expect(shape(a) == shape(b) && shape(a) == shape(c))
        // The text is never rewritten: the words are the input's characters.
        #expect(b.contains("thuỷ"))
    }

    @Test func aUserLexiconForcesWords() throws {
        let dir = Support.temporaryDirectory()
        Support.write("trí tuệ\nnhân tạo\n", to: dir + "/terms.txt")
        #expect(try segmented("Ngành trí tuệ nhân tạo của Pháp.", options: #"{"lexicon": "terms.txt"}"#, baseDirectory: dir)
                == "Ngành trí_tuệ nhân_tạo của Pháp .")
    }

    @Test func otherLanguagesGetOneWordPerToken() throws {
        var d = Document(id: "e", text: "New York is big.", language: "en")
        try Support.pipeline(#"{"name": "w", "stages": [{"use": "tokens"}, {"use": "words"}]}"#).process(&d)
        #expect(d.layers[.words].count == d.layers[.tokens].count)
    }

    @Test func trainingIsDeterministic() throws {
        let examples = [
            WordSegmenter.Example(syllables: ["Hà", "Nội", "là", "thủ", "đô"], joins: [false, true, false, false, true]),
            WordSegmenter.Example(syllables: ["thủ", "đô", "của", "Việt", "Nam"], joins: [false, true, false, false, true]),
            WordSegmenter.Example(syllables: ["Việt", "Nam", "là", "đất", "nước"], joins: [false, true, false, false, true]),
        ]
        let a = WordSegmenter.train(examples, lexicon: ["đất nước"], epochs: 5, seed: 7)
        let b = WordSegmenter.train(examples, lexicon: ["đất nước"], epochs: 5, seed: 7)
        #expect(a.weights == b.weights)
        #expect(a.joins(["Hà", "Nội", "là", "thủ", "đô"]) == [false, true, false, false, true])
        // And it survives a round trip through its file.
        let dir = Support.temporaryDirectory()
        try a.save(to: dir + "/m.mkseg")
        let c = try WordSegmenter.load(path: dir + "/m.mkseg")
        #expect(c.weights == a.weights && c.lexicon == a.lexicon)
        #expect(throws: WordSegmenter.ModelError.self) { try WordSegmenter.load(path: Support.path("README.md")) }
    }

    @Test func syllableKeysIgnoreFormToneplacementAndCase() throws {
        func key(_ s: String) -> UInt64 { SyllableKey.of(s.unicodeScalars).hash }
        for (a, b) in [("hòa", "hoà"), ("thủy", "thuỷ"), ("Hòa", "HOÀ"), ("người", "NGƯỜI"), ("khỏe", "khoẻ"), ("Đức", "đức")] {
            #expect(key(a) == key(b), "\(a) \(b)")
            #expect(key(try ICU.normalize(a, .nfd)) == key(a), "NFD \(a)")
        }
        // NFD with the marks in either order (dot below before or after the circumflex).
        #expect(key("e\u{0323}\u{0302}") == key("ệ") && key("e\u{0302}\u{0323}") == key("ệ"))
        // Different letters or tones stay different.
        for (a, b) in [("hoa", "hòa"), ("hòa", "hóa"), ("tu", "tư"), ("to", "tơ"), ("ta", "tâ"), ("đa", "da")] {
            #expect(key(a) != key(b), "\(a) \(b)")
        }
        #expect(SyllableKey.of("HCM".unicodeScalars).shape == SyllableKey.Shape.allCaps)
        #expect(SyllableKey.of("Hà".unicodeScalars).shape == SyllableKey.Shape.upper)
        #expect(SyllableKey.of("TP".unicodeScalars).shape == SyllableKey.Shape.allCaps)
        #expect(SyllableKey.of("A".unicodeScalars).shape == SyllableKey.Shape.upper)
        #expect(SyllableKey.of("2025".unicodeScalars).shape == SyllableKey.Shape.digit)
    }

    @Test func trainingDataIsCutLikeTheTokensStageCutsText() throws {
        // Gold syllables "90%" and "..." become the tokens the tokens stage makes, with the
        // gold words over them.
        let gold = WordSegmenter.Example(syllables: ["tăng", "90%", "...", "Hà", "Nội"], joins: [false, false, false, false, true])
        let e = try #require(try CoNLLUSegmentation.retokenized([gold]).first)
        #expect(e.syllables == ["tăng", "90", "%", "...", "Hà", "Nội"])
        #expect(e.joins == [false, false, true, false, false, true])
    }

    @Test func aModelOfAnOlderFormatIsRefusedWithAReason() throws {
        let dir = Support.temporaryDirectory()
        Support.write("MKSEG2\n\u{0}\u{0}", to: dir + "/old.mkseg")
        #expect { try WordSegmenter.load(path: dir + "/old.mkseg") } throws: { "\($0)".contains("older Mekong") }
    }

    @Test func segmentCommandKeepsTheInputsCharacters() throws {
        // NFD, old tone placement, a no-break space inside a word: the words are the input's own
        // characters, the spaces inside a word written `_`, one line out per line in.
        let nfd = try ICU.normalize("Thủ đô Hà Nội", .nfd)
        let input = "\(nfd)\nTỉnh Thanh Hoá có nhiều thuỷ điện.\nthủ\u{00A0}đô\n"
        let r = try Support.run([Support.mekong, "segment"], stdin: input)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0].unicodeScalars.elementsEqual(try ICU.normalize("Thủ_đô Hà_Nội", .nfd).unicodeScalars))
        #expect(lines[1] == "Tỉnh Thanh_Hoá có nhiều thuỷ_điện .")
        #expect(lines[2] == "thủ_đô")
        let conllu = try Support.run([Support.mekong, "segment", "--format", "conllu"], stdin: "Hà Nội đẹp.\n")
        #expect(conllu.stdout.contains("1\tHà Nội\t") && conllu.stdout.contains("3\t.\t"))
    }

    @Test func conlluReading() throws {
        let dir = Support.temporaryDirectory()
        Support.write("# text = x\n1\tHà Nội\t_\n2\tđẹp\t_\n\n1\tA\t_\n", to: dir + "/t.conllu")
        let e = try CoNLLUSegmentation.read(dir + "/t.conllu")
        #expect(e.count == 2 && e[0].syllables == ["Hà", "Nội", "đẹp"] && e[0].joins == [false, true, false])
    }
}
