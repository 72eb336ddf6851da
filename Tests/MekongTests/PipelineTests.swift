import Testing
@testable import Mekong

@Suite("Pipeline loading and validation")
struct PipelineTests {
    func errors(_ json: String, baseDirectory: String = ".") -> [PipelineError] {
        do {
            let p = try Support.pipeline(json, baseDirectory: baseDirectory)
            p.finish()
            return []
        } catch let e as PipelineValidationError {
            return e.errors
        } catch {
            return [PipelineError(path: "?", message: "\(error)")]
        }
    }

    @Test func buildsAValidPipeline() throws {
        let p = try Support.pipeline(#"{"name": "t", "language": "vi", "stages": [{"use": "sentences"}, {"use": "tokens", "with": {"locale": "vi"}}]}"#)
        #expect(p.name == "t" && p.language == "vi")
        #expect(p.stages.map(\.name) == ["sentences", "tokens"])
    }

    /// Each built-in stage is declared once: the stage that runs reads its name and layers from
    /// the descriptor the registry, `mekong stages` and the pipeline schema read.
    @Test func builtInStagesAreTheirDeclarations() throws {
        for file in ["news.json", "translation-glossary.json", "custom-xml.json"] {
            let p = try Pipeline.load(contentsOf: Support.root + "/Pipelines/" + file, registry: .builtIn, preparing: .recordStages)
            defer { p.finish() }
            for stage in p.stages {
                let declared = try #require(stage as? any DeclaredStage, "\(stage.name) in \(file)")
                let d = type(of: declared).descriptor
                #expect(StageRegistry.builtIn.descriptor(named: stage.name)?.summary == d.summary)
                #expect(stage.name == d.name)
                // Their layers follow their options; the declaration gives the defaults.
                if ["language", "gazetteer", "external"].contains(stage.name) { continue }
                #expect(stage.needs == d.needs && stage.adds == d.adds, "\(stage.name) in \(file)")
            }
        }
    }

    @Test func unknownStageGetsASuggestion() {
        let e = errors(#"{"name": "t", "stages": [{"use": "tokns"}]}"#)
        #expect(e.count == 1)
        #expect(e.first?.path == "$.stages[0].use")
        #expect(e.first?.message.contains("unknown stage 'tokns'; did you mean 'tokens'?") == true)
    }

    @Test func unknownOptionGetsASuggestion() {
        let e = errors(#"{"name": "t", "stages": [{"use": "external", "with": {"command": ["true"], "timeout": 3}}]}"#)
        #expect(e.map(\.path) == ["$.stages[0].with.timeout"])
        #expect(e.first?.message.contains("did you mean 'timeoutSeconds'?") == true)
    }

    @Test func wrongTypeNamesStageOptionAndPath() {
        let e = errors(#"{"name": "t", "stages": [{"use": "tokens"}, {"use": "external", "with": {"command": ["true"], "timeoutSeconds": "ten"}}]}"#)
        #expect(e.map(\.path) == ["$.stages[1].with.timeoutSeconds"])
        #expect(e.first?.message == "stage 'external', option 'timeoutSeconds': expected number, found string")
    }

    @Test func missingRequiredOption() {
        let e = errors(#"{"name": "t", "stages": [{"use": "external"}]}"#)
        #expect(e.map(\.path) == ["$.stages[0].with"])
        #expect(e.first?.message.contains("needs option 'command'") == true)
    }

    @Test func boundsAreChecked() {
        let e = errors(#"{"name": "t", "stages": [{"use": "external", "with": {"command": ["true"], "timeoutSeconds": -1}}]}"#)
        #expect(e.first?.message.contains("below the minimum") == true)
    }

    @Test func stageBeforeTheLayerItNeeds() {
        let e = errors(#"{"name": "t", "stages": [{"use": "external", "with": {"command": ["true"], "needs": ["text", "tokens"]}}, {"use": "tokens"}]}"#)
        #expect(e.map(\.path) == ["$.stages[0].use"])
        #expect(e.first?.message.contains("needs the 'tokens' layer, which no earlier stage adds; add a 'tokens' stage before it") == true)
    }

    @Test func collectsEveryProblemAtOnce() {
        let e = errors(#"{"nme": "t", "stages": [{"use": "nope"}, {"usе": "tokens"}, {"use": "sentences", "with": {"x": 1}}]}"#)
        let paths = Set(e.map(\.path))
        #expect(paths.isSuperset(of: ["$.nme", "$", "$.stages[0].use", "$.stages[2].with.x"]))
        #expect(e.contains { $0.path == "$.nme" && $0.message.contains("did you mean 'name'?") })
    }

    @Test func shapeErrors() {
        #expect(errors(#"[]"#).first?.message.contains("a pipeline is a JSON object") == true)
        #expect(errors(#"{"name": "t", "stages": []}"#).first?.message.contains("at least one stage") == true)
        #expect(errors(#"{"name": "t", "stages": {"use": "tokens"}}"#).first?.path == "$.stages")
        #expect(errors(#"{"name": "t", "stages": ["tokens"]}"#).first?.path == "$.stages[0]")
        #expect(errors(#"{"name": "t", "stages": [{"use": "tokens", "with": []}]}"#).first?.path == "$.stages[0].with")
    }

    @Test func malformedJSONFileGivesLineAndColumn() throws {
        let dir = Support.temporaryDirectory()
        let file = dir + "/bad.json"
        Support.write("{\n  \"name\": \"t\",\n  \"stages\": [\n    {\"use\": \"tokens\"},,\n  ]\n}\n", to: file)
        do {
            _ = try Pipeline.load(contentsOf: file)
            Issue.record("expected an error")
        } catch {
            #expect(error.file == file)
            #expect(error.description.contains("line 4, column 23"), "\(error)")
        }
    }

    @Test func gazetteerFileErrorsAreCaughtAtLoad() {
        let dir = Support.temporaryDirectory()
        Support.write("Hà Nội\tLOC\tQ1858\textra\n", to: dir + "/bad.tsv")
        let e = errors(#"{"name": "t", "stages": [{"use": "gazetteer", "with": {"file": "bad.tsv"}}]}"#, baseDirectory: dir)
        #expect(e.first?.path == "$.stages[0].with.file")
        #expect(e.first?.message.contains("bad.tsv:1") == true)
        let missing = errors(#"{"name": "t", "stages": [{"use": "gazetteer", "with": {"file": "none.tsv"}}]}"#, baseDirectory: dir)
        #expect(missing.first?.message.contains("cannot read the gazetteer") == true)
    }

    @Test func shippedPipelinesValidate() throws {
        for name in try FileIO.listDirectory(Support.path("Pipelines")) where name.hasSuffix(".json") && name != "pipeline.schema.json" {
            let p = try Pipeline.load(contentsOf: Support.path("Pipelines/\(name)"))
            #expect(!p.stages.isEmpty, "\(name)")
            p.finish()
        }
        let example = try Pipeline.load(contentsOf: Support.path("Examples/external-plugin/pipeline.json"))
        example.finish()
    }

    @Test func shippedSchemaMatchesTheRegistry() throws {
        let shipped = try JSONParser.parse(FileIO.readAll(Support.path("Pipelines/pipeline.schema.json")))
        #expect(shipped == PipelineSchema.generate(), "regenerate with: mekong schema > Pipelines/pipeline.schema.json")
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "sentnces", in: ["sentences", "tokens"]) == "sentences")
        #expect(Suggestion.closest(to: "zzz", in: ["sentences", "tokens"]) == nil)
        #expect(Suggestion.distance(Array("ab"), Array("ba")) == 1)
    }

    /// A stage adds or changes only the layers it declares: what the pipeline checks after each
    /// stage, on both of its paths (layers kept in place, and layers moved or removed).
    @Test func aStageChangesOnlyTheLayersItDeclares() {
        var before = Layers()
        before.set(.sentences, [Annotation(start: 0, end: 5)])
        before.set(.tokens, [Annotation(start: 0, end: 2), Annotation(start: 3, end: 5)])
        func check(_ adds: [LayerName], rewrites: Bool = false, _ change: (inout Layers) -> Void) -> String? {
            var after = before
            change(&after)
            return Pipeline.undeclaredChange(adds: adds, rewritesText: rewrites, before: before, after: after)
        }
        #expect(check([.words]) { _ in } == nil)
        #expect(check([.words]) { $0.set(.words, [Annotation(start: 0, end: 5)]) } == nil)
        #expect(check([]) { $0.set(.words, [Annotation(start: 0, end: 5)]) }?.contains("added the 'words' layer") == true)
        #expect(check([.words]) { $0.set(.tokens, [Annotation(start: 0, end: 5)]) }?.contains("changed the 'tokens' layer") == true)
        #expect(check([.tokens]) { $0.set(.tokens, [Annotation(start: 0, end: 5)]) } == nil)
        // A stage that rewrites the text moves every span, and still adds only what it declares.
        #expect(check([], rewrites: true) { $0.set(.tokens, [Annotation(start: 1, end: 5)]) } == nil)
        #expect(check([], rewrites: true) { $0.set(.words, [Annotation(start: 0, end: 5)]) }?.contains("added the 'words' layer") == true)
        // Out of place: a layer removed, or removed and added again after the others.
        #expect(check([]) { $0.remove(.sentences) }?.contains("removed the 'sentences' layer") == true)
        #expect(check([.sentences]) { $0.remove(.sentences); $0.set(.sentences, [Annotation(start: 0, end: 5)]) } == nil)
        #expect(check([.words]) { $0.remove(.sentences); $0.set(.words, [Annotation(start: 0, end: 5)]) }?.contains("removed the 'sentences' layer") == true)
        #expect(check([.sentences]) { $0.remove(.sentences); $0.set(.sentences, [Annotation(start: 0, end: 5)]); $0.set(.tokens, []) }?
            .contains("changed the 'tokens' layer") == true)
    }
}
