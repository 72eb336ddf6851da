import Foundation

/// Writes a TBX-Basic glossary (ISO 30042, DCA style) of the corpus's entities when the run
/// ends: a concept per linked entity and per unknown name (flagged NIL), the source-language
/// terms as found (every surface form, with its frequency and a context sentence), the
/// knowledge base's names in the target languages, the entity type and the knowledge-base id as
/// an external cross-reference.
public struct ExportTbxStage: Stage {
    public let name = "export.tbx"
    public let needs: [LayerName] = [.text, .entities]
    public let adds: [LayerName] = []
    public var gathersAcrossDocuments: Bool { true }
    let file: ExportFile
    let glossary = Glossary()
    let targets: [String]
    let minimumFrequency: Int
    let includeNIL: Bool

    public static let descriptor = StageDescriptor(
        name: "export.tbx",
        summary: "Writes a TBX-Basic glossary of the corpus's entities at the end of the run: terms as found, names in target languages, type, KB id, frequency, context.",
        options: [
            OptionSpec("path", .path, required: true, help: "The .tbx file to write."),
            OptionSpec("targets", .stringList, default: ["en", "fr"], help: "Languages to give the knowledge base's names in."),
            OptionSpec("minFrequency", .integer, default: 1, minimum: 1, help: "Leave out entities seen fewer times."),
            OptionSpec("includeNIL", .boolean, default: true, help: "Keep names the knowledge base lacks, as NIL concepts."),
        ],
        needs: [.text, .entities], adds: [],
        example: ["path": "out/glossary.tbx", "targets": ["en", "fr"]],
        make: { options in try ExportTbxStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        file = try ExportFile(path: options.string("path")!, option: "\(options.path).path")
        targets = options.strings("targets")!
        minimumFrequency = options.int("minFrequency")!
        includeNIL = options.bool("includeNIL")!
    }

    public func process(_ document: inout Document) throws { glossary.add(document) }

    public func finish() {
        // A write error at the end has no document to report on: it goes to standard error.
        do { try file.write(Self.render(glossary.sorted(minimumFrequency: minimumFrequency, includeNIL: includeNIL), source: glossary.sourceLanguage, targets: targets)) } catch {
            StandardError.write("mekong: export.tbx: \(error)\n")
        }
        file.close()
    }

    static func render(_ concepts: [Glossary.Concept], source: String, targets: [String]) -> String {
        func e(_ s: String) -> String { XMLText.escape(s) }
        func a(_ s: String) -> String { XMLText.escape(s, attribute: true) }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tbx type="TBX-Basic" style="dca" xml:lang="\(a(source))" xmlns="urn:iso:std:iso:30042:ed-2">
              <tbxHeader>
                <fileDesc>
                  <sourceDesc>
                    <p>Entities of a news corpus, found and linked by Mekong.</p>
                  </sourceDesc>
                </fileDesc>
              </tbxHeader>
              <text>
                <body>

            """
        for (n, c) in concepts.enumerated() {
            out += "      <conceptEntry id=\"c\(n + 1)\">\n"
            if let id = c.id {
                out += "        <xref type=\"externalCrossReference\" target=\"\(a(ExportXliffStage.reference(id)))\">\(e(id))</xref>\n"
            }
            out += "        <note>type: \(e(c.type)); frequency: \(c.frequency)\(c.id == nil ? "; NIL: not in the knowledge base" : "")</note>\n"
            // The terms as found, per language (source language first), then the knowledge base's
            // names in the target languages where the corpus did not already give one.
            let found = c.languages.sorted { ($0 == source ? 0 : 1, $0) < ($1 == source ? 0 : 1, $1) }
            for lang in found {
                out += "        <langSec xml:lang=\"\(a(lang))\">\n"
                for (i, f) in c.forms.filter({ $0.language == lang }).enumerated() {
                    out += "          <termSec>\n"
                    out += "            <term>\(e(f.text))</term>\n"
                    out += "            <termNote type=\"partOfSpeech\">noun</termNote>\n"
                    out += "            <termNote type=\"termType\">\(i == 0 ? "fullForm" : "variant")</termNote>\n"
                    if !f.context.isEmpty { out += "            <descrip type=\"context\">\(e(f.context))</descrip>\n" }
                    out += "            <note>frequency: \(f.count)</note>\n"
                    out += "          </termSec>\n"
                }
                if let name = c.names[lang], !c.forms.contains(where: { $0.language == lang && $0.text == name }) {
                    out += "          <termSec>\n            <term>\(e(name))</term>\n"
                    out += "            <termNote type=\"partOfSpeech\">noun</termNote>\n"
                    out += "            <admin type=\"source\">knowledge base</admin>\n          </termSec>\n"
                }
                out += "        </langSec>\n"
            }
            for lang in targets where !found.contains(lang) {
                guard let name = c.names[lang] else { continue }
                out += "        <langSec xml:lang=\"\(a(lang))\">\n"
                out += "          <termSec>\n            <term>\(e(name))</term>\n"
                out += "            <termNote type=\"partOfSpeech\">noun</termNote>\n"
                out += "            <admin type=\"source\">knowledge base</admin>\n          </termSec>\n"
                out += "        </langSec>\n"
            }
            out += "      </conceptEntry>\n"
        }
        out += "    </body>\n  </text>\n</tbx>\n"
        return out
    }
}

/// Glossary rows for CAT tools (source term, a column per target language, type, note), as CSV
/// (RFC 4180 quoting) or TSV, UTF-8 with a byte-order mark so spreadsheet tools read it right.
public struct ExportCsvStage: Stage {
    public let name = "export.csv"
    public let needs: [LayerName] = [.text, .entities]
    public let adds: [LayerName] = []
    public var gathersAcrossDocuments: Bool { true }
    let file: ExportFile
    let glossary = Glossary()
    let targets: [String]
    let separator: String
    let minimumFrequency: Int

    public static let descriptor = StageDescriptor(
        name: "export.csv",
        summary: "Writes a glossary CSV/TSV of the corpus's entities (source term, target terms, type, note) at the end of the run.",
        options: [
            OptionSpec("path", .path, required: true, help: "The file to write."),
            OptionSpec("targets", .stringList, default: ["en", "fr"], help: "A column per target language."),
            OptionSpec("format", .choice(["csv", "tsv"]), default: "csv", help: "Comma-separated with quotes, or tab-separated."),
            OptionSpec("minFrequency", .integer, default: 1, minimum: 1, help: "Leave out entities seen fewer times."),
        ],
        needs: [.text, .entities], adds: [],
        example: ["path": "out/glossary.csv"],
        make: { options in try ExportCsvStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        file = try ExportFile(path: options.string("path")!, option: "\(options.path).path")
        targets = options.strings("targets")!
        separator = options.string("format") == "tsv" ? "\t" : ","
        minimumFrequency = options.int("minFrequency")!
    }

    public func process(_ document: inout Document) throws { glossary.add(document) }

    public func finish() {
        do { try file.write(render(glossary.sorted(minimumFrequency: minimumFrequency, includeNIL: true), source: glossary.sourceLanguage)) } catch {
            StandardError.write("mekong: export.csv: \(error)\n")
        }
        file.close()
    }

    func field(_ s: String) -> String {
        if separator == "\t" { return String(s.map { $0 == "\t" || $0 == "\n" ? " " : $0 }) }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func render(_ concepts: [Glossary.Concept], source: String) -> String {
        var out = "\u{FEFF}" + ([source] + targets + ["type", "note"]).map(field).joined(separator: separator) + "\r\n"
        for c in concepts {
            let first = c.term(in: source) ?? c.names[source] ?? c.forms.first?.text ?? ""
            let variants = c.forms.map(\.text).filter { $0 != first }
            var note = "frequency \(c.frequency)"
            if let id = c.id { note += "; id \(id)" } else { note += "; NIL" }
            if !variants.isEmpty { note += "; also: " + variants.joined(separator: ", ") }
            let row = [first] + targets.map { c.names[$0] ?? c.term(in: $0) ?? "" } + [c.type, note]
            out += row.map(field).joined(separator: separator) + "\r\n"
        }
        return out
    }
}
