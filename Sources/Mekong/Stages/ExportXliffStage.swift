/// Writes one XLIFF 2.1 file per document for translators: a `<unit>` per paragraph, a
/// `<segment>` per sentence (the white space between them as `<ignorable>`, so the text comes
/// back exactly), entities marked as terms with their knowledge-base id (`<mrk type="term"
/// ref="https://www.wikidata.org/wiki/Q…">`), quantities protected (`translate="no"`) with their
/// rendering in the target language as `value`. Every mark carries its span in the document's
/// text (`mk:start`, `mk:end` in the `urn:mekong:xliff` namespace, code points), so a tool can
/// map it back to the source exactly.
public struct ExportXliffStage: DeclaredStage {
    public var gathersAcrossDocuments: Bool { true }
    let directory: String
    let targetLanguage: String

    public static let descriptor = StageDescriptor(
        name: "export.xliff",
        summary: "Writes an XLIFF 2.1 file per document: units per paragraph, segments per sentence, entities as terms with KB ids, quantities protected.",
        options: [
            OptionSpec("dir", .path, required: true, help: "The folder to write the .xlf files into (one per document, named after its id)."),
            OptionSpec("targetLanguage", .string, default: "en", help: "The trgLang of the files; quantities carry their rendering in it."),
        ],
        needs: [.text, .sentences], adds: [],
        example: ["dir": "out/xliff", "targetLanguage": "en"],
        make: { options in try ExportXliffStage(directory: options.string("dir")!, targetLanguage: options.string("targetLanguage")!, option: "\(options.path).dir") })

    init(directory: String, targetLanguage: String, option: String) throws(PipelineError) {
        do { try FileIO.makeDirectories(directory) } catch { throw PipelineError(path: option, message: "\(error)") }
        self.directory = directory
        self.targetLanguage = targetLanguage
    }

    public func process(_ document: inout Document) throws {
        let path = directory + "/" + Self.fileName(for: document.id)
        do { try FileIO.writeAll(path: path, Array(render(document).utf8)) } catch { throw StageError(stage: name, reason: "\(error)") }
    }

    /// A file name from a document id: safe characters kept, the rest as `_`, and a hash so two
    /// ids never share a file.
    static func fileName(for id: String) -> String {
        var safe = String(id.unicodeScalars.map { s -> Character in
            (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == ".")) ? Character(s) : "_"
        }.prefix(80))
        while safe.hasPrefix(".") { safe.removeFirst() }
        let h = id.utf8.reduce(FNV1a.seed, FNV1a.mix)
        return "\(safe.isEmpty ? "doc" : safe)-\(String(h % 0xFFFF_FFFF, radix: 16)).xlf"
    }

    static func reference(_ id: String) -> String {
        if id.hasPrefix("Q"), Int(id.dropFirst()) != nil { return "https://www.wikidata.org/wiki/\(id)" }
        return "urn:mekong:kb:\(id)"
    }

    func render(_ document: Document) -> String {
        let view = document.view
        let source = document.language.map(LanguageIdentifier.primarySubtag) ?? "und"
        let paragraphs = document.layers.spans(.paragraphs).map(\.range)
        let units = paragraphs.isEmpty ? [0..<view.count] : paragraphs
        let sentences = document.exportSentences
        // Marks: entities (terms) and quantities (protected), outermost first, never crossing.
        struct Mark { var range: Range<Int>; var open: String }
        var marks: [Mark] = []
        for e in document.layers.entities {
            var attributes = "type=\"term\""
            if let id = e.id { attributes += " ref=\"\(XMLText.escape(Self.reference(id), attribute: true))\"" }
            marks.append(Mark(range: e.range, open: attributes))
        }
        for q in document.layers.quantities where !marks.contains(where: { $0.range.overlaps(q.range) }) {
            var attributes = "translate=\"no\""
            if let r = q.rendering(in: targetLanguage) { attributes += " value=\"\(XMLText.escape(r, attribute: true))\"" }
            marks.append(Mark(range: q.range, open: attributes))
        }
        marks.sort { $0.range.lowerBound < $1.range.lowerBound }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mk=\"urn:mekong:xliff\" version=\"2.1\" srcLang=\"\(XMLText.escape(source, attribute: true))\" trgLang=\"\(XMLText.escape(targetLanguage, attribute: true))\">\n"
        out += "  <file id=\"f1\" original=\"\(XMLText.escape(document.source.uri.isEmpty ? document.id : document.source.uri, attribute: true))\">\n"
        var markNumber = 0
        for (u, unit) in units.enumerated() {
            out += "    <unit id=\"u\(u + 1)\">\n"
            var position = unit.lowerBound
            var pieces = 0
            func ignorable(_ r: Range<Int>) {
                guard !r.isEmpty else { return }
                pieces += 1
                out += "      <ignorable id=\"i\(pieces)\"><source>\(XMLText.escape(view.string(r)))</source></ignorable>\n"
            }
            for s in sentences where s.lowerBound < unit.upperBound && s.upperBound > unit.lowerBound {
                let r = max(s.lowerBound, unit.lowerBound)..<min(s.upperBound, unit.upperBound)
                ignorable(position..<r.lowerBound)
                pieces += 1
                var text = ""
                var i = r.lowerBound
                for m in marks where m.range.lowerBound >= r.lowerBound && m.range.upperBound <= r.upperBound && m.range.lowerBound >= i {
                    text += XMLText.escape(view.string(i..<m.range.lowerBound))
                    markNumber += 1
                    // mk:start and mk:end give the span back in the document's text (code points).
                    text += "<mrk id=\"m\(markNumber)\" \(m.open) mk:start=\"\(m.range.lowerBound)\" mk:end=\"\(m.range.upperBound)\">\(XMLText.escape(view.string(m.range)))</mrk>"
                    i = m.range.upperBound
                }
                text += XMLText.escape(view.string(i..<r.upperBound))
                out += "      <segment id=\"s\(pieces)\"><source>\(text)</source></segment>\n"
                position = r.upperBound
            }
            if pieces == 0 {
                out += "      <segment id=\"s1\"><source>\(XMLText.escape(view.string(unit)))</source></segment>\n"
            } else {
                ignorable(position..<unit.upperBound)
            }
            out += "    </unit>\n"
        }
        out += "  </file>\n</xliff>\n"
        return out
    }
}
