import Testing
@testable import Mekong

@Suite("Span layers as columns")
struct SpanLayerTests {
    /// The record as the annotation writer writes it, for comparing with the column writer.
    static func recordFromAnnotations(_ d: Document) -> String {
        var w = JSONWriter()
        w.write(d.jsonValue())
        return String(decoding: w.bytes, as: UTF8.self)
    }

    static func record(_ d: Document) -> String { String(decoding: d.jsonLine().dropLast(), as: UTF8.self) }

    @Test func plainLayersAreKeptAsColumnsAndReadAsAnnotations() {
        var layers = Layers()
        layers.set(.tokens, [Annotation(start: 0, end: 3, label: "word"), Annotation(start: 4, end: 5, label: "punct")])
        layers.set("marked", [Annotation(start: 0, end: 3, label: "X", attributes: ["id": "Q1"])])
        guard case .spans(let tokens)? = layers.content(.tokens) else { Issue.record("tokens not kept as columns"); return }
        #expect(tokens.starts == [0, 4] && tokens.ends == [3, 5] && tokens.labels == ["word", "punct"])
        guard case .annotations? = layers.content("marked") else { Issue.record("an attribute layer kept as columns"); return }
        #expect(layers[.tokens] == [Annotation(start: 0, end: 3, label: "word"), Annotation(start: 4, end: 5, label: "punct")])
        // Spans of an open layer drop its attributes.
        #expect(layers.spans("marked").map(\.range) == [0..<3])
        #expect(layers.spanLayer("absent") == nil && layers.spans("absent").isEmpty)
    }

    @Test func oneIntegerAttributeIsAColumnAndAnyMoreIsNot() {
        let words = [Annotation(start: 0, end: 7, attributes: ["syllables": 2]), Annotation(start: 8, end: 10)]
        let spans = SpanLayer(words)
        #expect(spans?.attribute == "syllables")
        #expect(spans?.map(\.value) == [2, nil])
        #expect(spans?.annotations == words)
        #expect(SpanLayer([Annotation(start: 0, end: 1, attributes: ["a": 1]), Annotation(start: 1, end: 2, attributes: ["b": 1])]) == nil)
        #expect(SpanLayer([Annotation(start: 0, end: 1, attributes: ["a": "x"])]) == nil)
        #expect(SpanLayer([Annotation(start: 0, end: 1, attributes: ["a": 1, "b": 2])]) == nil)
        #expect(SpanLayer([Annotation(start: 0, end: 1, attributes: ["a": .integer(Int(Int32.max) + 1)])]) == nil)
    }

    @Test func equalityIgnoresHowLabelsWereNumbered() {
        var a = SpanLayer(), b = SpanLayer()
        _ = b.number(of: "punct")
        for (s, e, l) in [(0, 3, "word"), (4, 5, "punct")] {
            a.append(start: s, end: e, label: l)
            b.append(start: s, end: e, label: l)
        }
        #expect(a == b && a.labelNumbers != b.labelNumbers)
        b.append(start: 6, end: 7, label: nil)
        #expect(a != b)
    }

    /// A layer searches its first labels and indexes them past eight: numbers stay the same
    /// either way, through a sort.
    @Test func labelsKeepTheirNumbersPastTheSearchedFew() {
        var s = SpanLayer()
        let names = (0..<20).map { "label\($0)" }
        for (i, name) in names.enumerated().reversed() { s.append(start: i, end: i + 1, label: name) }
        for (i, name) in names.enumerated() { #expect(s.number(of: name) == UInt32(20 - i), "\(name)") }
        #expect(s.number(of: "label3") == 17 && s.number(of: nil) == 0)
        let sorted = s.sorted()
        var again = sorted
        #expect(again.number(of: "label12") == 8 && again.number(of: "label0") == 20 && again.number(of: "new") == 21)
        #expect(sorted.map(\.label) == names)
    }

    @Test func anUnsortedLayerIsSortedStably() {
        var s = SpanLayer(attribute: "n")
        s.append(start: 5, end: 6, label: "c", value: 3)
        s.append(start: 0, end: 2, label: "b", value: nil)
        s.append(start: 0, end: 1, label: "a", value: 1)
        var layers = Layers()
        layers.set("x", s)
        #expect(layers.spans("x").map { "\($0.start)-\($0.end)-\($0.label!)-\($0.value ?? 0)" } == ["0-1-a-1", "0-2-b-0", "5-6-c-3"])
    }

    @Test func theColumnWriterWritesWhatTheAnnotationWriterWrites() throws {
        var d = Document(id: "d\"1", text: "Tôi yêu Hà Nội .\n\nĐoạn \u{1} hai")
        d.layers.set(.paragraphs, [Annotation(start: 0, end: 16), Annotation(start: 18, end: 28)])
        d.layers.set(.tokens, [Annotation(start: 0, end: 3, label: "word"), Annotation(start: 4, end: 7, label: "word"),
                               Annotation(start: 15, end: 16, label: "pu\"n\\ct\n")])
        d.layers.set(.words, [Annotation(start: 0, end: 3), Annotation(start: 8, end: 14, attributes: ["syllables": 2])])
        d.layers.set(.entities, [Annotation(start: 8, end: 14, label: "LOC", attributes: ["id": "Q1858"])])
        d.layers.set("empty", [])
        let columns = Self.record(d)
        #expect(columns == Self.recordFromAnnotations(d))
        let back = try Document(json: try JSONParser.parse(Array(columns.utf8)))
        #expect(back.layers == d.layers)
    }

    @Test func integersAreWrittenWithoutStrings() {
        for n in [0, 7, 10, 99, 100, 65_535, 2_147_483_647, -1, -42, Int.max, Int.min] {
            var w = JSONWriter()
            w.writeInteger(n)
            #expect(String(decoding: w.bytes, as: UTF8.self) == String(n))
        }
    }

    @Test func stringsEscapeOnlyWhatJSONNeeds() {
        var w = JSONWriter()
        w.writeString("a\"b\\c\nd\re\tf\u{1}g\u{7F}h Hà Nội 😀")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #""a\"b\\c\nd\re\tf\u0001g\u007fh Hà Nội 😀""#)
    }

    @Test func aRewriteMovesColumnSpans() throws {
        var d = Document(id: "d", text: "a  b")
        d.layers.set(.tokens, [Annotation(start: 0, end: 1, label: "word"), Annotation(start: 3, end: 4, label: "word")])
        var b = OffsetMap.Builder()
        b.copy(1)
        b.replace(old: 2, new: 1)
        b.copy(1)
        try d.rewriteText("a b", map: b.build(), by: "normalize")
        #expect(d.layers.spans(.tokens).map(\.range) == [0..<1, 2..<3])
        #expect(d.layers.spans(.tokens).labels == ["word"])
    }
}

@Suite("the buffers and searches of the hot paths")
struct HotPathHelperTests {
    @Test func anAppendBufferGrowsTakesBackAndCopiesOut() {
        var buffer = AppendBuffer<Int32>(capacity: 2)
        for k in 0..<100 { buffer.append(Int32(k)) }
        buffer.removeLast(10)
        buffer.append(contentsOf: [7, 8])
        buffer.reserve(50)
        for k in 0..<50 { buffer.end[k] = Int32(1000 + k) }
        buffer.didWrite(50)
        var expected: [Int32] = (0..<90).map { Int32($0) }
        expected += [7, 8]
        expected += (1000..<1050).map { Int32($0) }
        #expect(buffer.array() == expected)
        #expect(buffer.count == 142 && buffer.last == 1049 && buffer[90] == 7)
    }

    /// Spans appended as one run read back as the same spans appended one at a time.
    @Test func aRunOfPackedSpansIsTheSameLayer() {
        var one = SpanLayer(), run = SpanLayer()
        var packed = AppendBuffer<SpanLayer.Packed>()
        for k in 0..<40 {
            let label = ["word", "punct", "number"][k % 3]
            one.append(start: k * 3, end: k * 3 + 2, label: label)
            packed.append(SpanLayer.Packed(start: Int32(k * 3), end: Int32(k * 3 + 2), label: run.number(of: label)))
        }
        run.append(packed)
        #expect(one == run)
    }

    /// The four-at-a-time search finds what a plain search finds, at every start and end.
    @Test func theSearchFindsWhatFirstIndexFinds() {
        var random = SeededGenerator(seed: 11)
        let alphabet: [Unicode.Scalar] = ["a", "ồ", ".", "\n", " ", "…"]
        for _ in 0..<300 {
            let s = (0..<Int.random(in: 0..<24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            s.withUnsafeBufferPointer { b in
                for lo in 0...s.count {
                    for hi in lo...s.count {
                        #expect(ScalarSearch.next(".", or: "…", in: b, lo..<hi) == s[lo..<hi].firstIndex { $0 == "." || $0 == "…" })
                        #expect(ScalarSearch.next("\n", in: b, lo..<hi) == s[lo..<hi].firstIndex(of: "\n"))
                    }
                }
            }
        }
    }
}
