import Testing
@testable import Mekong

@Suite("External program stages", .serialized)
struct ExternalStageTests {
    @Test func thePythonExampleRunsInAPipeline() throws {
        let pipeline = try Pipeline.load(contentsOf: Support.path("Examples/external-plugin/pipeline.json"))
        defer { pipeline.finish() }
        let dir = Support.temporaryDirectory()
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/out.jsonl"))
            .run(DocumentInputs(paths: [Support.path("Corpus/feed.jsonl")]))
        #expect(summary.ok == 3 && summary.failed == 0)
        let records = try Support.records(file: dir + "/out.jsonl")
        let first = try Document(json: records[0])
        let spans = first.layers["capitalized"]
        #expect(spans.contains { first.text(in: $0.range) == "Paris" })
        // Python's string indices are Mekong's code-point offsets.
        for s in spans { #expect(s["text"]?.stringValue == first.text(in: s.range)) }
        #expect(first.layers.contains(.tokens))
        #expect(first.metadata["capitalizedCount"]?.intValue == spans.count)
    }

    @Test func crashesHangsAndGarbageFailOnlyTheirDocument() throws {
        let dir = Support.temporaryDirectory()
        let ids = ["ok-1", "crash-1", "ok-2", "hang-1", "garbage-1", "ok-3", "wrongid-1", "newtext-1", "ok-4"]
        Support.write(ids.map { #"{"id": "\#($0)", "text": "Văn bản \#($0)"}"# }.joined(separator: "\n"), to: dir + "/in.jsonl")
        let plugin = Support.path("Tests/MekongTests/Fixtures/plugins/misbehaving.py")
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "external", "with": {"command": ["python3", "\#(plugin)"], "timeoutSeconds": 1.5, "adds": ["seen"]}}]}"#)
        defer { pipeline.finish() }
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/out.jsonl"))
            .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(summary.ok == 4 && summary.failed == 5)
        let records = try Support.records(file: dir + "/out.jsonl")
        #expect(records.map { $0["id"]?.stringValue } == ids)
        func error(_ id: String) -> (message: String, detail: String) {
            let r = records.first { $0["id"]?.stringValue == id }
            #expect(r?["error"]?["stage"] == "external")
            return (r?["error"]?["message"]?.stringValue ?? "", r?["error"]?["detail"]?.stringValue ?? "")
        }
        #expect(error("crash-1").message.contains("exited with status 3 before answering"))
        #expect(error("crash-1").detail.contains("crashing on purpose on crash-1"))
        #expect(error("hang-1").message.contains("gave no answer within 1.5 s"))
        #expect(error("garbage-1").message.contains("not JSON"))
        #expect(error("garbage-1").message.contains("this is not JSON at all"))
        #expect(error("wrongid-1").message.contains("answered for document 'someone-else'"))
        #expect(error("newtext-1").message.contains("changed the text"))
        for r in records where r["id"]?.stringValue?.hasPrefix("ok") == true {
            #expect(r["layers"]?["seen"]?.arrayValue?.count == 1)
        }
    }

    @Test func aProgramThatCannotStartFailsEachDocumentClearly() throws {
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "external", "with": {"command": ["/nonexistent/program"]}}]}"#)
        var d = Document(id: "d", text: "x")
        do {
            try pipeline.process(&d)
            Issue.record("expected an error")
        } catch {
            #expect(error.stage == "external")
            #expect(error.reason.contains("cannot start '/nonexistent/program'"))
        }
    }
}
