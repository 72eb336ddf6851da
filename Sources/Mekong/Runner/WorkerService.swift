#if canImport(Glibc)
import Glibc
#endif
import CMekongSystem

/// The worker side of process isolation: reads documents from standard input, runs the
/// pipeline's document stages over each, and writes back each stage's index as it begins and
/// then the record. One document is in flight at a time, so when the process dies the
/// supervisor knows which document and which stage killed it.
public enum WorkerService {
    /// Serves until standard input ends; returns the process's exit status.
    public static func serve(_ pipeline: Pipeline) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        // Nobody would read the results of an orphan.
        guard mk_die_with_parent() == 0 else { return 0 }
        let faults = FaultInjection.fromEnvironment()
        let stages = pipeline.documentStages
        guard send(.hello) else { return 0 }
        var buffer: [UInt8] = []
        var start = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let frame: WorkerFrame?
            do { frame = try WorkerFrame.take(from: buffer, at: &start) } catch {
                StandardError.write("mekong worker: unreadable frame from the supervisor\n")
                return 3
            }
            guard let frame else {
                if start > 0 { buffer.removeFirst(start); start = 0 }
                let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return 0 }
                buffer.append(contentsOf: chunk[0..<n])
                continue
            }
            guard case .document(let json, let raw) = frame else { return 3 }
            var document: Document
            do { document = try Document(json: JSONParser.parse(json)) } catch {
                StandardError.write("mekong worker: unreadable document from the supervisor: \(error)\n")
                return 3
            }
            document.source.raw = raw
            if let fault = faults.fault(for: document.id) {
                _ = send(.stage(stages.lowerBound))
                FaultInjection.trigger(fault)
            }
            var outcome = DocumentOutcome.process(document, pipeline: pipeline, stages: stages) { i in _ = send(.stage(i)) }
            if outcome.line.count >= Int(UInt32.max) {
                // Not a frame's worth; nothing near the document size limit comes close.
                outcome = .failed(.stage, id: document.id, source: document.source, stage: stages.isEmpty ? "worker" : pipeline.stages[stages.upperBound - 1].name,
                                  reason: "the record has \(outcome.line.count) bytes, more than one record may have (4 GiB)")
            }
            // The timings and the record's header in one write, then the record as it is.
            guard send(WorkerFrame.timings(outcome.samples).bytes + WorkerFrame.resultHeader(ok: outcome.ok, count: outcome.line.count)),
                  send(outcome.line) else { return 0 }
        }
    }

    private static func send(_ frame: WorkerFrame) -> Bool { send(frame.bytes) }

    private static func send(_ bytes: [UInt8]) -> Bool {
        (try? FileIO.writeAll(fd: 1, bytes, path: "stdout")) != nil
    }
}
