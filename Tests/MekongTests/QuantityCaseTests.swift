import Foundation
import Testing
@testable import Mekong

/// The table of quantity cases in `Fixtures/quantities/cases.tsv`: each line is a sentence and
/// every quantity it must give — span text, kind, value, unit, qualifier — or none at all.
@Suite struct QuantityCaseTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: Int
        var language: String
        var input: String
        var expected: [Expected]
        var testDescription: String { "\(line): [\(language)] \(input)" }
    }

    struct Expected: Sendable, CustomStringConvertible {
        var text: String
        var kind: String
        var value: String
        var unit: String?
        var approximate: String?
        var description: String {
            "\(text) = \(kind) \(value)\(unit.map { " \($0)" } ?? "")\(approximate.map { " ~\($0)" } ?? "")"
        }
    }

    static let cases: [Case] = {
        let bytes = (try? FileIO.readAll(Support.fixtures + "/quantities/cases.tsv")) ?? []
        let text = String(decoding: bytes, as: UTF8.self)
        var out: [Case] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.isEmpty || raw.hasPrefix("#") { continue }
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(f.count == 3, "cases.tsv:\(n + 1): expected 3 fields")
            let expected: [Expected] = f[2] == "-" ? [] : f[2].components(separatedBy: " ;; ").map { item in
                let halves = item.components(separatedBy: " = ")
                precondition(halves.count == 2, "cases.tsv:\(n + 1): expected TEXT = KIND VALUE")
                var words = halves[1].split(separator: " ").map(String.init)
                var approximate: String?
                if let tilde = words.firstIndex(where: { $0.hasPrefix("~") }) {
                    approximate = String(words[tilde...].joined(separator: " ").dropFirst())
                    words.removeSubrange(tilde...)
                }
                return Expected(text: halves[0], kind: words[0], value: words[1], unit: words.count > 2 ? words[2] : nil, approximate: approximate)
            }
            out.append(Case(line: n + 1, language: f[0], input: f[1], expected: expected))
        }
        return out
    }()

    
    @Test func thereAreEnoughCases() {
        #expect(Self.cases.count >= 300)
        let languages = Dictionary(grouping: Self.cases, by: \.language).mapValues(\.count)
        #expect(languages["vi", default: 0] >= 150)
        #expect(Set(languages.keys) == ["vi", "en", "fr", "de"])
        #expect(Self.cases.filter(\.expected.isEmpty).count >= 30, "negatives")
    }

    @Test(arguments: cases)
    func quantityCase(_ c: Case) throws {
        var doc = Document(id: "case", text: c.input)
        doc.language = c.language
        try NormalizeStage().process(&doc)
        try TokensStage().process(&doc)
        try QuantitiesStage(language: c.language).process(&doc)
        let found = doc.layers[.quantities]
        let got = found.map { q -> String in
            let kind = q["kind"]!.stringValue! + (q["of"]?.stringValue.map { ":" + $0 } ?? "")
            let value: String
            if let lo = q["min"]?.doubleValue, let hi = q["max"]?.doubleValue { value = "\(Self.number(lo))..\(Self.number(hi))" }
            else if let s = q["normal"]?.stringValue { value = s }
            else { value = Self.number(q["value"]?.doubleValue ?? .nan) }
            return Expected(text: q["text"]!.stringValue!, kind: kind, value: value, unit: q["unit"]?.stringValue,
                            approximate: q["approximate"]?.stringValue).description
        }
        let want = c.expected.map { e -> String in
            var e = e
            if let d = Double(e.value) { e.value = Self.number(d) }
            if e.value.contains(".."), let r = e.value.range(of: ".."), let lo = Double(e.value[..<r.lowerBound]), let hi = Double(e.value[r.upperBound...]) {
                e.value = "\(Self.number(lo))..\(Self.number(hi))"
            }
            return e.description
        }
        #expect(got == want, "line \(c.line)")
        // Spans are exact: the text attribute is the text at the offsets.
        let view = doc.view
        for q in found { #expect(view.string(q.range) == q["text"]?.stringValue) }
    }

    /// Tools rely on the shape: `value`, `min` and `max` are numbers or absent, never strings;
    /// dates, times and durations have a `normal` form; durations a unit word.
    @Test func valuesAreNumbersAndNormalFormsSayTheRest() throws {
        var kinds = Set<String>()
        for c in Self.cases {
            var doc = Document(id: "case", text: c.input)
            doc.language = c.language
            try NormalizeStage().process(&doc)
            try TokensStage().process(&doc)
            try QuantitiesStage(language: c.language).process(&doc)
            for q in doc.layers[.quantities] {
                let kind = q["of"]?.stringValue ?? q["kind"]!.stringValue!
                kinds.insert(kind)
                for field in ["value", "min", "max"] {
                    if let v = q[field] { #expect(v.doubleValue != nil, "line \(c.line): \(field) \(v)") }
                }
                #expect(q["amount"] == nil)
                if ["date", "time", "duration"].contains(kind) {
                    #expect(q["normal"]?.stringValue != nil, "line \(c.line)")
                    if kind == "date" { #expect(q["normal"]!.stringValue!.split(separator: "/").allSatisfy { $0.count == 10 }, "line \(c.line)") }
                    if kind == "duration" {
                        #expect(["year", "month", "week", "day", "hour", "minute", "second"].contains(q["unit"]?.stringValue ?? ""), "line \(c.line)")
                    }
                } else {
                    #expect(q["normal"] == nil, "line \(c.line)")
                }
            }
        }
        #expect(kinds.isSuperset(of: ["date", "time", "duration", "money", "number"]))
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e17 ? String(Int64(d)) : String(format: "%.10g", d)
    }
}
