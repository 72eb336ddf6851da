import Foundation

/// Writes a TBX-Basic glossary of the corpus's entities when the run ends: a concept per linked
/// entity and per unknown name (flagged NIL), the source-language terms as found (every surface
/// form, with its frequency and a context sentence), the knowledge base's names in the target
/// languages, the entity type and the knowledge-base id as an external cross-reference.
///
/// Two flavours of the same content (`format`): TBX-Basic 2008 (ISO 30042:2008, `<martif>`,
/// what translate-toolkit, Weblate and most CAT tools import; the default) and TBX-Basic v3
/// (ISO 30042:2019, DCA style, `<tbx>`).
public struct ExportTbxStage: DeclaredStage {
    /// The TBX flavours the stage writes, by their option value.
    public enum Format: String, Sendable, CaseIterable {
        /// TBX-Basic after ISO 30042:2008: `<martif type="TBX-Basic">`, `termEntry`/`langSet`/`tig`, no namespace.
        case basic2008 = "tbx-basic-2008"
        /// TBX-Basic after ISO 30042:2019 (TBX v3), DCA style: `<tbx>`, `conceptEntry`/`langSec`/`termSec`.
        case basicV3 = "tbx-basic-v3"
    }

    public var gathersAcrossDocuments: Bool { true }
    let file: ExportFile
    let glossary = Glossary()
    let targets: [String]
    let minimumFrequency: Int
    let includeNIL: Bool
    let format: Format

    public static let descriptor = StageDescriptor(
        name: "export.tbx",
        summary: "Writes a TBX-Basic glossary of the corpus's entities at the end of the run (TBX 2008 or v3): terms as found, names in target languages, type, KB id, frequency, context.",
        options: [
            OptionSpec("path", .path, required: true, help: "The .tbx file to write."),
            OptionSpec("format", .choice(Format.allCases.map(\.rawValue)), default: .string(Format.basic2008.rawValue),
                       help: "tbx-basic-2008: <martif>, ISO 30042:2008, what translate-toolkit/Weblate and most CAT tools read; tbx-basic-v3: <tbx>, ISO 30042:2019 (DCA)."),
            OptionSpec("targets", .stringList, default: ["en", "fr"], help: "Languages to give the knowledge base's names in."),
            OptionSpec("minFrequency", .integer, default: 1, minimum: 1, help: "Leave out entities seen fewer times."),
            OptionSpec("includeNIL", .boolean, default: true, help: "Keep names the knowledge base lacks, as NIL concepts."),
        ],
        needs: [.text, .entities], adds: [],
        example: ["path": "out/glossary.tbx", "format": "tbx-basic-2008", "targets": ["en", "fr"]],
        make: { options in try ExportTbxStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        file = try ExportFile(path: options.string("path")!, option: "\(options.path).path")
        targets = options.strings("targets")!
        minimumFrequency = options.int("minFrequency")!
        includeNIL = options.bool("includeNIL")!
        // The loader has checked the value against the choices.
        format = Format(rawValue: options.string("format")!)!
    }

    public func process(_ document: inout Document) throws { glossary.add(document) }

    public func finish() {
        // A write error at the end has no document to report on: it goes to standard error.
        do {
            let concepts = glossary.sorted(minimumFrequency: minimumFrequency, includeNIL: includeNIL)
            try file.write(Self.render(concepts, source: glossary.sourceLanguage, targets: targets, format: format))
        } catch {
            StandardError.write("mekong: export.tbx: \(error)\n")
        }
        file.close()
    }

    /// The element names and values that differ between the flavours; the data categories
    /// (`descrip`, `admin`, `termNote`, `xref`, `note`) and their levels are the same in both.
    struct Vocabulary {
        var entry, language, term: String
        /// What a name is: TBX-Basic 2008 has `properNoun`; v3 dropped it from the picklist.
        var namePartOfSpeech: String

        static func of(_ format: Format) -> Vocabulary {
            switch format {
            case .basic2008: Vocabulary(entry: "termEntry", language: "langSet", term: "tig", namePartOfSpeech: "properNoun")
            case .basicV3: Vocabulary(entry: "conceptEntry", language: "langSec", term: "termSec", namePartOfSpeech: "noun")
            }
        }
    }

    static func header(_ format: Format, source: String) -> String {
        let lang = XMLText.escape(source, attribute: true)
        let description = "<p>Entities of a news corpus, found and linked by Mekong.</p>"
        switch format {
        case .basic2008:
            // No namespace (TBX 2008 has none) and no DOCTYPE: the DTD is not shipped, and a
            // reader that tried to fetch it would fail offline. `XCSURI` names the TBX-Basic
            // constraint specification, as TBX-Basic files declare it.
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <martif type="TBX-Basic" xml:lang="\(lang)">
                  <martifHeader>
                    <fileDesc>
                      <sourceDesc>
                        \(description)
                      </sourceDesc>
                    </fileDesc>
                    <encodingDesc>
                      <p type="XCSURI">TBXBasicXCSV02.xcs</p>
                    </encodingDesc>
                  </martifHeader>
                  <text>
                    <body>

                """
        case .basicV3:
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tbx type="TBX-Basic" style="dca" xml:lang="\(lang)" xmlns="urn:iso:std:iso:30042:ed-2">
                  <tbxHeader>
                    <fileDesc>
                      <sourceDesc>
                        \(description)
                      </sourceDesc>
                    </fileDesc>
                  </tbxHeader>
                  <text>
                    <body>

                """
        }
    }

    static func render(_ concepts: [Glossary.Concept], source: String, targets: [String], format: Format) -> String {
        func e(_ s: String) -> String { XMLText.escape(s) }
        func a(_ s: String) -> String { XMLText.escape(s, attribute: true) }
        let v = Vocabulary.of(format)
        var out = header(format, source: source)
        func knowledgeBaseTerm(_ name: String) {
            out += "          <\(v.term)>\n            <term>\(e(name))</term>\n"
            out += "            <termNote type=\"partOfSpeech\">\(v.namePartOfSpeech)</termNote>\n"
            out += "            <admin type=\"source\">knowledge base</admin>\n          </\(v.term)>\n"
        }
        for (n, c) in concepts.enumerated() {
            out += "      <\(v.entry) id=\"c\(n + 1)\">\n"
            if let id = c.id {
                out += "        <xref type=\"externalCrossReference\" target=\"\(a(ExportXliffStage.reference(id)))\">\(e(id))</xref>\n"
            }
            out += "        <note>type: \(e(c.type)); frequency: \(c.frequency)\(c.id == nil ? "; NIL: not in the knowledge base" : "")</note>\n"
            // The terms as found, per language (source language first), then the knowledge base's
            // names in the target languages where the corpus did not already give one.
            let found = c.languages.sorted { ($0 == source ? 0 : 1, $0) < ($1 == source ? 0 : 1, $1) }
            for lang in found {
                out += "        <\(v.language) xml:lang=\"\(a(lang))\">\n"
                for (i, f) in c.forms.filter({ $0.language == lang }).enumerated() {
                    out += "          <\(v.term)>\n"
                    out += "            <term>\(e(f.text))</term>\n"
                    out += "            <termNote type=\"partOfSpeech\">\(v.namePartOfSpeech)</termNote>\n"
                    out += "            <termNote type=\"termType\">\(i == 0 ? "fullForm" : "variant")</termNote>\n"
                    if !f.context.isEmpty { out += "            <descrip type=\"context\">\(e(f.context))</descrip>\n" }
                    out += "            <note>frequency: \(f.count)</note>\n"
                    out += "          </\(v.term)>\n"
                }
                if let name = c.names[lang], !c.forms.contains(where: { $0.language == lang && $0.text == name }) {
                    knowledgeBaseTerm(name)
                }
                out += "        </\(v.language)>\n"
            }
            for lang in targets where !found.contains(lang) {
                guard let name = c.names[lang] else { continue }
                out += "        <\(v.language) xml:lang=\"\(a(lang))\">\n"
                knowledgeBaseTerm(name)
                out += "        </\(v.language)>\n"
            }
            out += "      </\(v.entry)>\n"
        }
        out += format == .basic2008 ? "    </body>\n  </text>\n</martif>\n" : "    </body>\n  </text>\n</tbx>\n"
        return out
    }
}

/// Glossary rows for CAT tools (source term, a column per target language, type, note), as CSV
/// (RFC 4180 quoting) or TSV, UTF-8 with a byte-order mark so spreadsheet tools read it right.
public struct ExportCsvStage: DeclaredStage {
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
