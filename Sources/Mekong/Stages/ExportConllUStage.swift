/// Writes sentences and words as CoNLL-U for NLP tools: `# newdoc id`, `# sent_id`, `# text`,
/// one line per word (Vietnamese words keep their spaces inside FORM, as UD Vietnamese-VTB
/// writes them), `SpaceAfter=No` where no space follows, and entities and quantities as BIO
/// tags in MISC (`NE=B-PER|EntityId=Q3052772`, `Quantity=B-money`). `NE=` is the key CoNLL-U
/// NER readers take the tag from (spaCy's `spacy convert` among them).
public struct ExportConllUStage: DeclaredStage {
    public var gathersAcrossDocuments: Bool { true }
    let file: ExportFile

    public static let descriptor = StageDescriptor(
        name: "export.conllu",
        summary: "Writes sentences and words as CoNLL-U (SpaceAfter=No; entities and quantities as BIO tags in MISC: NE=B-PER, Quantity=B-money).",
        options: [OptionSpec("path", .path, required: true, help: "The .conllu file to write (documents in the order they finish; one worker keeps input order).")],
        needs: [.text, .tokens], adds: [],
        example: ["path": "out/corpus.conllu"],
        make: { options in try ExportConllUStage(path: options.string("path")!, option: "\(options.path).path") })

    init(path: String, option: String) throws(PipelineError) {
        file = try ExportFile(path: path, option: option)
    }

    public func process(_ document: inout Document) throws {
        do { try file.write(Self.render(document)) } catch { throw StageError(stage: name, reason: "\(error)") }
    }

    public func finish() { file.close() }

    static func render(_ document: Document) -> String {
        let view = document.view
        let units = document.exportUnits
        let entities = document.layers.entities
        let quantities = document.layers.quantities
        var out = "# newdoc id = \(CoNLLUWriter.oneLine(document.id))\n"
        var u = 0
        for (n, sentence) in document.exportSentences.enumerated() {
            while u < units.count, units[u].end <= sentence.lowerBound { u += 1 }
            var words: [SpanLayer.Span] = []
            while u < units.count, units[u].start < sentence.upperBound { words.append(units[u]); u += 1 }
            out += CoNLLUWriter.sentence(id: "\(document.id)-\(n + 1)", range: sentence, words: words, view: view) { w in
                var misc: [String] = []
                if let e = entities.first(where: { $0.start <= w.start && w.end <= $0.end }) {
                    misc.append("NE=\(e.start == w.start ? "B" : "I")-\(e.type)")
                    if let id = e.id { misc.append("EntityId=\(id)") }
                }
                if let q = quantities.first(where: { $0.start <= w.start && w.end <= $0.end }) {
                    misc.append("Quantity=\(q.start == w.start ? "B" : "I")-\(q.kind)")
                }
                return misc
            }
        }
        return out
    }
}
