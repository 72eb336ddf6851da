import Testing
@testable import Mekong

@Suite("gazetteer stage")
struct GazetteerStageTests {
    func pipeline(_ tsv: String, options: String = "") throws -> Pipeline {
        let dir = Support.temporaryDirectory()
        Support.write(tsv, to: dir + "/g.tsv")
        return try Support.pipeline(#"{"name": "t", "stages": [{"use": "gazetteer", "with": {"file": "g.tsv"\#(options)}}]}"#, baseDirectory: dir)
    }

    @Test func longestMatchOnWordBoundariesIgnoringCase() throws {
        let p = try pipeline("# comment\nHà Nội\tLOC\tQ1858\nhà\tX\nUAE\tLOC\tQ878\nCác Tiểu vương quốc Ả Rập Thống nhất\tLOC\tQ878\n")
        var d = Document(id: "d", text: "Từ HÀ NỘI tới Các Tiểu vương quốc Ả Rập Thống nhất (UAE), không phải UAEX hay nhà.")
        try p.process(&d)
        let found = d.layers[.entities].map { (d.text(in: $0.range), $0.label ?? "", $0["id"]?.stringValue ?? "") }
        #expect(found.map(\.0) == ["HÀ NỘI", "Các Tiểu vương quốc Ả Rập Thống nhất", "UAE"])
        #expect(found.map(\.2) == ["Q1858", "Q878", "Q878"])
    }

    @Test func caseSensitiveAndCustomLayer() throws {
        let p = try pipeline("Apple\tORG\n", options: #", "caseSensitive": true, "layer": "orgs""#)
        var d = Document(id: "d", text: "Apple sells apple juice.")
        try p.process(&d)
        #expect(d.layers["orgs"].map(\.range) == [0..<5])
        #expect(p.stages[0].adds == ["orgs"])
    }
}
