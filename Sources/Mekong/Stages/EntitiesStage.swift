/// Finds people, organizations, places and other names. In Vietnamese, the trained model
/// (`EntityModel`, through `ModelRecognizer`) completed by the knowledge base's names; in other
/// languages (or with `"recognizer": "rules"`), knowledge-base names over the words (or tokens),
/// then capitalized names the knowledge base lacks, typed by cues. Titles stay out of the span
/// and are kept as `title`.
public struct EntitiesStage: DeclaredStage {
    let knowledgeBase: LoadOnce<KnowledgeBasePool, PipelineError>
    let cues: EntityCues
    let minimumConfidence: Double
    /// The trained recognizer for Vietnamese (nil: cue rules everywhere).
    let recognizer: LoadOnce<EntityModel?, PipelineError>

    public static let descriptor = StageDescriptor(
        name: "entities",
        summary: "People, organizations, places and other names: in Vietnamese a trained model (mekong train ner) completed by knowledge-base names and made consistent across the document; elsewhere knowledge-base names, then capitalized names typed by cues; titles kept apart.",
        options: [
            OptionSpec("kb", .resource, help: "A knowledge base from 'mekong kb build' or 'mekong kb add'; by default the one that ships (countries, currencies, languages, curated news entities)."),
            OptionSpec("cues", .resource, help: "More cue words (JSON, the shape of Resources/kb/cues.json), merged with the shipped ones."),
            OptionSpec("minConfidence", .number, default: 0, minimum: 0, maximum: 1, help: "Leave out mentions below this confidence."),
            OptionSpec("model", .resource, help: "An entity model from 'mekong train ner' for Vietnamese text (by default the one that ships)."),
            OptionSpec("recognizer", .choice(["model", "rules"]), default: "model",
                       help: "'model': the trained model for Vietnamese (cue rules for other languages); 'rules': cue rules everywhere."),
        ],
        needs: [.text, .tokens], adds: [.entities],
        example: ["kb": "news-kb.sqlite", "minConfidence": 0.5],
        make: { options in try EntitiesStage(options: options) })

    init(options: StageOptions) throws(PipelineError) {
        knowledgeBase = Self.pool(options.string("kb"), option: "\(options.path).kb")
        var cues = EntityCues.shipped
        if let path = options.string("cues") {
            let bytes: [UInt8]
            do { bytes = try FileIO.readAll(path) } catch { throw PipelineError(path: "\(options.path).cues", message: "cannot read: \(error)") }
            cues.merge(try EntityCues.parse(bytes, name: path))
        }
        self.cues = cues
        minimumConfidence = options.double("minConfidence")!
        if options.string("recognizer") == "rules" {
            recognizer = LoadOnce(loaded: nil)
        } else if let path = options.string("model") {
            let option = "\(options.path).model"
            recognizer = LoadOnce { () throws(PipelineError) in
                do { return try EntityModel.load(path: path) } catch { throw PipelineError(path: option, message: "\(error)") }
            }
        } else {
            // A damaged or missing shipped model is the pipeline's error, not a silent
            // fall-back to cue rules.
            let option = "\(options.path).model"
            recognizer = LoadOnce { () throws(PipelineError) in
                if let shipped = EntityModel.shipped { return shipped }
                do { return try EntityModel.loadShipped() } catch {
                    throw PipelineError(path: option, message: "\(error); give a model, or \"recognizer\": \"rules\"")
                }
            }
        }
    }

    public init(kb: String? = nil, cues: EntityCues = .shipped, minimumConfidence: Double = 0, model: EntityModel? = EntityModel.shipped) throws(PipelineError) {
        knowledgeBase = Self.pool(kb, option: "kb")
        _ = try knowledgeBase.get()
        self.cues = cues
        self.minimumConfidence = minimumConfidence
        recognizer = LoadOnce(loaded: model)
    }

    public func prepare() throws(PipelineError) {
        _ = try knowledgeBase.get()
        _ = try recognizer.get()
    }

    /// Tokens a piece of a long document holds before the next sentence starts a new one:
    /// the recognizer's units of a whole 5 MB text took some 200 MB; a news article is one piece.
    static let pieceTokens = 20_000

    /// The document in pieces of whole sentences of about `pieceTokens` tokens (one piece
    /// for a document shorter than two pieces).
    static func pieces(of document: Document) -> [Range<Int>] {
        let tokens = document.layers.spans(.tokens)
        let sentences = document.layers.spans(.sentences)
        guard tokens.count >= 2 * pieceTokens, sentences.count > 1 else { return [0..<document.length] }
        var pieces: [Range<Int>] = []
        var start = 0
        var t = 0
        var counted = 0
        for s in sentences.dropFirst() {
            while t < tokens.count, tokens[t].start < s.start { t += 1; counted += 1 }
            if counted >= pieceTokens {
                pieces.append(start..<s.start)
                start = s.start
                counted = 0
            }
        }
        pieces.append(start..<document.length)
        return pieces
    }

    /// Runs `body` with a rule recognizer for each piece of the document (`pieces(of:)`), on a
    /// knowledge-base connection of its own.
    func byPieces(_ doc: Document, language: String, cues: EntityCues.Language, words: Bool, _ body: (EntityRecognizer) throws -> Void) throws {
        do {
            try knowledgeBase.get().with { kb in
                let pieces = Self.pieces(of: doc)
                let starts = pieces.count > 1 ? doc.layers.spans(.sentences).map(\.start) : nil
                for piece in pieces {
                    try body(EntityRecognizer(kb: kb, cues: cues, language: language, document: doc, range: piece, sentenceStarts: starts, words: words))
                }
            }
        } catch {
            throw StageError(stage: name, reason: "knowledge base: \(error)")
        }
    }

    /// The knowledge base at `path` (the default one when nil), opened when first needed.
    static func pool(_ path: String?, option: String) -> LoadOnce<KnowledgeBasePool, PipelineError> {
        LoadOnce { () throws(PipelineError) in
            do {
                let resolved = try path ?? DefaultKnowledgeBase.path()
                return try KnowledgeBasePool(path: resolved)
            } catch {
                throw PipelineError(path: option, message: "cannot open the knowledge base: \(error)")
            }
        }
    }

    public func process(_ document: inout Document) throws {
        let language = document.language.map(LanguageIdentifier.primarySubtag) ?? "vi"
        let doc = document
        let mentions: [EntityMention]
        // The language's cues, looked up once (a copy holds some twenty sets).
        let cues = cues.cues(for: language)
        if language == "vi", let model = try recognizer.get() {
            let found = ModelRecognizer(model: model, cues: cues).recognize(doc)
            // Names the knowledge base knows complete the model's (a user's own entities,
            // foreign names the data never showed); currencies and languages stay out.
            var known: [EntityMention] = []
            var blocked: [Range<Int>] = []
            try byPieces(doc, language: language, cues: cues, words: false) { recognizer in
                let (k, b) = try recognizer.knowledgeBasePass()
                known += k
                blocked += b
            }
            let merged = ModelRecognizer.merge(found, known: known, blocked: blocked, scalars: doc.view.scalars,
                                                familyNames: cues.familyNames)
            let people = ModelRecognizer.peopleByGivenName(merged, known: known, givenNames: ForeignGivenNames.shipped, scalars: doc.view.scalars)
            mentions = ModelRecognizer.countriesInPairs(people, tokens: doc.layers.spans(.tokens), sentences: doc.layers.spans(.sentences),
                                                        scalars: doc.view.scalars)
        } else {
            var found: [EntityMention] = []
            try byPieces(doc, language: language, cues: cues, words: true) { found += try $0.recognize() }
            mentions = found
        }
        let view = document.view
        document.layers.entities = mentions.filter { $0.confidence >= minimumConfidence }.map { m in
            EntityAnnotation(start: m.start, end: m.end, text: view.string(m.start..<m.end), type: m.type,
                             confidence: m.confidence, title: m.title, source: m.source)
        }
    }
}
