import Testing
@testable import Mekong

@Suite("Entity and quantity layers, typed")
struct TypedLayerTests {
    static func json(_ a: Annotation) -> String { JSONWriter.serialize(a.jsonValue()) }

    @Test func anEntityIsWrittenInTheRecordsFieldOrderAndLinkedInPlace() {
        var e = EntityAnnotation(start: 4, end: 10, text: "Hà Nội", type: "LOC", confidence: 0.876, title: nil, source: "model")
        #expect(Self.json(e.annotation) == #"{"start":4,"end":10,"label":"LOC","text":"Hà Nội","type":"LOC","confidence":0.88,"source":"model"}"#)
        e.link(id: "Q1858", type: "LOC", names: ["vi": "Hà Nội", "en": "Hanoi"], score: 0.9)
        #expect(Self.json(e.annotation) == #"{"start":4,"end":10,"label":"LOC","text":"Hà Nội","type":"LOC","confidence":0.88,"source":"model","id":"Q1858","names":{"en":"Hanoi","vi":"Hà Nội"},"score":0.9}"#)
        #expect(e.id == "Q1858" && e.name(in: "en") == "Hanoi" && e.names.map(\.language) == ["en", "vi"])

        var unknown = EntityAnnotation(Annotation(start: 0, end: 3, attributes: ["plugin": "kept"]))
        #expect(unknown.type == EntityAnnotation.untyped && unknown.text == nil)
        unknown.linkToNothing(cluster: nil, score: 0.1)
        #expect(Self.json(unknown.annotation) == #"{"start":0,"end":3,"plugin":"kept","id":null,"nil":true,"cluster":"NIL","score":0.1}"#)
        #expect(unknown.id == nil)
    }

    @Test func aQuantityHasNumbersAndOnlyTheFieldsItHas() {
        let q = QuantityAnnotation(start: 0, end: 11, text: "109 tỷ Euro", kind: "money", value: 109e9, min: nil, max: nil,
                                   normal: nil, of: nil, unit: "EUR", approximate: nil, qualifier: nil,
                                   renderings: [("en", "€109 billion")])
        #expect(Self.json(q.annotation) == #"{"start":0,"end":11,"label":"money","text":"109 tỷ Euro","kind":"money","value":109000000000,"unit":"EUR","renderings":{"en":"€109 billion"}}"#)
        #expect(q.kind == "money" && q.value == 109e9 && q.unit == "EUR" && q.rendering(in: "en") == "€109 billion" && q.rendering(in: "fr") == nil)
        let half = QuantityAnnotation(start: 0, end: 3, text: "2,5", kind: "number", value: 2.5, min: nil, max: nil, normal: nil,
                                      of: nil, unit: nil, approximate: nil, qualifier: nil, renderings: [])
        #expect(half[.value] == .number(2.5) && half[.renderings] == nil)
    }

    @Test func theRecordSchemaListsEveryTypedField() throws {
        let defs = RecordSchema.definitions
        for (name, fields) in [("entity", EntityField.allCases.map(\.rawValue)), ("quantity", QuantityField.allCases.map(\.rawValue))] {
            let properties = try #require(defs[name]?["properties"]?.objectValue)
            #expect(properties.keys == ["start", "end", "label"] + fields)
        }
    }
}
