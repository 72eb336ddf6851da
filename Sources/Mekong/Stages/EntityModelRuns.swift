/// Training and scoring the entity model on text prepared by the pipeline's own stages (the
/// model must learn from what it will be given at run time): here, above both the model's
/// engine (`Recognition/`) and the stages, so that the engine need not reach up to them.
extension EntityTraining {
    /// The pipeline that prepares text for the model: sentences, tokens, Vietnamese words.
    public static func preparation() throws -> Pipeline {
        let json = try JSONParser.parse(#"{"name": "entity-data", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens"}, {"use": "words"}]}"#)
        return try Pipeline.build(json)
    }

    /// Trains on `corpus` prepared by `preparation()` and returns the model.
    public static func train(_ corpus: EntityCorpus, lists: NameLists, tags: EntityTags = .standard, epochs: Int = 12, seed: UInt64 = 1,
                             runs: Int = 1, about: String = "", progress: (String) -> Void = { _ in }) throws -> (EntityModel, Report) {
        let prepare = try preparation()
        return try train(corpus, lists: lists, tags: tags, epochs: epochs, seed: seed, runs: runs, about: about,
                         prepare: { try prepare.process(&$0) }, progress: progress)
    }
}

extension EntityModelScore {
    public static func evaluate(_ model: EntityModel, on corpus: EntityCorpus) throws -> EntityScore {
        let prepare = try EntityTraining.preparation()
        return try score(corpus) { d in
            var document = Document(id: d.id, text: d.text, language: "vi")
            try prepare.process(&document)
            let view = document.view
            return model.spans(in: document).map { (start: $0.start, mention: EntityScore.Mention(surface: view.string($0.start..<$0.end), type: $0.type)) }
        }
    }

    /// Scores a whole pipeline (its `entities` layer, with `names.en` from linking) on labelled
    /// documents, as the scoring harness does: documents of consecutive sentences.
    public static func evaluate(_ pipeline: Pipeline, on corpus: EntityCorpus) throws -> EntityScore {
        try score(corpus) { d in
            var document = Document(id: d.id, text: d.text, language: "vi")
            try pipeline.process(&document)
            let view = document.view
            return document.layers.entities.map { a in
                let type = ["PER", "ORG", "LOC", "MISC"].contains(a.type) ? a.type : EntityAnnotation.untyped
                return (start: a.start, mention: EntityScore.Mention(surface: view.string(a.range), type: type, en: a.name(in: "en")))
            }
        }
    }
}
