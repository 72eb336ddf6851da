import Foundation
import Synchronization
import Testing
@testable import Mekong

/// Stages load their models when the pipeline prepares them, and a process that only writes
/// records (a supervisor whose workers run the document stages) prepares none of those.
@Suite("Stage preparation")
struct StagePreparationTests {
    /// Counts its preparations by name, and fails to prepare when told to.
    struct CountingStage: Stage {
        static let prepared = Mutex<[String: Int]>([:])
        let name: String
        let needs: [LayerName] = [.text]
        let adds: [LayerName] = []
        let gathers: Bool
        let broken: Bool
        var gathersAcrossDocuments: Bool { gathers }
        func prepare() throws(PipelineError) {
            if broken { throw PipelineError(path: "$.stages[?].with.model", message: "\(name): no model") }
            Self.prepared.withLock { $0[name, default: 0] += 1 }
        }
        func process(_ document: inout Document) throws {}
    }

    func registry() -> StageRegistry {
        var r = StageRegistry.builtIn
        for (name, gathers) in [("counted-document", false), ("counted-gatherer", true)] {
            r.register(StageDescriptor(name: name, summary: "test", options: [OptionSpec("broken", .boolean, default: false, help: "fail")],
                                       needs: [.text], adds: []) { o in
                CountingStage(name: "\(name)-\(o.path)", gathers: gathers, broken: o.bool("broken")!)
            })
        }
        return r
    }

    func count(_ name: String) -> Int { CountingStage.prepared.withLock { $0[name] ?? 0 } }

    @Test func aSupervisorPreparesOnlyTheStagesThatGather() throws {
        let json = try JSONParser.parse(#"{"name": "p", "stages": [{"use": "counted-document"}, {"use": "counted-gatherer"}, {"use": "counted-document"}]}"#)
        let before = (count("counted-document-$.stages[0].with"), count("counted-gatherer-$.stages[1].with"), count("counted-document-$.stages[2].with"))
        let supervisor = try Pipeline.build(json, registry: registry(), preparing: .recordStages)
        supervisor.finish()
        #expect(count("counted-document-$.stages[0].with") == before.0)
        #expect(count("counted-gatherer-$.stages[1].with") == before.1 + 1)
        // After the first stage that gathers, every stage runs where the records are written.
        #expect(count("counted-document-$.stages[2].with") == before.2 + 1)
        let whole = try Pipeline.build(json, registry: registry())
        whole.finish()
        #expect(count("counted-document-$.stages[0].with") == before.0 + 1)
    }

    @Test func aStageThatCannotPrepareFailsThePipeline() throws {
        let json = try JSONParser.parse(#"{"name": "p", "stages": [{"use": "counted-document", "with": {"broken": true}}]}"#)
        #expect(throws: PipelineValidationError.self) { try Pipeline.build(json, registry: registry()) }
        // Left to the workers, which report it when they load the pipeline.
        let supervisor = try Pipeline.build(json, registry: registry(), preparing: .recordStages)
        supervisor.finish()
    }

    @Test func aResourceLoadsOnceForAllThreads() async throws {
        let loads = Mutex(0)
        let resource = LoadOnce<[Int], Never> {
            loads.withLock { $0 += 1 }
            return Array(0..<1000)
        }
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { resource.get().count } }
            for await n in group { #expect(n == 1000) }
        }
        #expect(loads.withLock { $0 } == 1)
    }

    @Test func aFailedLoadIsTriedAgain() throws {
        struct Missing: Error {}
        let attempts = Mutex(0)
        let resource = LoadOnce<Int, Missing> { () throws(Missing) in
            let n = attempts.withLock { $0 += 1; return $0 }
            if n == 1 { throw Missing() }
            return 7
        }
        #expect(throws: Missing.self) { try resource.get() }
        #expect(try resource.get() == 7)
        #expect(try resource.get() == 7)
        #expect(attempts.withLock { $0 } == 2)
    }

    /// The shipped model and knowledge base are loaded in the worker, which reports a broken
    /// one before any document is read; the run ends with status 2, no records.
    @Test func aBrokenModelStopsAnIsolatedRunWithTheWorkersReason() throws {
        let dir = Support.temporaryDirectory()
        Support.write("not a model", to: dir + "/bad.mkner")
        Support.write(#"{"name": "bad", "stages": [{"use": "tokens"}, {"use": "entities", "with": {"model": "bad.mkner"}}]}"#, to: dir + "/p.json")
        Support.write("Hà Nội.", to: dir + "/a.txt")
        for mode in [[], ["--in-process"]] {
            let r = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/a.txt"] + mode)
            #expect(r.status == 2 && r.stdout.isEmpty, "\(mode)")
            #expect(r.stderr.contains("$.stages[1].with.model") && r.stderr.contains("not an entity model"), "\(r.stderr)")
        }
    }

    /// A damaged shipped model (here, one in a resources folder that overrides the shipped
    /// files) is the pipeline's error, not a silent fall-back to cue rules.
    @Test func aDamagedShippedModelIsAPipelineError() throws {
        let dir = Support.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/resources/ner", withIntermediateDirectories: true)
        Support.write("junk", to: dir + "/resources/ner/vi-entities.mkner")
        Support.write(#"{"name": "p", "stages": [{"use": "tokens"}, {"use": "entities"}]}"#, to: dir + "/p.json")
        Support.write("Hà Nội.", to: dir + "/a.txt")
        let r = try Support.run([Support.mekong, "run", "-p", dir + "/p.json", dir + "/a.txt", "--resources", dir + "/resources"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.contains("$.stages[1].with.model: the shipped entity model does not load"), "\(r.stderr)")
        let rules = #"{"name": "p", "stages": [{"use": "tokens"}, {"use": "entities", "with": {"recognizer": "rules"}}]}"#
        Support.write(rules, to: dir + "/rules.json")
        let ok = try Support.run([Support.mekong, "run", "-p", dir + "/rules.json", dir + "/a.txt", "--resources", dir + "/resources", "-q"])
        #expect(ok.status == 0 && ok.stdout.contains("\"entities\""), "\(ok.stderr)")
    }

    /// Writes the layers it is told to, whatever it declares.
    struct Overreaching: Stage {
        let name = "overreaching"
        let needs: [LayerName] = [.text]
        let adds: [LayerName] = ["declared"]
        let writes: [LayerName]
        let removes: [LayerName]
        func process(_ document: inout Document) throws {
            for layer in writes { document.layers.set(layer, [Annotation(start: 0, end: 1, label: "x")]) }
            for layer in removes { document.layers.remove(layer) }
        }
    }

    /// A stage adds, changes or removes only the layers it declares in `adds`: anything else
    /// fails the document, naming the stage and the layer.
    @Test func aStageTouchesOnlyTheLayersItDeclares() throws {
        func run(_ stage: Overreaching) -> String? {
            let tokens = TokensStage(locale: "vi")
            let pipeline = Pipeline(name: "t", language: "vi", stages: [tokens, stage])
            var document = Document(id: "d", text: "Hà Nội.")
            do { try pipeline.process(&document); return nil } catch { return "\(error)" }
        }
        #expect(run(Overreaching(writes: ["declared"], removes: [])) == nil)
        #expect(run(Overreaching(writes: ["keywords"], removes: []))?.contains("overreaching") == true)
        #expect(run(Overreaching(writes: ["keywords"], removes: []))?.contains("added the 'keywords' layer") == true)
        #expect(run(Overreaching(writes: [.tokens], removes: []))?.contains("changed the 'tokens' layer") == true)
        #expect(run(Overreaching(writes: [], removes: [.tokens]))?.contains("removed the 'tokens' layer") == true)
    }
}
