import Foundation
import Testing
@testable import Mekong

/// Hostile markup must cost time in proportion to its size: an element with 200,000
/// attributes kept the html stage busy for minutes (libxml2 compares each attribute with all
/// earlier ones of its element). Each test either bounds the time of one page generously or
/// compares a page of size n with one of size 4n, which holds whatever the machine's speed.
@Suite("markup scaling")
struct MarkupScalingTests {
    /// Runs the html stage over `markup`; returns the document and the seconds it took.
    static func html(_ markup: String, format: DocumentFormat = .html) throws -> (Document, Double) {
        let bytes = Array(markup.utf8)
        var d = Document(id: "p", source: Source(uri: "p", format: format, size: bytes.count, raw: bytes))
        let stage = HTMLTextStage()
        let start = ContinuousClock.now
        try stage.process(&d)
        let elapsed = ContinuousClock.now - start
        return (d, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// The time of size 4n over the time of size n, the best of two runs each: near 4 when
    /// linear, 16 when quadratic.
    static func ratio(_ page: (Int) -> String, n: Int) throws -> Double {
        let small = page(n), large = page(4 * n)
        let a = try min(html(small).1, html(small).1)
        let b = try min(html(large).1, html(large).1)
        return b / max(a, 1e-4)
    }

    @Test(arguments: [DocumentFormat.html, .xml])
    func anElementWith200000AttributesIsBoundedAndNoted(format: DocumentFormat) throws {
        let attributes = (0..<200_000).map { "a\($0)=\"v\"" }.joined(separator: " ")
        let markup = format == .xml ? "<doc><p \(attributes)>Xin chào các bạn.</p></doc>" : "<html><body><p \(attributes)>Xin chào các bạn.</p></body></html>"
        let (d, seconds) = try Self.html(markup, format: format)
        #expect(seconds < 5, "took \(seconds) s")
        #expect(d.text == "Xin chào các bạn.")
        #expect(d.errors.contains { $0.message.contains("199000 attributes left out") })
    }

    @Test func attributesUpToTheBoundAreKept() {
        var bytes = Array(("<p " + (0..<1_500).map { "a\($0)=\"v>\"" }.joined(separator: " ") + ">text</p>").utf8)
        let outcome = AttributeNameRepair.repair(&bytes, maxAttributes: 1_000)
        #expect(outcome.dropped == 500)
        let kept = String(decoding: bytes, as: UTF8.self)
        #expect(kept.contains("a999=\"v>\"") && !kept.contains("a1000="))
        #expect(kept.hasSuffix(">text</p>"))
    }

    @Test func manySiblingsScaleLinearly() throws {
        let r = try Self.ratio({ n in "<html><body>" + (0..<n).map { "<p>Đoạn \($0) có chữ.</p>" }.joined() + "</body></html>" }, n: 2_500)
        #expect(r < 9, "4× the paragraphs took \(r)× the time")
    }

    @Test func manyLineBreaksScaleLinearly() throws {
        let r = try Self.ratio({ n in "<html><body><p>" + String(repeating: "chữ<br>", count: n) + "</p></body></html>" }, n: 5_000)
        #expect(r < 9, "4× the <br> took \(r)× the time")
    }

    @Test func longAttributeValuesAndTextNodesScaleLinearly() throws {
        let value = try Self.ratio({ n in "<html><body><p title=\"" + String(repeating: "a", count: n) + "\">Xin chào.</p></body></html>" }, n: 250_000)
        #expect(value < 9, "a 4× longer attribute took \(value)× the time")
        let text = try Self.ratio({ n in "<html><body><p>" + String(repeating: "chữ ", count: n) + "</p></body></html>" }, n: 25_000)
        #expect(text < 9, "a 4× longer text node took \(text)× the time")
    }

    @Test func aTenMegabyteAttributeAndDeepNestingFinishQuickly() throws {
        let (long, t1) = try Self.html("<html><body><p title=\"" + String(repeating: "a", count: 10_000_000) + "\">Xin chào.</p></body></html>")
        #expect(long.text == "Xin chào.")
        #expect(t1 < 5, "took \(t1) s")
        for tag in ["b", "div", "span"] {
            let markup = "<html><body>" + String(repeating: "<\(tag)>x ", count: 10_000) + String(repeating: "</\(tag)>", count: 10_000) + "</body></html>"
            let (d, t) = try Self.html(markup)
            #expect(t < 5, "\(tag): took \(t) s")
            #expect(d.errors.contains { $0.message.contains("nests deeper") }, "\(tag)")
        }
    }
}
