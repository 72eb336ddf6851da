import Testing
@testable import Mekong

/// Untrusted input must never crash a stage or the reader: random markup, random bytes in
/// JSON Lines, random text through sentences and tokens. Seeds are fixed so runs repeat.
@Suite("Fuzz")
struct FuzzTests {
    static let pieces = ["<p>", "</p>", "<div class=x>", "</div>", "<br>", "<script>", "</script>", "<!--", "-->",
                         "<![CDATA[", "]]>", "&amp;", "&#x1EC7;", "&#99999999;", "&bogus;", "<", ">", "\"", "'",
                         "Việt Nam", "e\u{0301}", "\u{FEFF}", "\u{0}", "😀", "<table><tr><td>", "<html lang='vi'>",
                         "<meta charset=windows-1258>", "<title>", "</title>", "\n", " ", "<?xml version='1.0'?>",
                         "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", "&a;", "<a @click=\"f('>')\" (x)=y [z]>", "<style>", "</style>"]

    @Test func randomMarkupNeverCrashesTheHTMLStage() throws {
        var rng = SeededGenerator(seed: 11)
        let pipeline = try Support.pipeline(#"{"name": "f", "stages": [{"use": "html"}, {"use": "sentences"}, {"use": "tokens"}]}"#)
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<60, using: &rng) {
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += Array(Self.pieces.randomElement(using: &rng)!.utf8)
                }
            }
            let format: DocumentFormat = round % 3 == 0 ? .xml : .html
            var d = Document(id: "f\(round)", source: Source(uri: "f", format: format, size: bytes.count, raw: bytes))
            do { try pipeline.process(&d) } catch {
                // A clear failure is fine; a crash is not. The error must name the stage.
                #expect(!error.stage.isEmpty && !error.reason.isEmpty)
                continue
            }
            for (_, layer) in d.layers { for a in layer { #expect(a.start >= 0 && a.start <= a.end && a.end <= d.length) } }
        }
    }

    /// The attribute-name pass changes no byte but to `_`, never the length, and a second
    /// pass finds nothing left to change.
    @Test func attributeNameRepairOnlyRenamesAndIsStable() {
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<40, using: &rng) {
                if Int.random(in: 0..<6, using: &rng) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &rng))
                } else {
                    bytes += Array(Self.pieces.randomElement(using: &rng)!.utf8)
                }
            }
            var repaired = bytes
            AttributeNameRepair.repair(&repaired)
            #expect(repaired.count == bytes.count)
            #expect(zip(bytes, repaired).allSatisfy { $0 == $1 || $1 == UInt8(ascii: "_") })
            var again = repaired
            #expect(AttributeNameRepair.repair(&again) == 0 && again == repaired)
        }
    }

    /// Random bytes — UTF-8 pieces, legacy bytes, controls, byte-order marks — with random
    /// declared charsets (good, unknown, hostile) through the decoder: it never crashes, and
    /// each file is exactly one item.
    @Test func randomBytesThroughTheDecoderGiveOneItemEach() throws {
        var rng = SeededGenerator(seed: 41)
        let pieces: [[UInt8]] = [Array("Việt Nam ".utf8), Array("Hà Nội".utf8), [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xFF, 0xFE, 0x00, 0x00],
                                 [0x00], [0x01], [0x1B], [0xC3], [0xE1, 0xBB], [0xF4, 0x90], [0xEA, 0xF2], [0x0D, 0x0A], Array("<meta charset=x>".utf8)]
        let charsets = [nil, "utf-8", "windows-1258", "UTF-16LE", "utf-32", "x-unknown", "", String(repeating: "z", count: 100), "v적인", "utf-8\u{0}"]
        let dir = Support.temporaryDirectory()
        var paths: [String] = []
        for round in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<30, using: &rng) {
                bytes += Int.random(in: 0..<4, using: &rng) == 0 ? [UInt8.random(in: 0...255, using: &rng)] : pieces.randomElement(using: &rng)!
            }
            let declared = charsets.randomElement(using: &rng)!
            do {
                let d = try TextDecoder.decode(bytes, declared: declared)
                #expect(!d.charset.isEmpty && (d.warning?.count ?? 0) < 1_000)
            } catch {
                #expect(error.description.contains("binary content") || error.description.contains("ICU"))
            }
            let path = dir + "/f\(round).txt"
            Support.write(bytes, to: path)
            paths.append(path)
        }
        #expect(Array(DocumentInputs(paths: paths)).map(\.id) == paths)
    }

    @Test func randomJSONLinesGiveOneItemPerLine() throws {
        var rng = SeededGenerator(seed: 5)
        let dir = Support.temporaryDirectory()
        let fragments = [#"{"id":"x","text":"a"}"#, #"{"id":1,"html":"<p>b</p>"}"#, "{", "}", "\"", "[1]", "null", #"{"text":"\u00e9"}"#, "\u{FF}"]
        var text = ""
        var expected = 0
        for _ in 0..<300 {
            var line = ""
            for _ in 0..<Int.random(in: 1...3, using: &rng) { line += fragments.randomElement(using: &rng)! }
            if !line.allSatisfy({ $0 == " " }) { expected += 1 }
            text += line + "\n"
        }
        Support.write(text, to: dir + "/f.jsonl")
        #expect(Array(DocumentInputs(paths: [dir + "/f.jsonl"])).count == expected)
    }
}
