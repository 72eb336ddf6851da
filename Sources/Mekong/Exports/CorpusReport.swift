/// A one-page HTML report of a run's output (its JSON Lines records): counts, languages, the most
/// frequent entities per type with their links, quantities by kind and money totals by
/// currency, documents per day, and the errors — with bar charts drawn as inline SVG. The page
/// is self-contained: no script, no font, no request to any network.
public struct CorpusReport {
    struct EntityRow { var text: String; var id: String?; var names: [String: String]; var count: Int }

    public private(set) var documents = 0
    public private(set) var failed: [(id: String, stage: String, message: String)] = []
    var languages: [String: Int] = [:]
    var formats: [String: Int] = [:]
    var characters = 0
    var layerCounts: [String: Int] = [:]
    var entityTypes: [String: Int] = [:]
    var entities: [String: [String: EntityRow]] = [:]
    var quantityKinds: [String: Int] = [:]
    var money: [String: (sum: Double, count: Int)] = [:]
    var days: [String: Int] = [:]

    public init() {}

    /// Adds one record (a document or an error record).
    public mutating func add(_ record: JSONValue) {
        guard let o = record.objectValue else { return }
        if let e = o["error"]?.objectValue {
            failed.append((o["id"]?.stringValue ?? "?", e["stage"]?.stringValue ?? "?", e["message"]?.stringValue ?? ""))
            return
        }
        documents += 1
        languages[o["language"]?.stringValue ?? "und", default: 0] += 1
        formats[o["source"]?["format"]?.stringValue ?? "?", default: 0] += 1
        characters += o["text"]?.stringValue?.unicodeScalars.count ?? 0
        let metadata = o["metadata"]
        let date = metadata?["published"]?.stringValue ?? metadata?["crawlDate"]?.stringValue
        days[date.map { String($0.prefix(10)) } ?? "undated", default: 0] += 1
        for m in o["layers"]?.objectValue ?? JSONObject() {
            let items = m.value.arrayValue ?? []
            layerCounts[m.key, default: 0] += items.count
            if m.key == "entities" {
                for e in items {
                    let type = e["label"]?.stringValue ?? EntityAnnotation.untyped
                    let text = e[EntityField.text.rawValue]?.stringValue ?? ""
                    let id = e[EntityField.id.rawValue]?.stringValue
                    let key = id ?? "NIL:" + AliasKey.quick(text[...])
                    entityTypes[type, default: 0] += 1
                    var row = entities[type, default: [:]][key] ?? EntityRow(text: text, id: id, names: [:], count: 0)
                    row.count += 1
                    for n in e[EntityField.names.rawValue]?.objectValue ?? JSONObject() { if let s = n.value.stringValue { row.names[n.key] = s } }
                    entities[type, default: [:]][key] = row
                }
            }
            if m.key == "quantities" {
                for q in items {
                    let kind = q[QuantityField.kind.rawValue]?.stringValue ?? q["label"]?.stringValue ?? "number"
                    quantityKinds[kind == "range" ? "range of \(q[QuantityField.of.rawValue]?.stringValue ?? "numbers")" : kind, default: 0] += 1
                    if kind == "money", let code = q[QuantityField.unit.rawValue]?.stringValue, let v = q[QuantityField.value.rawValue]?.doubleValue {
                        money[code, default: (0, 0)].sum += v
                        money[code, default: (0, 0)].count += 1
                    }
                }
            }
        }
    }

    // MARK: HTML

    static func e(_ s: String) -> String { XMLText.escape(s, attribute: true) }

    /// Horizontal bars, largest first, drawn as inline SVG.
    static func bars(_ data: [(String, Int)], color: String) -> String {
        guard let top = data.map(\.1).max(), top > 0 else { return "<p class=\"none\">none</p>" }
        let rowHeight = 22
        var svg = "<svg class=\"chart\" viewBox=\"0 0 560 \(data.count * rowHeight + 4)\" role=\"img\">"
        for (i, (label, value)) in data.enumerated() {
            let y = i * rowHeight + 2
            let width = max(2, Int(Double(value) / Double(top) * 330))
            svg += "<text x=\"150\" y=\"\(y + 15)\" text-anchor=\"end\">\(e(String(label.prefix(24))))</text>"
            svg += "<rect x=\"158\" y=\"\(y + 3)\" width=\"\(width)\" height=\"16\" rx=\"3\" fill=\"\(color)\"><title>\(e(label)): \(value)</title></rect>"
            svg += "<text x=\"\(164 + width)\" y=\"\(y + 15)\">\(value)</text>"
        }
        return svg + "</svg>"
    }

    /// Documents per day as columns.
    static func columns(_ data: [(String, Int)]) -> String {
        guard let top = data.map(\.1).max(), top > 0 else { return "<p class=\"none\">no dates</p>" }
        let width = max(560, data.count * 28 + 40)
        var svg = "<svg class=\"chart days\" viewBox=\"0 0 \(width) 190\" role=\"img\">"
        for (i, (day, value)) in data.enumerated() {
            let h = max(2, Int(Double(value) / Double(top) * 130))
            let x = 30 + i * 28
            svg += "<rect x=\"\(x)\" y=\"\(150 - h)\" width=\"20\" height=\"\(h)\" rx=\"2\" fill=\"#2a7ab0\"><title>\(e(day)): \(value)</title></rect>"
            svg += "<text x=\"\(x + 10)\" y=\"\(145 - h)\" text-anchor=\"middle\">\(value)</text>"
            svg += "<text x=\"\(x + 10)\" y=\"168\" text-anchor=\"end\" transform=\"rotate(-40 \(x + 10) 168)\" class=\"small\">\(e(String(day.suffix(5))))</text>"
        }
        return svg + "</svg>"
    }

    static func link(_ id: String?) -> String {
        guard let id else { return "<span class=\"nil\">NIL</span>" }
        if id.hasPrefix("Q"), Int(id.dropFirst()) != nil { return "<a href=\"https://www.wikidata.org/wiki/\(e(id))\">\(e(id))</a>" }
        return "<code>\(e(id))</code>"
    }

    static func amount(_ v: Double) -> String {
        let units: [(Double, String)] = [(1e12, " trillion"), (1e9, " billion"), (1e6, " million"), (1e3, " thousand")]
        for (size, word) in units where abs(v) >= size {
            let x = (v / size * 100).rounded() / 100
            return (x == x.rounded() ? String(Int(x)) : String(x)) + word
        }
        return v == v.rounded() ? String(Int(v)) : String(v)
    }

    public func html(title: String) -> String {
        let sortedLanguages = languages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.e(title))</title>
            <style>
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}
            header{background:#15384f;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.8}
            main{padding:20px 32px;display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:18px}
            section{background:#fff;border-radius:8px;padding:14px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
            section.wide{grid-column:1/-1}h2{font-size:16px;margin:0 0 10px}
            .kpis{display:flex;gap:14px;flex-wrap:wrap}.kpi{background:#eef3f7;border-radius:6px;padding:10px 14px;min-width:120px}
            .kpi b{display:block;font-size:22px}table{border-collapse:collapse;width:100%;font-size:14px}
            td,th{text-align:left;padding:4px 8px;border-bottom:1px solid #e5e9ee}th{color:#5b6b7b;font-weight:600}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.chart{width:100%;height:auto}.chart text{font-size:12px;fill:#33414f}
            .chart .small{font-size:10px}.chart.days{max-height:220px;width:auto;max-width:100%}.nil{color:#a0522d}.none{color:#888}code{font-size:13px}a{color:#1f6fa8}
            </style></head><body>
            <header><h1>\(Self.e(title))</h1><p>\(documents) documents, \(failed.count) errors</p></header><main>
            <section class="wide"><h2>At a glance</h2><div class="kpis">
            <div class="kpi"><b>\(documents)</b>documents</div><div class="kpi"><b>\(failed.count)</b>errors</div>
            <div class="kpi"><b>\(characters)</b>characters</div>
            """
        for layer in ["sentences", "words", "entities", "quantities"] {
            out += "<div class=\"kpi\"><b>\(layerCounts[layer, default: 0])</b>\(layer)</div>"
        }
        out += "</div></section>\n"
        out += "<section><h2>Languages</h2>\(Self.bars(sortedLanguages.map { ($0.key, $0.value) }, color: "#3d8c6f"))</section>\n"
        out += "<section><h2>Entities by type</h2>\(Self.bars(entityTypes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }, color: "#8a5cb8"))</section>\n"
        for type in ["PER", "ORG", "LOC", "EVENT", "PRODUCT", "MISC"] {
            guard let rows = entities[type], !rows.isEmpty else { continue }
            out += "<section><h2>Most frequent \(type)</h2><table><tr><th>name</th><th>link</th><th>en</th><th>fr</th><th class=\"n\">count</th></tr>"
            for r in rows.values.sorted(by: { ($0.count, $1.text) > ($1.count, $0.text) }).prefix(12) {
                out += "<tr><td>\(Self.e(r.text))</td><td>\(Self.link(r.id))</td><td>\(Self.e(r.names["en"] ?? ""))</td><td>\(Self.e(r.names["fr"] ?? ""))</td><td class=\"n\">\(r.count)</td></tr>"
            }
            out += "</table></section>\n"
        }
        out += "<section><h2>Quantities by kind</h2>\(Self.bars(quantityKinds.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }, color: "#c07a2c"))</section>\n"
        out += "<section><h2>Money mentioned, by currency</h2><table><tr><th>currency</th><th class=\"n\">total</th><th class=\"n\">mentions</th></tr>"
        for (code, m) in money.sorted(by: { ($0.value.count, $1.key) > ($1.value.count, $0.key) }) {
            out += "<tr><td>\(Self.e(code))</td><td class=\"n\">\(Self.amount(m.sum))</td><td class=\"n\">\(m.count)</td></tr>"
        }
        out += "</table></section>\n"
        let dated = days.filter { $0.key != "undated" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        out += "<section class=\"wide\"><h2>Documents per day</h2>\(Self.columns(dated))<p class=\"none\">\(days["undated", default: 0]) documents without a date</p></section>\n"
        out += "<section class=\"wide\"><h2>Errors</h2>"
        if failed.isEmpty { out += "<p class=\"none\">none</p>" } else {
            out += "<table><tr><th>document</th><th>stage</th><th>reason</th></tr>"
            for f in failed.prefix(200) { out += "<tr><td>\(Self.e(f.id))</td><td>\(Self.e(f.stage))</td><td>\(Self.e(f.message))</td></tr>" }
            out += "</table>"
            if failed.count > 200 { out += "<p>… and \(failed.count - 200) more</p>" }
        }
        out += "</section>\n</main></body></html>\n"
        return out
    }
}
