import Foundation
import Testing
@testable import Mekong

/// A Swift stage defined outside Mekong, the way a plugin package defines one: it fails
/// on documents whose text contains "FAIL" and otherwise marks its length.
struct LengthStage: Stage {
    let name = "length"
    let needs: [LayerName] = [.text]
    let adds: [LayerName] = ["length"]
    let minimum: Int

    static let descriptor = StageDescriptor(
        name: "length", summary: "Marks the whole text with its length; fails on FAIL.",
        options: [OptionSpec("minimum", .integer, default: 0, help: "Shortest text that gets a mark.")],
        needs: [.text], adds: ["length"],
        make: { options in LengthStage(minimum: options.int("minimum")!) })

    func process(_ document: inout Document) throws {
        if document.text.contains("FAIL") { throw StageError(stage: name, reason: "found FAIL") }
        // Uneven work so that completion order differs from input order.
        if document.text.hasSuffix("7") { usleep(2_000) }
        if document.length >= minimum {
            document.layers.set("length", [Annotation(start: 0, end: document.length, attributes: ["n": .integer(document.length)])])
        }
    }
}

@Suite("Batch runner")
struct RunnerTests {
    func registry() -> StageRegistry {
        var r = StageRegistry.builtIn
        r.register(LengthStage.descriptor)
        return r
    }

    func corpus(_ n: Int, failing: Set<Int> = []) -> String {
        let dir = Support.temporaryDirectory()
        var lines = ""
        for i in 0..<n {
            lines += #"{"id": "doc-\#(i)", "text": "Văn bản số \#(failing.contains(i) ? "FAIL" : "") \#(i)"}"# + "\n"
        }
        Support.write(lines, to: dir + "/in.jsonl")
        return dir
    }

    @Test func aSwiftPluginStageRunsThroughTheRunnerInInputOrder() throws {
        let dir = corpus(200, failing: [13, 150])
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "length", "with": {"minimum": 3}}]}"#, registry: registry())
        let runner = BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 4, output: dir + "/out.jsonl"))
        let summary = try runner.run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(summary.ok == 198 && summary.failed == 2)
        let records = try Support.records(file: dir + "/out.jsonl")
        #expect(records.map { $0["id"]?.stringValue } == (0..<200).map { "doc-\($0)" })
        #expect(records[13]["error"]?["stage"] == "length")
        #expect(records[13]["error"]?["message"] == "found FAIL")
        #expect(records[0]["layers"]?["length"]?.arrayValue?.first?["n"] == 13)
        #expect(!FileIO.exists(dir + "/out.jsonl.part"))
    }

    @Test func failFastStopsAtTheFirstFailure() throws {
        let dir = corpus(100, failing: [10])
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "length"}]}"#, registry: registry())
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/out.jsonl", failFast: true))
            .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(summary.stoppedEarly && summary.failed == 1 && summary.ok == 10)
        let records = try Support.records(file: dir + "/out.jsonl")
        #expect(records.count == 11)
        #expect(records.last?["error"] != nil)
    }

    @Test func resumeCutsATornRecordAndSkipsWhatIsDone() throws {
        let dir = corpus(50)
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "length"}]}"#, registry: registry())
        // A run that wrote 20 records and died in the middle of the 21st.
        _ = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/full.jsonl"))
            .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        let full = try String(contentsOfFile: dir + "/full.jsonl", encoding: .utf8)
        let lines = full.split(separator: "\n")
        let torn = lines[0..<20].joined(separator: "\n") + "\n" + lines[20].prefix(15)
        Support.write(torn, to: dir + "/out.jsonl.part")
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/out.jsonl", resume: true))
            .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        #expect(summary.resumed == 20 && summary.ok == 30)
        #expect(try String(contentsOfFile: dir + "/out.jsonl", encoding: .utf8) == full)
    }

    @Test func resumeRefusesDifferentInput() throws {
        let dir = corpus(10)
        Support.write(#"{"id":"other","text":"x"}"# + "\n", to: dir + "/out.jsonl.part")
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "length"}]}"#, registry: registry())
        #expect(throws: RunError.self) {
            try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 1, output: dir + "/out.jsonl", resume: true))
                .run(DocumentInputs(paths: [dir + "/in.jsonl"]))
        }
    }

    @Test func readFailuresAreRecordsToo() throws {
        let dir = Support.temporaryDirectory()
        Support.write("Một văn bản.", to: dir + "/a.txt")
        let pipeline = try Support.pipeline(#"{"name": "p", "stages": [{"use": "tokens"}]}"#)
        let summary = try BatchRunner(pipeline: pipeline, options: RunOptions(jobs: 2, output: dir + "/out.jsonl"))
            .run(DocumentInputs(paths: [dir + "/a.txt", dir + "/missing.txt"]))
        #expect(summary.ok == 1 && summary.failed == 1)
        let records = try Support.records(file: dir + "/out.jsonl")
        #expect(records[1]["error"]?["stage"] == "read")
        #expect(records[1]["id"]?.stringValue == dir + "/missing.txt")
    }
}

@Suite("Worker frames")
struct WorkerFrameTests {
    @Test func timingsRoundTrip() throws {
        let samples = [StageSample(stage: 0, seconds: 0.25, annotations: 12), StageSample(stage: 3, seconds: 5000.000001, annotations: 0, failed: true)]
        let bytes = WorkerFrame.timings(samples).bytes + WorkerFrame.result(ok: true, line: [0x7B, 0x7D]).bytes
        var at = 0
        guard case .timings(let back)? = try WorkerFrame.take(from: bytes, at: &at) else { Issue.record("no timings"); return }
        #expect(back.map(\.stage) == [0, 3] && back.map(\.annotations) == [12, 0] && back.map(\.failed) == [false, true])
        #expect(abs(back[0].seconds - 0.25) < 1e-9 && abs(back[1].seconds - 5000.000001) < 1e-6)
        #expect(try WorkerFrame.take(from: bytes, at: &at) == .result(ok: true, line: [0x7B, 0x7D]))
        // Half a frame is not a frame yet.
        var start = 0
        #expect(try WorkerFrame.take(from: Array(bytes.prefix(20)), at: &start) == nil && start == 0)
    }
}
