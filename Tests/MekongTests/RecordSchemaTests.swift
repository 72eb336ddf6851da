import Foundation
import Testing
@testable import Mekong

/// The record schema (`mekong schema --records`) against real output: the golden `Corpus/` run
/// and a run over the test fixtures (WARC, XML, HTML, error records). A stage that writes a field
/// the schema does not declare, or a number as a string, fails here. (The Python tests validate
/// the same output with a full JSON Schema validator.)
@Suite("record schema")
struct RecordSchemaTests {
    let schema = RecordSchema.generate()

    @Test func goldenCorpusOutputConforms() throws {
        let text = try String(contentsOfFile: Support.path("Tests/MekongTests/Fixtures/golden/corpus-news.jsonl"), encoding: .utf8)
        var count = 0
        for line in text.split(separator: "\n") {
            let record = try JSONParser.parse(String(line))
            let problems = SchemaCheck(schema).problems(record)
            #expect(problems.isEmpty, "\(record["id"]?.stringValue ?? "?"): \(problems.prefix(3))")
            count += 1
        }
        #expect(count >= 10)
    }

    @Test func fixtureOutputAndErrorRecordsConform() throws {
        let dir = Support.temporaryDirectory()
        let inputs = ["warc", "xml", "plugins"].map { Support.path("Tests/MekongTests/Fixtures/" + $0) }
        let r = try Support.run([Support.mekong, "run", "-p", Support.path("Pipelines/news.json")] + inputs + ["-o", dir + "/out.jsonl", "--quiet", "--jobs", "2"])
        #expect(r.status == 0 || r.status == 1, "\(r.stderr)")
        var errors = 0, documents = 0
        for line in try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8).split(separator: "\n") {
            let record = try JSONParser.parse(String(line))
            if record["error"] != nil { errors += 1 } else { documents += 1 }
            let problems = SchemaCheck(schema).problems(record)
            #expect(problems.isEmpty, "\(record["id"]?.stringValue ?? "?"): \(problems.prefix(3))")
        }
        #expect(errors > 0 && documents > 0)
    }

    @Test func theCheckCatchesWhatItShould() throws {
        let good = try JSONParser.parse(#"{"id":"a","source":{"uri":"a","format":"text","size":1},"language":"vi","metadata":{"x":1},"text":"a","layers":{"quantities":[{"start":0,"end":1,"label":"number","text":"a","kind":"number","value":1}],"mine":[{"start":0,"end":1,"score":2}]}}"#)
        #expect(SchemaCheck(schema).problems(good).isEmpty)
        let stringValue = try JSONParser.parse(#"{"id":"a","source":{"uri":"a","format":"text","size":1},"language":"vi","metadata":{},"text":"a","layers":{"quantities":[{"start":0,"end":1,"label":"date","text":"a","kind":"date","value":"2026-02-09"}]}}"#)
        #expect(SchemaCheck(schema).problems(stringValue).contains { $0.contains("value") })
        let undeclared = try JSONParser.parse(#"{"id":"a","source":{"uri":"a","format":"text","size":1},"language":"vi","metadata":{},"text":"a","layers":{"entities":[{"start":0,"end":1,"label":"PER","text":"a","type":"PER","gender":"f"}]}}"#)
        #expect(SchemaCheck(schema).problems(undeclared).contains { $0.contains("gender") })
    }
}

/// The part of JSON Schema the record schema uses: `$ref` to `$defs`, `oneOf`, `type` (one or
/// several), `enum`, `properties`, `required`, `additionalProperties` (false or a schema), `items`.
struct SchemaCheck {
    let root: JSONValue
    init(_ root: JSONValue) { self.root = root }

    func problems(_ value: JSONValue) -> [String] { check(value, root, "$") }

    private func resolve(_ s: JSONValue) -> JSONValue {
        guard let ref = s["$ref"]?.stringValue, let name = ref.split(separator: "/").last,
              let target = root["$defs"]?[String(name)] else { return s }
        return resolve(target)
    }

    private func check(_ v: JSONValue, _ schema: JSONValue, _ path: String) -> [String] {
        let s = resolve(schema)
        if let variants = s["oneOf"]?.arrayValue {
            let results = variants.map { check(v, $0, path) }
            let matching = results.filter(\.isEmpty).count
            if matching == 1 { return [] }
            // None: the nearest variant's problems say what is wrong.
            return ["\(path): matches \(matching) of the oneOf variants"] + (results.min { $0.count < $1.count } ?? [])
        }
        if let types = s["type"].map({ $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue ?? ""] }),
           !types.contains(where: { Self.has(v, type: $0) }) {
            return ["\(path): expected \(types.joined(separator: " or ")), found \(v.typeName)"]
        }
        if let allowed = s["enum"]?.arrayValue, !allowed.contains(v) { return ["\(path): \(v) is not one of \(allowed)"] }
        var out: [String] = []
        if case .object(let o) = v {
            let properties = s["properties"]?.objectValue ?? JSONObject()
            for key in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where o[key] == nil {
                out.append("\(path).\(key): missing")
            }
            for member in o {
                let p = "\(path).\(member.key)"
                if let sub = properties[member.key] { out += check(member.value, sub, p) }
                else if let extra = s["additionalProperties"] {
                    if extra == .bool(false) { out.append("\(p): not declared") } else { out += check(member.value, extra, p) }
                }
            }
        }
        if case .array(let items) = v, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { out += check(item, itemSchema, "\(path)[\(i)]") }
        }
        return out
    }

    private static func has(_ v: JSONValue, type: String) -> Bool {
        switch (type, v) {
        case ("string", .string), ("boolean", .bool), ("null", .null), ("object", .object), ("array", .array),
             ("integer", .integer), ("number", .integer), ("number", .number): return true
        case ("integer", .number(let d)): return d == d.rounded()
        default: return false
        }
    }
}
