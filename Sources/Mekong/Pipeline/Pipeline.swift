/// An ordered list of built stages, loaded from a pipeline file:
///
/// ```json
/// {"name": "vi-news", "language": "vi",
///  "stages": [{"use": "html"}, {"use": "sentences"}, {"use": "tokens", "with": {}}]}
/// ```
///
/// Loading validates the whole file before any document is read: unknown stages and
/// options (with a suggestion), wrong types, missing values, and stages placed before the
/// layers they need.
public final class Pipeline: Sendable {
    public let name: String
    /// The language given to documents that do not state one.
    public let language: String?
    public let description: String?
    public let stages: [any Stage]
    /// How XML inputs become documents (`"input": {"xml": …}`), when the pipeline says.
    public let xmlMapping: XMLMapping?
    /// The limits the file sets (`"limits": {…}`); unset ones take the run's defaults.
    public let limits: Limits
    /// Each stage's `adds`, read once: a stage's declaration is a computed property, and the
    /// check after every stage of every document reads it.
    private let declaredAdds: [[LayerName]]

    public init(name: String, language: String?, description: String? = nil, stages: [any Stage], xmlMapping: XMLMapping? = nil,
                limits: Limits = Limits()) {
        self.limits = limits
        self.name = name
        self.language = language
        self.description = description
        self.stages = stages
        self.xmlMapping = xmlMapping
        self.declaredAdds = stages.map(\.adds)
    }

    /// Reads, validates and builds a pipeline file.
    ///
    /// `stageLimit` builds only the first stages (a worker process runs only those before the
    /// first that gathers across documents); `resources` says which files the stages may read.
    public static func load(contentsOf file: String, registry: StageRegistry = .builtIn, stageLimit: Int? = nil,
                            resources: ResourcePolicy = ResourcePolicy(), preparing: StagePreparation = .all) throws(PipelineValidationError) -> Pipeline {
        let bytes: [UInt8]
        do { bytes = try FileIO.readAll(file) } catch {
            throw PipelineValidationError(file: file, errors: [PipelineError(path: "$", message: "cannot read the file: \(error)")])
        }
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            throw PipelineValidationError(file: file, errors: [PipelineError(path: "$", message: "malformed JSON at \(error)")])
        }
        do {
            return try build(json, registry: registry, baseDirectory: FilePath.directory(of: file), stageLimit: stageLimit, resources: resources,
                             preparing: preparing)
        } catch {
            throw PipelineValidationError(file: file, errors: error.errors)
        }
    }

    static let topLevelKeys = ["$schema", "name", "description", "language", "input", "limits", "stages"]

    /// Validates and builds a pipeline from its JSON. Relative paths in options resolve
    /// against `baseDirectory`.
    public static func build(_ json: JSONValue, registry: StageRegistry = .builtIn, baseDirectory: String = ".", stageLimit: Int? = nil,
                             resources: ResourcePolicy = ResourcePolicy(), preparing: StagePreparation = .all) throws(PipelineValidationError) -> Pipeline {
        var errors: [PipelineError] = []
        guard let root = json.objectValue else {
            throw PipelineValidationError(file: nil, errors: [PipelineError(path: "$", message: "a pipeline is a JSON object, found \(json.typeName)")])
        }
        for m in root where !topLevelKeys.contains(m.key) {
            var message = "unknown key '\(m.key)'"
            if let s = Suggestion.closest(to: m.key, in: topLevelKeys) { message += "; did you mean '\(s)'?" }
            errors.append(PipelineError(path: "$.\(m.key)", message: message))
        }
        func optionalString(_ key: String) -> String? {
            guard let v = root[key], !v.isNull else { return nil }
            guard let s = v.stringValue else {
                errors.append(PipelineError(path: "$.\(key)", message: "expected a string, found \(v.typeName)"))
                return nil
            }
            return s
        }
        let name = optionalString("name")
        if root["name"] == nil { errors.append(PipelineError(path: "$", message: "missing 'name'")) }
        var language = optionalString("language")
        if let tag = language {
            // Checked here, not document by document: a pipeline's own tag is no one's typo but its author's.
            do { language = try LanguageTag(parsing: tag).description } catch {
                errors.append(PipelineError(path: "$.language", message: "\(error)"))
            }
        }
        let description = optionalString("description")
        var xmlMapping: XMLMapping?
        if let input = root["input"] {
            if let o = input.objectValue {
                for m in o where m.key != "xml" {
                    errors.append(PipelineError(path: "$.input.\(m.key)", message: "unknown input setting '\(m.key)' (input settings: xml)"))
                }
                if let xml = o["xml"] {
                    do { xmlMapping = try XMLMapping(json: xml, path: "$.input.xml") } catch { errors.append(error) }
                }
            } else {
                errors.append(PipelineError(path: "$.input", message: "expected an object like {\"xml\": \"rss\"}"))
            }
        }
        var limits = Limits()
        if let l = root["limits"] { limits = Limits.parse(l, path: "$.limits", errors: &errors) }
        var stages: [any Stage] = []
        switch root["stages"] {
        case nil:
            errors.append(PipelineError(path: "$", message: "missing 'stages' (an array of {\"use\": …, \"with\": {…}})"))
        case .array(let list)?:
            if list.isEmpty { errors.append(PipelineError(path: "$.stages", message: "a pipeline needs at least one stage")) }
            var available: Set<LayerName> = [.text]
            var spanLayerAdded: String?
            for (i, entry) in list.enumerated() {
                if let stageLimit, i >= stageLimit { break }
                let path = "$.stages[\(i)]"
                guard let built = buildStage(entry, path: path, registry: registry, baseDirectory: baseDirectory, resources: resources,
                                             errors: &errors) else { continue }
                for need in built.needs where !available.contains(need) {
                    var message = "stage '\(built.name)' needs the '\(need)' layer, which no earlier stage adds"
                    if let provider = registry.descriptors.first(where: { $0.adds.contains(need) }) {
                        message += "; add a '\(provider.name)' stage before it"
                    }
                    errors.append(PipelineError(path: "\(path).use", message: message))
                }
                if built.rewritesText, let earlier = spanLayerAdded {
                    errors.append(PipelineError(path: "\(path).use", message: "stage '\(built.name)' rewrites the text, so it must come before '\(earlier)', which adds spans over it"))
                }
                // Paragraphs from ingestion are moved onto a rewritten text; finer spans
                // (sentences, tokens) would be widened, so rewriting must come before them.
                if spanLayerAdded == nil, built.adds.contains(where: { $0 != .text && $0 != .paragraphs }) { spanLayerAdded = built.name }
                available.formUnion(built.adds)
                stages.append(built)
            }
        case let v?:
            errors.append(PipelineError(path: "$.stages", message: "expected an array of stages, found \(v.typeName)"))
        }
        if !errors.isEmpty {
            stages.forEach { $0.finish() }
            throw PipelineValidationError(file: nil, errors: errors)
        }
        let pipeline = Pipeline(name: name ?? "pipeline", language: language, description: description, stages: stages, xmlMapping: xmlMapping,
                                limits: limits)
        let prepared = preparing == .all ? stages.indices : pipeline.documentStages.upperBound..<stages.count
        for i in prepared {
            do { try stages[i].prepare() } catch { errors.append(error) }
        }
        if !errors.isEmpty {
            pipeline.finish()
            throw PipelineValidationError(file: nil, errors: errors)
        }
        return pipeline
    }

    private static func buildStage(_ entry: JSONValue, path: String, registry: StageRegistry, baseDirectory: String,
                                   resources: ResourcePolicy, errors: inout [PipelineError]) -> (any Stage)? {
        guard let o = entry.objectValue else {
            errors.append(PipelineError(path: path, message: "a stage is an object like {\"use\": \"tokens\"}, found \(entry.typeName)"))
            return nil
        }
        for m in o where m.key != "use" && m.key != "with" {
            var message = "unknown key '\(m.key)' in a stage (a stage has 'use' and 'with')"
            if let s = Suggestion.closest(to: m.key, in: ["use", "with"]) { message += "; did you mean '\(s)'?" }
            errors.append(PipelineError(path: "\(path).\(m.key)", message: message))
        }
        guard let use = o["use"] else {
            errors.append(PipelineError(path: path, message: "missing 'use' (the stage's name)"))
            return nil
        }
        guard let stageName = use.stringValue else {
            errors.append(PipelineError(path: "\(path).use", message: "expected a stage name, found \(use.typeName)"))
            return nil
        }
        guard let descriptor = registry.descriptor(named: stageName) else {
            var message = "unknown stage '\(stageName)'"
            if let s = Suggestion.closest(to: stageName, in: registry.names) { message += "; did you mean '\(s)'?" }
            message += " (`mekong stages` lists them)"
            errors.append(PipelineError(path: "\(path).use", message: message))
            return nil
        }
        let withPath = "\(path).with"
        let raw: JSONObject
        switch o["with"] {
        case nil, .null?: raw = JSONObject()
        case .object(let w)?: raw = w
        case let v?:
            errors.append(PipelineError(path: withPath, message: "expected an object of options, found \(v.typeName)"))
            return nil
        }
        let validated = StageOptions.validate(raw, specs: descriptor.options, stage: stageName, path: withPath, baseDirectory: baseDirectory,
                                              resources: resources)
        guard let options = validated.options else {
            errors.append(contentsOf: validated.problems)
            return nil
        }
        do {
            return try descriptor.make(options)
        } catch let e as PipelineError {
            errors.append(e)
        } catch {
            errors.append(PipelineError(path: withPath, message: "stage '\(stageName)' could not be built: \(error)"))
        }
        return nil
    }

    /// Runs every stage over one document. The error names the stage that failed.
    public func process(_ document: inout Document) throws(StageError) {
        try process(&document, stages: stages.indices)
    }

    /// Runs some of the stages over one document, in order; `willRun` hears each stage's
    /// index just before it runs (a worker process reports it, so a crash names its stage).
    public func process(_ document: inout Document, stages range: Range<Int>, willRun: (Int) -> Void = { _ in }) throws(StageError) {
        var samples: [StageSample] = []
        try process(&document, stages: range, willRun: willRun, samples: &samples)
    }

    /// Runs stages as above, and appends what each took to `samples` (for `--stats`): a
    /// clock read per stage, and the count of the annotations in the layers it adds.
    func process(_ document: inout Document, stages range: Range<Int>, willRun: (Int) -> Void,
                 samples: inout [StageSample]) throws(StageError) {
        if document.language == nil { document.language = language }
        for i in range {
            let stage = stages[i]
            willRun(i)
            let started = MonotonicClock.seconds()
            do throws(StageError) {
                if stage.needs.contains(.text) && !document.hasText {
                    throw StageError(stage: stage.name, reason: "the document has no text yet: its format is '\(document.source.format)' and no ingestion stage (such as 'html') comes before '\(stage.name)'")
                }
                let before = document.layers
                do {
                    try stage.process(&document)
                } catch let e as StageError {
                    throw e
                } catch {
                    throw StageError(stage: stage.name, reason: "\(error)")
                }
                if let undeclared = Self.undeclaredChange(adds: declaredAdds[i], rewritesText: stage.rewritesText,
                                                          before: before, after: document.layers) {
                    throw StageError(stage: stage.name, reason: undeclared)
                }
            } catch {
                samples.append(StageSample(stage: i, seconds: MonotonicClock.seconds() - started, annotations: 0, failed: true))
                throw error
            }
            let annotations = declaredAdds[i].reduce(0) { $0 + document.layers.count(of: $1) }
            samples.append(StageSample(stage: i, seconds: MonotonicClock.seconds() - started, annotations: annotations))
        }
        // The raw bytes served ingestion; records never carry them.
        document.source.raw = nil
    }

    /// Why a stage's work breaks its declaration, or nil: a stage adds or changes only the
    /// layers in its `adds`, so that validation (`needs`), the record schema and other stages
    /// can rely on them. A stage that rewrites the text may move every layer's spans (through
    /// `Document.rewriteText`), but adds none it does not declare. Cheap when the stage keeps
    /// its word: an untouched layer is the same array.
    static func undeclaredChange(adds: [LayerName], rewritesText: Bool, before: Layers, after: Layers) -> String? {
        func added(_ name: LayerName) -> String { "it added the '\(name)' layer, which it does not declare in 'adds' (a stage adds only what it declares)" }
        func changed(_ name: LayerName) -> String { "it changed the '\(name)' layer, which it does not declare in 'adds' (a stage changes only what it declares)" }
        // Most stages keep the layers in place and append their own: walked side by side, with
        // no search by name (this runs after every stage on every document).
        let old = before.contents, new = after.contents
        var i = 0
        while i < old.count && i < new.count && old[i].name == new[i].name {
            if !rewritesText && !adds.contains(new[i].name) && old[i].content != new[i].content { return changed(new[i].name) }
            i += 1
        }
        if i == old.count {
            return new[i...].first { !adds.contains($0.name) }.map { added($0.name) }
        }
        for entry in new where !adds.contains(entry.name) {
            guard let old = before.content(entry.name) else { return added(entry.name) }
            if !rewritesText && old != entry.content { return changed(entry.name) }
        }
        for entry in old where !adds.contains(entry.name) && !after.contains(entry.name) {
            return "it removed the '\(entry.name)' layer, which it does not declare in 'adds'"
        }
        return nil
    }

    /// The stages a worker runs: those before the first that gathers across documents
    /// (an export that writes one file for the corpus). The rest run where the records are
    /// written, once per document, in input order.
    public var documentStages: Range<Int> {
        0..<(stages.firstIndex(where: \.gathersAcrossDocuments) ?? stages.count)
    }

    /// Lets every stage release what it holds (child processes, files).
    public func finish() {
        for stage in stages { stage.finish() }
    }
}
