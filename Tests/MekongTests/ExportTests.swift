import Foundation
import Testing
@testable import Mekong

/// Runs the translation stages over plain-text documents into a fresh folder.
private func export(_ texts: [(id: String, language: String, text: String)]) throws -> String {
    let dir = Support.temporaryDirectory()
    let json = """
        {"name": "x", "stages": [{"use": "normalize"}, {"use": "sentences"}, {"use": "tokens"}, {"use": "words"},
          {"use": "quantities", "with": {"targets": ["en"]}}, {"use": "entities"}, {"use": "link", "with": {"targets": ["vi", "en", "fr"]}},
          {"use": "export.tbx", "with": {"path": "out/glossary.tbx"}}, {"use": "export.tbx", "with": {"path": "out/glossary-v3.tbx", "format": "tbx-basic-v3"}},
          {"use": "export.csv", "with": {"path": "out/glossary.csv"}},
          {"use": "export.xliff", "with": {"dir": "out/xliff"}}, {"use": "export.conllu", "with": {"path": "out/corpus.conllu"}}]}
        """
    let p = try Support.pipeline(json, baseDirectory: dir)
    for t in texts {
        var d = Document(id: t.id, text: t.text, language: t.language)
        try p.process(&d)
    }
    p.finish()
    return dir + "/out"
}

private let sample: [(id: String, language: String, text: String)] = [
    ("vi-1", "vi", "Tổng thống Emmanuel Macron tuyên bố Pháp sẽ đầu tư 109 tỷ Euro vào AI.\n\nCác Tiểu vương quốc Ả Rập Thống nhất cam kết 30 - 50 tỷ Euro, theo ông Trần Minh Quang."),
    ("vi-2", "vi", "Ông Macron gặp Thủ tướng Đức Olaf Scholz tại Paris hôm 9/2. Giá \"đặc biệt\", rẻ & tốt: 5 < 7."),
    ("en-1", "en", "French President Emmanuel Macron met the European Commission in Paris."),
]

@Suite("exports: XLIFF, TBX, CSV, CoNLL-U")
struct ExportTests {
    @Test func xliffValidatesAgainstTheOASISCoreSchemaAndKeepsTheText() throws {
        let out = try export(sample)
        let files = try FileIO.listDirectory(out + "/xliff").filter { $0.hasSuffix(".xlf") }
        #expect(files.count == 3)
        for f in files {
            let bytes = try FileIO.readAll(out + "/xliff/" + f)
            let errors = XMLValidation.errors(of: bytes, schema: Support.fixtures + "/schemas/xliff/xliff_core_2.0.xsd", kind: .xsd)
            #expect(errors.isEmpty, "\(f): \(errors)")
        }
        let vi = String(decoding: try FileIO.readAll(out + "/xliff/" + ExportXliffStage.fileName(for: "vi-1")), as: UTF8.self)
        #expect(vi.contains(#"version="2.1" srcLang="vi" trgLang="en""#))
        #expect(vi.contains(#"<mrk id="m1" type="term" ref="https://www.wikidata.org/wiki/Q3052772" mk:start="11" mk:end="26">Emmanuel Macron</mrk>"#))
        #expect(vi.contains(#"translate="no" value="€109 billion" mk:start="51" mk:end="62">109 tỷ Euro</mrk>"#))
        // Special characters are escaped, and the sentences of a unit give back its text.
        let vi2 = String(decoding: try FileIO.readAll(out + "/xliff/" + ExportXliffStage.fileName(for: "vi-2")), as: UTF8.self)
        #expect(vi2.contains("rẻ &amp; tốt: <mrk") && vi2.contains(" &lt; <mrk"))
        var text = ""
        for piece in vi2.components(separatedBy: "<source>").dropFirst() {
            var inner = String(piece[..<piece.range(of: "</source>")!.lowerBound])
            while let open = inner.range(of: "<"), let close = inner.range(of: ">", range: open.upperBound..<inner.endIndex) {
                inner.removeSubrange(open.lowerBound..<close.upperBound)
            }
            text += inner.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
        #expect(text == sample[1].text, "segments and ignorables give back the text")
    }

    /// The text of every `<term>` of a TBX file, in order.
    static func terms(_ tbx: String) -> [String] {
        tbx.components(separatedBy: "<term>").dropFirst().map { String($0[..<$0.range(of: "</term>")!.lowerBound]) }
    }

    @Test func tbxBasic2008IsTheDefaultAndCarriesNamesIdsAndContexts() throws {
        let out = try export(sample)
        let bytes = try FileIO.readAll(out + "/glossary.tbx")
        #expect(TBXBasicCheck.problems(bytes, expecting: .v2008).isEmpty, "\(TBXBasicCheck.problems(bytes))")
        let tbx = String(decoding: bytes, as: UTF8.self)
        // No namespace (TBX 2008 has none), no DOCTYPE (nothing to fetch), the XCS named in the header.
        #expect(tbx.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX-Basic\" xml:lang=\"vi\">\n  <martifHeader>"))
        #expect(!tbx.contains("<!DOCTYPE") && !tbx.contains("xmlns"))
        #expect(tbx.contains(#"<p type="XCSURI">TBXBasicXCSV02.xcs</p>"#))
        #expect(tbx.contains(#"<xref type="externalCrossReference" target="https://www.wikidata.org/wiki/Q3052772">Q3052772</xref>"#))
        // Emmanuel Macron: found in Vietnamese and English text, French from the knowledge base.
        let macron = tbx.components(separatedBy: "<termEntry ").first { $0.contains(">Q3052772</xref>") } ?? ""
        #expect(macron.contains(#"<note>type: PER; frequency: 3</note>"#))
        #expect(macron.contains("""
                    <langSet xml:lang="vi">
                      <tig>
                        <term>Emmanuel Macron</term>
                        <termNote type="partOfSpeech">properNoun</termNote>
                        <termNote type="termType">fullForm</termNote>
                        <descrip type="context">Tổng thống Emmanuel Macron tuyên bố Pháp sẽ đầu tư 109 tỷ Euro vào AI.</descrip>
            """))
        #expect(macron.contains("<langSet xml:lang=\"en\">") && macron.contains("""
                    <langSet xml:lang="fr">
                      <tig>
                        <term>Emmanuel Macron</term>
                        <termNote type="partOfSpeech">properNoun</termNote>
                        <admin type="source">knowledge base</admin>
                      </tig>
                    </langSet>
            """))
        #expect(tbx.contains("<term>Commission européenne</term>") && tbx.contains("<term>Trần Minh Quang</term>"))
        #expect(tbx.contains("NIL: not in the knowledge base"))
        #expect(!tbx.contains("conceptEntry") && !tbx.contains("langSec") && !tbx.contains("termSec"))
    }

    @Test func tbxBasicV3FollowsTBXBasicAndCarriesWhat2008Carries() throws {
        let out = try export(sample)
        let bytes = try FileIO.readAll(out + "/glossary-v3.tbx")
        #expect(TBXBasicCheck.problems(bytes, expecting: .v3).isEmpty, "\(TBXBasicCheck.problems(bytes))")
        let tbx = String(decoding: bytes, as: UTF8.self)
        #expect(tbx.contains(#"<tbx type="TBX-Basic" style="dca" xml:lang="vi" xmlns="urn:iso:std:iso:30042:ed-2">"#))
        #expect(tbx.contains(#"<xref type="externalCrossReference" target="https://www.wikidata.org/wiki/Q3052772">Q3052772</xref>"#))
        #expect(tbx.contains("<term>Commission européenne</term>") && tbx.contains("<term>Trần Minh Quang</term>"))
        #expect(tbx.contains("NIL: not in the knowledge base"))
        #expect(tbx.contains("<descrip type=\"context\">Tổng thống Emmanuel Macron tuyên bố"))
        // v3's part-of-speech picklist has no properNoun: names are nouns there.
        #expect(tbx.contains(#"<termNote type="partOfSpeech">noun</termNote>"#) && !tbx.contains("properNoun"))
        // The same content as the 2008 file: entry for entry, term for term.
        let v2008 = String(decoding: try FileIO.readAll(out + "/glossary.tbx"), as: UTF8.self)
        #expect(Self.terms(tbx) == Self.terms(v2008) && Self.terms(tbx).count > 15)
        #expect(tbx.components(separatedBy: "<conceptEntry ").count == v2008.components(separatedBy: "<termEntry ").count)
        #expect(tbx.components(separatedBy: "<langSec ").count == v2008.components(separatedBy: "<langSet ").count)
        #expect(tbx.components(separatedBy: "<descrip type=\"context\">").count == v2008.components(separatedBy: "<descrip type=\"context\">").count)
        // The official TBX core structure (RELAX NG), when the shared schemas are beside the repository.
        let rng = Support.root + "/../shared/data/schemas/tbx/TBXcoreStructV03.rng"
        if FileIO.exists(rng) {
            let errors = XMLValidation.errors(of: bytes, schema: rng, kind: .relaxNG)
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    @Test func anUnknownTBXFormatIsRefusedWithTheChoices() {
        #expect {
            _ = try Support.pipeline(#"{"name": "x", "stages": [{"use": "tokens"}, {"use": "entities"}, {"use": "export.tbx", "with": {"path": "/tmp/x.tbx", "format": "tbx-v3"}}]}"#)
        } throws: {
            "\($0)".contains("$.stages[2].with.format: stage 'export.tbx', option 'format': 'tbx-v3' is not one of 'tbx-basic-2008', 'tbx-basic-v3'")
        }
        #expect {
            _ = try Support.pipeline(#"{"name": "x", "stages": [{"use": "tokens"}, {"use": "entities"}, {"use": "export.tbx", "with": {"path": "/tmp/x.tbx", "format": "tbx-basic-v2"}}]}"#)
        } throws: { "\($0)".hasSuffix("did you mean 'tbx-basic-v3'?") }
        // What the option offers is in the JSON Schema editors use.
        let schema = PipelineSchema.generate()
        #expect("\(schema)".contains("tbx-basic-2008") && "\(schema)".contains("tbx-basic-v3"))
        #expect(ExportTbxStage.descriptor.options.first { $0.name == "format" }?.defaultValue == .string("tbx-basic-2008"))
    }

    @Test func theTBXCheckFindsWhatTBXBasicForbids() {
        let bad = """
            <tbx type="TBX-Basic" style="dca" xml:lang="vi" xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
            <text><body><conceptEntry id="c1"><descrip type="context">at the wrong level</descrip><langSec xml:lang="vi"><termSec><termNote type="partOfSpeech">properNoun</termNote></termSec></langSec></conceptEntry>
            <conceptEntry id="c1"><langSec xml:lang="vi"><termSec><term>A</term></termSec></langSec></conceptEntry></body></text></tbx>
            """
        let problems = TBXBasicCheck.problems(Array(bad.utf8))
        #expect(problems.contains("c1: context may not appear at conceptEntry level"))
        #expect(problems.contains("c1: a <termSec> needs exactly one non-empty <term>"))
        #expect(problems.contains("c1: partOfSpeech may not be 'properNoun'"))
        #expect(problems.contains("concept id c1 is used twice"))
        #expect(TBXBasicCheck.problems(Array(bad.utf8), expecting: .v2008) == ["expected TBX-Basic 2008 (<martif>), found <tbx>"])
    }

    @Test func theTBXCheckFindsWhatTBXBasic2008Forbids() {
        // properNoun is fine in 2008; ntig, a v3 element name, a misplaced category and a missing language are not.
        let bad = """
            <martif type="TBX-Basic" xml:lang="vi"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
            <text><body><termEntry id="t1"><descrip type="context">at the wrong level</descrip><langSet xml:lang="vi"><tig><term>A</term><termNote type="partOfSpeech">properNoun</termNote><termNote type="termType">nickname</termNote></tig></langSet></termEntry>
            <termEntry id="t2"><langSet><ntig><termGrp><term>B</term></termGrp></ntig></langSet></termEntry><conceptEntry id="t3"/></body></text></martif>
            """
        let problems = TBXBasicCheck.problems(Array(bad.utf8))
        #expect(problems.contains("t1: context may not appear at termEntry level"))
        #expect(problems.contains("t1: termType may not be 'nickname'"))
        #expect(!problems.contains { $0.contains("properNoun") })
        #expect(problems.contains("t2: a <langSet> without xml:lang"))
        #expect(problems.contains("t2: <ntig> is not a TBX-Basic element at langSet level"))
        #expect(problems.contains("t2: a <langSet> without a <tig>"))
        #expect(problems.contains("<body> holds only <termEntry>, found <conceptEntry>"))
        #expect(problems.count == 6, "\(problems)")
        // A namespaced martif, a v3 header under martif, and a martif where v3 is expected.
        let namespaced = #"<martif xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" xml:lang="vi"/>"#
        #expect(TBXBasicCheck.problems(Array(namespaced.utf8)).first?.hasPrefix("the root must be") == true)
        let v3Header = #"<martif type="TBX-Basic" xml:lang="vi"><tbxHeader/><text><body/></text></martif>"#
        #expect(TBXBasicCheck.problems(Array(v3Header.utf8)) == ["<martif> must hold <martifHeader> then <text>"])
        let good = #"<martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body/></text></martif>"#
        #expect(TBXBasicCheck.problems(Array(good.utf8)).isEmpty)
        #expect(TBXBasicCheck.problems(Array(good.utf8), expecting: .v3) == ["expected TBX-Basic v3 (<tbx>), found <martif>"])
    }

    @Test func csvIsQuotedForCATTools() throws {
        let out = try export([("q", "en", "Mr. John \"Jack\" Smith, of Acme, Inc., met Emmanuel Macron in Paris.")])
        let text = String(decoding: try FileIO.readAll(out + "/glossary.csv"), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}en,en,fr,type,note\r\n"))
        #expect(text.contains("Emmanuel Macron,Emmanuel Macron,Emmanuel Macron,PER,frequency 1; id Q3052772\r\n"))
        for line in text.split(separator: "\r\n").dropFirst() {
            // Every row has the header's five fields once quoting is read.
            var fields = 1
            var quoted = false
            for c in line { if c == "\"" { quoted.toggle() } else if c == ",", !quoted { fields += 1 } }
            #expect(fields == 5, "\(line)")
        }
    }

    /// `mekong segment --format conllu` writes through the same writer: a sentence per line,
    /// words with their spaces in FORM, and no empty sentence for an empty line.
    @Test func segmentWritesTheSameCoNLLU() throws {
        let r = try Support.run([Support.mekong, "segment", "--format", "conllu"], stdin: "Hà Nội là thủ đô.\n\nCó 9 triệu\tdân.\n")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("# sent_id = 1\n# text = Hà Nội là thủ đô.\n1\tHà Nội\t_\t_\t_\t_\t_\t_\t_\t_\n"))
        #expect(r.stdout.contains("\tthủ đô\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n4\t.\t"))
        #expect(!r.stdout.contains("# sent_id = 2"))
        #expect(r.stdout.contains("# sent_id = 3\n# text = Có 9 triệu\tdân.\n"))
        let dir = Support.temporaryDirectory()
        Support.write(r.stdout, to: dir + "/s.conllu")
        Support.write("import sys, conllu\nprint(len(conllu.parse(open(sys.argv[1], encoding='utf-8').read())))\n", to: dir + "/check.py")
        let check = try Support.run(["/usr/bin/env", "python3", dir + "/check.py", dir + "/s.conllu"])
        #expect(check.status == 0 && check.stdout == "2\n", "\(check.stderr)")
    }

    @Test func conlluReadsWithTheConlluPackage() throws {
        let out = try export(sample)
        let script = """
            import sys, conllu
            sentences = conllu.parse(open(sys.argv[1], encoding="utf-8").read())
            print(len(sentences), sum(len(s) for s in sentences))
            print(sum(1 for s in sentences for t in s if t["misc"] and t["misc"].get("SpaceAfter") == "No"))
            print(sorted({t["misc"]["NE"] for s in sentences for t in s if t["misc"] and "NE" in t["misc"]}))
            print(sentences[0].metadata["text"])
            """
        Support.write(script, to: out + "/check.py")
        let r = try Support.run(["/usr/bin/env", "python3", out + "/check.py", out + "/corpus.conllu"])
        #expect(r.status == 0, "the conllu package (scripts/setup installs it) could not read the file: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        if lines.count == 4 {
            let counts = lines[0].split(separator: " ").compactMap { Int($0) }
            #expect(counts.count == 2 && counts[0] >= 5 && counts[1] > 40)
            #expect((Int(lines[1]) ?? 0) > 5, "SpaceAfter=No before punctuation")
            #expect(lines[2].contains("'B-PER'") && lines[2].contains("'I-PER'") && lines[2].contains("'B-LOC'"))
            #expect(lines[3] == "Tổng thống Emmanuel Macron tuyên bố Pháp sẽ đầu tư 109 tỷ Euro vào AI.")
        }
        // NE= is the key NER readers take; the old Entity= key is gone.
        let conllu = String(decoding: try FileIO.readAll(out + "/corpus.conllu"), as: UTF8.self)
        #expect(conllu.contains("\tEmmanuel\t_\t_\t_\t_\t_\t_\t_\tNE=B-PER|EntityId=Q3052772\n"))
        #expect(conllu.contains("\tMacron\t_\t_\t_\t_\t_\t_\t_\tNE=I-PER|EntityId=Q3052772\n"))
        #expect(!conllu.contains("Entity="))
    }

    @Test func anExportPathThatCannotBeWrittenStopsThePipeline() {
        #expect {
            _ = try Support.pipeline(#"{"name": "x", "stages": [{"use": "tokens"}, {"use": "export.conllu", "with": {"path": "/proc/nope/out.conllu"}}]}"#)
        } throws: { "\($0)".contains("$.stages[1].with.path") }
    }
}

@Suite("the translation pipeline on the corpus")
struct TranslationPipelineTests {
    /// Pulls every `<mrk>` with its span out of an XLIFF file: (start, end, text).
    static func marks(_ xliff: String) -> [(Int, Int, String)] {
        var out: [(Int, Int, String)] = []
        for piece in xliff.components(separatedBy: "<mrk ").dropFirst() {
            guard let close = piece.range(of: ">"), let end = piece.range(of: "</mrk>") else { continue }
            let attributes = String(piece[..<close.lowerBound])
            func value(_ name: String) -> Int? {
                guard let r = attributes.range(of: " \(name)=\"") else { return nil }
                return Int(attributes[r.upperBound...].prefix { $0 != "\"" })
            }
            let text = String(piece[close.upperBound..<end.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            if let s = value("mk:start"), let e = value("mk:end") { out.append((s, e, text)) }
        }
        return out
    }

    @Test func glossaryXliffCsvAndConllUFromTheCorpusValidateAndMapBack() throws {
        let dir = Support.temporaryDirectory()
        try FileIO.makeDirectories(dir + "/Pipelines")
        Support.write(try FileIO.readAll(Support.path("Pipelines/translation-glossary.json")), to: dir + "/Pipelines/translation-glossary.json")
        let r = try Support.run([Support.mekong, "run", "-p", dir + "/Pipelines/translation-glossary.json", Support.path("Corpus"),
                                 "-o", dir + "/out/translation.jsonl", "--jobs", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        // XLIFF: valid, and every mark is the exact text of its span in the document.
        var texts: [String: String] = [:]
        let records = String(decoding: try FileIO.readAll(dir + "/out/translation.jsonl"), as: UTF8.self)
        for line in records.split(separator: "\n") {
            let json = try JSONParser.parse(String(line))
            if let id = json["id"]?.stringValue, let text = json["text"]?.stringValue { texts[id] = text }
        }
        #expect(texts.count == 10)
        var checked = 0
        for (id, text) in texts {
            let bytes = try FileIO.readAll(dir + "/out/xliff/" + ExportXliffStage.fileName(for: id))
            let errors = XMLValidation.errors(of: bytes, schema: Support.fixtures + "/schemas/xliff/xliff_core_2.0.xsd", kind: .xsd)
            #expect(errors.isEmpty, "\(id): \(errors)")
            let scalars = Array(text.unicodeScalars)
            for (start, end, mark) in Self.marks(String(decoding: bytes, as: UTF8.self)) {
                #expect(end <= scalars.count && String(String.UnicodeScalarView(scalars[start..<end])) == mark, "\(id) \(start)..<\(end)")
                checked += 1
            }
        }
        #expect(checked > 40, "marks checked: \(checked)")
        // TBX: TBX-Basic 2008, as the recipe asks (python/tests/test_tbx2008.py reads it with translate-toolkit).
        let tbx = try FileIO.readAll(dir + "/out/glossary.tbx")
        #expect(TBXBasicCheck.problems(tbx, expecting: .v2008).isEmpty, "\(TBXBasicCheck.problems(tbx))")
        #expect(String(decoding: tbx, as: UTF8.self).contains("<term>Ủy ban châu Âu</term>"))
        // CSV: a row per concept, the header first.
        let csv = String(decoding: try FileIO.readAll(dir + "/out/glossary.csv"), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}vi,en,fr,type,note\r\n") && csv.contains("\r\nPháp,France,France,LOC,"))
        #expect(FileIO.exists(dir + "/out/corpus.conllu"))
    }
}

@Suite("corpus report")
struct ReportTests {
    @Test func theReportIsOneSelfContainedPage() throws {
        let dir = Support.temporaryDirectory()
        let records = """
            {"id":"a","source":{"uri":"a","format":"text","size":10},"language":"vi","metadata":{"published":"2025-02-10T08:30:00+07:00"},"text":"Pháp đầu tư 109 tỷ Euro.","layers":{"entities":[{"start":0,"end":4,"label":"LOC","text":"Pháp","id":"iso3166:FR","names":{"en":"France"}}],"quantities":[{"start":12,"end":23,"label":"money","kind":"money","value":109000000000,"unit":"EUR"}]}}
            {"id":"b","source":{"uri":"b","format":"text","size":10},"language":"en","metadata":{},"text":"Macron <script>","layers":{"entities":[{"start":0,"end":6,"label":"PER","text":"Macron","id":"Q3052772","names":{"en":"Emmanuel Macron"}}]}}
            {"id":"c","source":{"uri":"c"},"error":{"stage":"html","message":"the document is empty"}}

            """
        Support.write(records, to: dir + "/out.jsonl")
        let r = try Support.run([Support.mekong, "report", dir + "/out.jsonl", "-o", dir + "/report.html"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = String(decoding: try FileIO.readAll(dir + "/report.html"), as: UTF8.self)
        #expect(r.stdout.contains("2 documents, 1 errors"))
        #expect(html.contains("<svg") && html.contains("443") == false)
        #expect(html.contains("109 billion") && html.contains("https://www.wikidata.org/wiki/Q3052772") && html.contains("the document is empty"))
        #expect(html.contains("2025-02-10") || html.contains("02-10"))
        // Nothing is loaded from anywhere: no scripts, style sheets, images, fonts or frames.
        for forbidden in ["<script", "<link", "<img", "<iframe", "@import", "url(", "src="] { #expect(!html.contains(forbidden), "\(forbidden)") }
        let bad = try Support.run([Support.mekong, "report", dir + "/report.html", "-o", dir + "/x.html"])
        #expect(bad.status == 2 && bad.stderr.contains("report.html:1"))
    }
}
