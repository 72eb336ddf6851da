import Testing
@testable import Mekong

private func normalized(_ text: String, _ configure: (inout NormalizationOptions) -> Void = { _ in }) throws -> String {
    var o = NormalizationOptions()
    configure(&o)
    return try TextNormalizer.normalize(text, options: o).text
}

private func decomposed(_ s: String) throws -> String { try ICU.normalize(s, .nfd) }

/// Where the tone mark goes in each vowel nucleus, written out by hand from the rules of
/// Vietnamese orthography: (open syllable, modern style), (open, traditional), (closed
/// syllable, before a final consonant); nil where the nucleus does not occur that way.
private let toneTable: [(nucleus: String, openModern: Int?, openTraditional: Int?, closed: Int?)] = [
    ("a", 0, 0, 0), ("ă", nil, nil, 0), ("â", nil, nil, 0), ("e", 0, 0, 0), ("ê", 0, 0, 0), ("i", 0, 0, 0),
    ("o", 0, 0, 0), ("ô", 0, 0, 0), ("ơ", 0, 0, 0), ("u", 0, 0, 0), ("ư", 0, 0, 0), ("y", 0, 0, nil),
    ("ai", 0, 0, nil), ("ao", 0, 0, nil), ("au", 0, 0, nil), ("ay", 0, 0, nil), ("âu", 0, 0, nil), ("ây", 0, 0, nil),
    ("eo", 0, 0, nil), ("êu", 0, 0, nil), ("ia", 0, 0, nil), ("iê", nil, nil, 1), ("iu", 0, 0, nil),
    ("oa", 0, 1, 1), ("oă", nil, nil, 1), ("oe", 0, 1, 1), ("oi", 0, 0, nil), ("oo", nil, nil, 1), ("ôi", 0, 0, nil),
    ("ơi", 0, 0, nil), ("ua", 0, 0, nil), ("uâ", nil, nil, 1), ("uê", 1, 1, 1), ("ui", 0, 0, nil), ("uô", nil, nil, 1),
    ("uơ", 1, 1, nil), ("uy", 0, 1, 1), ("ưa", 0, 0, nil), ("ưi", 0, 0, nil), ("ưu", 0, 0, nil), ("ươ", nil, nil, 1),
    ("yê", nil, nil, 1),
    ("iêu", 1, 1, nil), ("oai", 1, 1, nil), ("oao", 1, 1, nil), ("oay", 1, 1, nil), ("oeo", 1, 1, nil), ("uây", 1, 1, nil),
    ("uôi", 1, 1, nil), ("uya", 1, 1, nil), ("uyê", nil, nil, 2), ("uyu", 1, 1, nil), ("ươi", 1, 1, nil), ("ươu", 1, 1, nil),
    ("yêu", 1, 1, nil),
]

private let toneMarks: [Unicode.Scalar] = ["\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"]

/// `word` with `mark` on its vowel number `index` (counting the nucleus from `first`).
private func withTone(_ word: String, first: Int, index: Int, mark: Unicode.Scalar) throws -> String {
    var scalars = Array(try decomposed(word).unicodeScalars)
    // Find the (index)th vowel letter after `first` letters, in the decomposed word.
    var letter = -1
    var position = 0
    for (k, s) in scalars.enumerated() where s.properties.generalCategory != .nonspacingMark {
        letter += 1
        if letter == first + index { position = k; break }
    }
    var insertAt = position + 1
    while insertAt < scalars.count, scalars[insertAt].properties.generalCategory == .nonspacingMark { insertAt += 1 }
    scalars.insert(mark, at: insertAt)
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars)
    return try ICU.normalize(String(v), .nfc)
}

@Suite("normalize: Vietnamese tone marks")
struct ToneTableTests {
    @Test func everyNucleusAndToneInBothPlacementsAndBothForms() throws {
        var checked = 0
        for row in toneTable {
            let count = row.nucleus.count
            let cases: [(word: String, expected: Int?, style: VietnameseToneStyle)] = [
                ("h" + row.nucleus, row.openModern, .modern),
                ("h" + row.nucleus, row.openTraditional, .traditional),
                ("h" + row.nucleus + "n", row.closed, .modern),
                ("h" + row.nucleus + "n", row.closed, .traditional),
            ]
            for c in cases {
                guard let expectedIndex = c.expected else { continue }
                for mark in toneMarks {
                    let expected = try withTone(c.word, first: 1, index: expectedIndex, mark: mark)
                    for written in 0..<count {
                        let input = try withTone(c.word, first: 1, index: written, mark: mark)
                        for form in [input, try decomposed(input), input.uppercased()] {
                            let out = try normalized(form) { $0.vietnameseTones = c.style }
                            let want = form == input.uppercased() ? expected.uppercased() : expected
                            #expect(out.unicodeScalars.elementsEqual(want.unicodeScalars), "\(row.nucleus) \(c.style): \(form.debugDescription) → \(out) (want \(want))")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked > 1_500)
    }

    @Test func realWords() throws {
        #expect(try normalized("Thanh Hoá, thuỷ điện, hoà bình, khoẻ") == "Thanh Hóa, thủy điện, hòa bình, khỏe")
        #expect(try normalized("Thanh Hóa, thủy điện", { $0.vietnameseTones = .traditional }) == "Thanh Hoá, thuỷ điện")
        #expect(try normalized("quý giá giữa người khuyến khuỷu hoàn toàn") == "quý giá giữa người khuyến khuỷu hoàn toàn")
        #expect(try normalized("Hoà", { $0.vietnameseTones = nil }) == "Hoà")
    }

    @Test func foreignWordsAreLeftAlone() throws {
        let text = "café naïve Noël où Übergröße réunion Zoé"
        #expect(try normalized(text) == text)
    }
}

@Suite("normalize: forms, white space, punctuation")
struct NormalizationFormTests {
    @Test func nfcAndOtherForms() throws {
        #expect(try normalized("Vie\u{0302}\u{0323}t") == "Việt")
        #expect(try normalized("Việt", { $0.form = .nfd }).unicodeScalars.count == 6)
        #expect(try normalized("ﬁ ①", { $0.form = .nfkc }) == "fi 1")
        #expect(try normalized("Straße HÀ", { $0.form = .nfkcCasefold }) == "strasse hà")
        #expect(try normalized("Å Ω", { $0.vietnameseTones = nil }) == "Å Ω")
    }

    @Test func whitespaceAndInvisibles() throws {
        #expect(try normalized("\u{FEFF}  Hà\u{00A0}Nội\u{200B}  và\tHuế \r\nđoạn\u{2029}mới\u{0007}  ") == "Hà Nội và Huế\nđoạn\n\nmới")
        #expect(try normalized("Ver\u{00AD}waltung") == "Verwaltung")
        #expect(try normalized("a  b\n\n\n\nc", { $0.collapseSpaces = false }) == "a  b\n\n\n\nc")
        #expect(try normalized("a\u{00A0}b", { $0.whitespace = false }) == "a\u{00A0}b")
    }

    @Test func quotesAndDashes() throws {
        let text = "“Xin chào” ‘nhé’ «oui» 30–50 — −5"
        #expect(try normalized(text) == text)
        #expect(try normalized(text, { $0.asciiQuotes = true; $0.asciiDashes = true }) == "\"Xin chào\" 'nhé' \"oui\" 30-50 - -5")
    }

    /// Property: with tone placement off, the normalizer's NFC is ICU's NFC.
    @Test func agreesWithICUOnRandomText() throws {
        var rng = SeededGenerator(seed: 3)
        let pool: [Unicode.Scalar] = ["a", "e", "o", "u", "\u{0301}", "\u{0323}", "\u{0302}", "\u{031B}", "\u{0306}", "Å", "\u{212B}",
                                      "\u{2126}", "ệ", "ở", "ﬁ", "ก", "\u{0E48}", "\u{0E38}", "が", "\u{3099}", "か", "한", "\u{1100}", "\u{1161}",
                                      "Ω", "\u{037E}", "é", "ï", "ё", "\u{0308}", "x", "1", "😀", "\u{0345}", "\u{05B0}", "א"]
        for _ in 0..<2_000 {
            var v = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<12, using: &rng) { v.append(pool.randomElement(using: &rng)!) }
            let s = String(v)
            var o = NormalizationOptions()
            o.vietnameseTones = nil
            o.whitespace = false
            let got = try TextNormalizer.normalize(s, options: o).text
            #expect(got.unicodeScalars.elementsEqual(try ICU.normalize(s, .nfc).unicodeScalars), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

@Suite("normalize: legacy TCVN3 and VNI")
struct LegacyEncodingTests {
    @Test func tcvn3MojibakeIsRepaired() throws {
        let r = try TextNormalizer.normalize("Hµ Néi lµ thñ ®« cña ViÖt Nam, n¬i cã nhiÒu di tÝch lÞch sö.")
        #expect(r.legacy == .tcvn3)
        #expect(r.text == "Hà Nội là thủ đô của Việt Nam, nơi có nhiều di tích lịch sử.")
        #expect(r.scalars == Array(r.text.unicodeScalars))
    }

    @Test func vniMojibakeIsRepaired() throws {
        let r = try TextNormalizer.normalize("Vieät Nam laø moät quoác gia naèm ôû Ñoâng Nam AÙ. Thuû ñoâ laø Haø Noäi, thaønh phoá lôùn thöù hai.")
        #expect(r.legacy == .vni)
        #expect(r.text == "Việt Nam là một quốc gia nằm ở Đông Nam Á. Thủ đô là Hà Nội, thành phố lớn thứ hai.")
        // Offsets: "Vieät" (5 code points) is "Việt" (4), and maps back to all of it.
        #expect(r.map.oldRange(0..<4) == 0..<5)
    }

    @Test(arguments: [
        "Hà Nội là thủ đô của Việt Nam, nơi có nhiều di tích lịch sử.",
        "Où est la bibliothèque? Noël à Paris, naïve café, ça va très bien, déjà vu.",
        "Die Übergrößenträger aßen Käse und Brötchen in München.",
        "El niño comió piñas en España.",
        "Thanh Hoá µ ®",
        // Currency signs are no TCVN3 letters, however many there are ("£" is "Ê" there).
        "The pair were each fined £650 and ordered to pay £85 in costs and a £260 surcharge.",
    ])
    func properTextIsNeverConverted(text: String) throws {
        let r = try TextNormalizer.normalize(text, options: { var o = NormalizationOptions(); o.vietnameseTones = nil; return o }())
        #expect(r.legacy == nil)
        #expect(r.text == text)
    }
}

@Suite("normalize: offsets")
struct NormalizationOffsetTests {
    /// Property: over random Vietnamese-like text with random decomposition, old tone
    /// placement and inserted invisible characters, every word of the output maps back to
    /// a piece of the input that normalizes to exactly that word.
    @Test func everyOutputWordMapsBackToItsSource() throws {
        var rng = SeededGenerator(seed: 2024)
        let words = ["Hoà", "thuỷ", "Việt", "Nam", "người", "khuỷu", "quý", "Thanh", "Hoá", "điện", "tỷ", "Euro", "112,6", "9/2", "“AI”", "café"]
        let junk = ["\u{200B}", "\u{FEFF}", "\u{00A0}", "\u{00AD}", "  ", "\t", "\r\n", "\u{2028}"]
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int.random(in: 1..<12, using: &rng) {
                var w = words.randomElement(using: &rng)!
                if Bool.random(using: &rng) { w = try ICU.normalize(w, .nfd) }
                if Int.random(in: 0..<4, using: &rng) == 0 { w += junk.randomElement(using: &rng)! }
                text += w + (Int.random(in: 0..<5, using: &rng) == 0 ? junk.randomElement(using: &rng)! : " ")
            }
            let r = try TextNormalizer.normalize(text)
            let old = TextView(text)
            let new = TextView(r.text)
            #expect(r.map.newLength == new.count && r.map.oldLength == old.count)
            // The code points the pass hands the document are those of its output.
            #expect(r.scalars == new.scalars, "\(text.debugDescription)")
            var start = 0
            for k in 0...new.count where k == new.count || new.scalars[k].properties.isWhitespace {
                defer { start = k + 1 }
                guard k > start else { continue }
                let word = new.string(start..<k)
                let source = old.string(r.map.oldRange(start..<k))
                let again = try TextNormalizer.normalize(source).text
                #expect(again == word, "\(word.debugDescription) ← \(source.debugDescription) in \(text.debugDescription)")
            }
        }
    }

    @Test func theStageKeepsTheOldTextAndMovesParagraphs() throws {
        let html = "<p>Thanh  Hoá</p><p>\u{00A0}Thuỷ điện</p>"
        let d = try Support.process(
            Document(id: "p", source: Source(uri: "p.html", format: .html, size: html.utf8.count, raw: Array(html.utf8))),
            #"{"name": "n", "stages": [{"use": "html"}, {"use": "normalize"}, {"use": "tokens"}]}"#)
        #expect(d.text == "Thanh Hóa\n\nThủy điện")
        #expect(d.originalText == "Thanh Hoá\n\nThuỷ điện")
        #expect(d.layers[.paragraphs].map { d.text(in: $0.range) } == ["Thanh Hóa", "Thủy điện"])
        let hoa = try #require(d.layers[.tokens].first { d.text(in: $0.range) == "Hóa" })
        #expect(TextView(d.originalText).string(d.originalRange(hoa.range)) == "Hoá")
    }

    @Test func normalizeAfterTokensIsRejected() {
        #expect(throws: PipelineValidationError.self) {
            try Support.pipeline(#"{"name": "n", "stages": [{"use": "tokens"}, {"use": "normalize"}]}"#)
        }
    }
}

@Suite("normalize: syllable tables")
struct SyllableTableTests {
    @Test func consonantCodesAreTheSpellings() {
        #expect(VietnameseSyllable.codeQ == VietnameseSyllable.code("q".unicodeScalars))
        #expect(VietnameseSyllable.codeG == VietnameseSyllable.code("g".unicodeScalars))
        #expect(VietnameseSyllable.codeQU == VietnameseSyllable.code("qu".unicodeScalars))
        #expect(VietnameseSyllable.codeGI == VietnameseSyllable.code("gi".unicodeScalars))
        for initial in VietnameseSyllable.initials { #expect(VietnameseSyllable.tables.validInitial[VietnameseSyllable.code(initial.unicodeScalars)]) }
        #expect(!VietnameseSyllable.tables.validInitial[VietnameseSyllable.code("bl".unicodeScalars)])
        #expect(VietnameseSyllable(Array("nghiêng".unicodeScalars)) != nil && VietnameseSyllable(Array("Strong".unicodeScalars)) == nil)
    }
}

@Suite("normalize: the quick tone check")
struct QuickToneCheckTests {
    /// The main pass settles most syllables without parsing them; for random syllables with
    /// the tone on any vowel, in either case, its result must equal the full parse's.
    @Test func agreesWithTheFullParse() throws {
        var random = SeededGenerator(seed: 77)
        let initials = Array(VietnameseSyllable.initials) + ["q", "gh", "bl"]
        let finals = Array(VietnameseSyllable.finals)
        let nuclei = Array(VietnameseSyllable.nuclei) + ["ao", "uo", "ie"]
        for style in VietnameseToneStyle.allCases {
            var options = NormalizationOptions()
            options.vietnameseTones = style
            for _ in 0..<4000 {
                let nucleus = try ICU.normalize(nuclei.randomElement(using: &random)!, .nfd)
                var word = Array((initials.randomElement(using: &random)! + nucleus).unicodeScalars)
                // The tone after a random vowel letter of the nucleus.
                let vowelPositions = word.indices.filter { "aeiouy".unicodeScalars.contains(word[$0]) }
                if let p = vowelPositions.randomElement(using: &random), Int.random(in: 0..<10, using: &random) > 0 {
                    var at = p + 1
                    while at < word.count, word[at].properties.generalCategory == .nonspacingMark { at += 1 }
                    word.insert(["\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"].randomElement(using: &random)!, at: at)
                }
                word += Array(finals.randomElement(using: &random)!.unicodeScalars)
                var text = try ICU.normalize(String(String.UnicodeScalarView(word)), .nfc)
                if Bool.random(using: &random) { text = text.uppercased() }
                if Bool.random(using: &random) { text = "“" + text + "”," }
                let fast = try TextNormalizer.normalize(text, options: options).text
                var out: [Unicode.Scalar] = []
                var scratch: [Unicode.Scalar] = []
                let changed = try TextNormalizer.normalizeUnit(Array(text.unicodeScalars), options, into: &out, scratch: &scratch)
                let slow = changed ? String(String.UnicodeScalarView(out)) : text
                #expect(fast == slow, "\(text) (\(style))")
            }
        }
    }
}
