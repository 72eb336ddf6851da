#if canImport(Glibc)
import Glibc
#endif

/// Settings of one batch run.
public struct RunOptions: Sendable {
    /// Worker threads; all cores by default.
    public var jobs: Int
    /// Output file, or nil / "-" for standard output.
    public var output: String?
    /// Continue a run that was killed, skipping documents already written.
    public var resume: Bool
    /// Stop at the first document that fails.
    public var failFast: Bool
    /// Draw a progress line on standard error (only makes sense on a terminal).
    public var progress: Bool
    /// Documents in flight at most, per worker.
    public var windowPerJob: Int

    public init(jobs: Int = RunOptions.defaultJobs, output: String? = nil, resume: Bool = false, failFast: Bool = false,
                progress: Bool = false, windowPerJob: Int = 4) {
        self.jobs = jobs
        self.output = output
        self.resume = resume
        self.failFast = failFast
        self.progress = progress
        self.windowPerJob = windowPerJob
    }

    public static var defaultJobs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// What a run did.
public struct RunSummary: Sendable {
    public var ok = 0
    public var failed = 0
    /// Documents skipped because a resumed run had already written them.
    public var resumed = 0
    public var seconds = 0.0
    /// Bytes of source read in this run.
    public var bytes = 0
    public var peakMemoryBytes: Int?
    /// True when `--fail-fast` stopped the run early.
    public var stoppedEarly = false

    public var processed: Int { ok + failed }

    /// The one-line summary printed at the end of every run.
    public var line: String {
        let rate = seconds > 0 ? Double(processed) / seconds : 0
        let mbps = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
        var s = "mekong: \(processed) documents: \(ok) ok, \(failed) failed"
        if resumed > 0 { s += ", \(resumed) already done (resumed)" }
        s += " in \(String(format1: seconds)) s (\(String(format1: rate)) docs/s, \(String(format1: mbps)) MB/s)"
        if let peak = peakMemoryBytes { s += ", peak memory \(peak / 1_048_576) MB" }
        if stoppedEarly { s += "; stopped at the first failure (--fail-fast)" }
        return s
    }
}

/// Pushes a stream of documents through a pipeline on all cores and writes one record per
/// document, in input order.
public final class BatchRunner {
    public let pipeline: Pipeline
    public let options: RunOptions

    public init(pipeline: Pipeline, options: RunOptions) {
        self.pipeline = pipeline
        self.options = options
    }

    private struct Outcome: Sendable {
        var line: [UInt8]
        var ok: Bool
        var bytes: Int
        var message: String?
    }

    /// Runs the batch. Throws only for problems with the run itself (bad output path, a
    /// resume over different input); documents that fail become error records.
    public func run(_ inputs: DocumentInputs, total: Int? = nil) throws(RunError) -> RunSummary {
        let started = Clock.now()
        let sink = try RecordSink(output: options.output, resume: options.resume)
        var summary = RunSummary()

        // Skip what a resumed run already wrote, checking that the input is the same.
        var skipped = 0
        while skipped < sink.resumedCount {
            guard let item = inputs.next() else {
                sink.abandon()
                throw .resumeMismatch("the output already holds \(sink.resumedCount) records but the input has only \(skipped) documents; is it the same input?")
            }
            skipped += 1
            if skipped == sink.resumedCount, let last = sink.resumedLastID, last != item.id {
                sink.abandon()
                throw .resumeMismatch("record \(skipped) of the output is '\(last)' but document \(skipped) of the input is '\(item.id)'; resume needs the same input in the same order")
            }
        }
        summary.resumed = skipped

        let pipeline = self.pipeline
        let queue = OrderedWorkQueue<InputItem, Outcome>(workers: options.jobs, window: options.jobs * options.windowPerJob) { item in
            Self.process(item, pipeline: pipeline)
        }
        let progress = options.progress ? ProgressLine(total: total.map { $0 - skipped }) : nil
        var stop = false
        let failFast = options.failFast
        func deliver(_ outcome: Outcome) throws(RunError) {
            if stop { return }
            try sink.append(outcome.line)
            summary.bytes += outcome.bytes
            if outcome.ok { summary.ok += 1 } else { summary.failed += 1 }
            if !outcome.ok && failFast {
                stop = true
                summary.stoppedEarly = true
            }
            progress?.update(done: summary.processed, failed: summary.failed)
        }
        do {
            while !stop, let item = inputs.next() {
                try queue.submit(item, deliver: deliver)
            }
            if stop { queue.stop() } else { try queue.finish(deliver: deliver) }
        } catch let e as RunError {
            queue.stop()
            sink.abandon()
            throw e
        } catch {
            queue.stop()
            sink.abandon()
            throw .usage("\(error)")
        }
        progress?.update(done: summary.processed, failed: summary.failed, force: true)
        progress?.clear()
        try sink.commit()
        summary.seconds = Clock.now() - started
        summary.peakMemoryBytes = ProcessStats.peakResidentBytes()
        return summary
    }

    private static func process(_ item: InputItem, pipeline: Pipeline) -> Outcome {
        switch item {
        case .failure(let f):
            let source = Source(uri: f.uri, format: f.format, size: 0)
            return Outcome(line: Records.errorLine(id: f.id, source: source, stage: InputFailure.stage, reason: f.reason),
                           ok: false, bytes: 0, message: "\(f.id): \(f.reason)")
        case .document(var doc):
            let bytes = doc.source.size
            do {
                try pipeline.process(&doc)
                return Outcome(line: Records.line(for: doc), ok: true, bytes: bytes)
            } catch {
                var source = doc.source
                source.raw = nil
                return Outcome(line: Records.errorLine(id: doc.id, source: source, stage: error.stage, reason: error.reason, detail: error.detail),
                               ok: false, bytes: bytes, message: "\(doc.id): \(error.stage): \(error.reason)")
            }
        }
    }
}
