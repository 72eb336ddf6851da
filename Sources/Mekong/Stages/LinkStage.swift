/// Links each entity mention to the knowledge base: adds `id` (or `nil: true` and a `cluster`
/// shared by the same unknown name in the document), `score`, and the entity's `names` in the
/// target languages, to the mentions of the `entities` layer.
public struct LinkStage: DeclaredStage {
    let knowledgeBase: LoadOnce<KnowledgeBasePool, PipelineError>
    let targets: [String]
    let threshold: Double

    public static let descriptor = StageDescriptor(
        name: "link",
        summary: "Links entity mentions to knowledge-base ids (prior, type, context, coherence), with their names in target languages; NIL below a threshold, clustered by name.",
        options: [
            OptionSpec("kb", .resource, help: "The knowledge base (by default the one that ships)."),
            OptionSpec("targets", .stringList, default: ["vi", "en", "fr"], help: "Languages to give each linked entity's name in."),
            OptionSpec("threshold", .number, default: 0.35, minimum: 0, maximum: 1, help: "Below this score a mention is NIL."),
        ],
        needs: [.text, .entities], adds: [.entities],
        example: ["targets": ["en", "fr"], "threshold": 0.4],
        make: { options in try LinkStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        knowledgeBase = EntitiesStage.pool(options.string("kb"), option: "\(options.path).kb")
        targets = try options.languageTags("targets")!
        threshold = options.double("threshold")!
    }

    public init(kb: String? = nil, targets: [String] = ["vi", "en", "fr"], threshold: Double = 0.35) throws(PipelineError) {
        knowledgeBase = EntitiesStage.pool(kb, option: "kb")
        _ = try knowledgeBase.get()
        self.targets = targets
        self.threshold = threshold
    }

    public func prepare() throws(PipelineError) {
        _ = try knowledgeBase.get()
    }

    public func process(_ document: inout Document) throws {
        let language = document.language.map(LanguageIdentifier.primarySubtag) ?? "vi"
        var layer = document.layers.entities
        let view = document.view
        let mentions = layer.map { (text: $0.text ?? view.string($0.range), type: $0.type,
                                    before: Self.wordsBefore($0.start, view.scalars)) }
        let words = DocumentWords(scalars: view.scalars)
        let links: [EntityLinker.Link]
        do {
            links = try knowledgeBase.get().with { kb in
                try EntityLinker(kb: kb, language: language, targets: targets, threshold: threshold).link(mentions, documentWords: words)
            }
        } catch {
            throw StageError(stage: name, reason: "knowledge base: \(error)")
        }
        for (i, link) in links.enumerated() {
            if let id = link.id {
                layer[i].link(id: id, type: link.type, names: link.names, score: link.score)
            } else {
                layer[i].linkToNothing(cluster: link.cluster, score: link.score, type: link.type)
            }
        }
        document.layers.entities = layer
    }

    /// Up to `count` words right before `offset` (across spaces), as written (the linker tells a
    /// head in lower case from a capitalized one), the nearest last; none at the text's start or
    /// right after punctuation. `tiếng Anh` is the English language, `Anh` alone the United
    /// Kingdom; `sân bay Tân Sơn Nhất` the airport.
    static func wordsBefore(_ offset: Int, _ scalars: [Unicode.Scalar], count: Int = 3) -> [String] {
        var words: [String] = []
        var end = offset
        let classes = CharacterClass.lookup
        // Alphabetic, or a nonspacing mark (the table's marks include spacing and enclosing ones).
        func inWord(_ s: Unicode.Scalar) -> Bool {
            let c = classes.of(s)
            return c.contains(.alphabetic) || (c.contains(.mark) && s.properties.generalCategory == .nonspacingMark)
        }
        while words.count < count {
            while end > 0 && scalars[end - 1] == " " { end -= 1 }
            var start = end
            while start > 0 && inWord(scalars[start - 1]) { start -= 1 }
            // A house number is a word too: it makes the name after it a street ("số 18 Hoàng Diệu").
            if start == end { while start > 0 && ("0"..."9").contains(scalars[start - 1]) { start -= 1 } }
            guard start < end, end - start <= 16 else { break }
            words.append(String(scalars: scalars[start..<end]))
            end = start
        }
        return words.reversed()
    }
}
