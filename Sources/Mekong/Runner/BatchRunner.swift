#if canImport(Glibc)
import Glibc
#endif

/// Settings of one batch run.
public struct RunOptions: Sendable {
    /// Worker processes (or threads); the CPUs this process may use by default.
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
    /// Run documents in supervised worker processes (what `mekong run` does), so a crash or
    /// a hang costs only its document; nil runs them on threads of this process.
    public var isolation: ProcessIsolation?

    public init(jobs: Int = RunOptions.defaultJobs, output: String? = nil, resume: Bool = false, failFast: Bool = false,
                progress: Bool = false, windowPerJob: Int = 4, isolation: ProcessIsolation? = nil) {
        self.isolation = isolation
        self.jobs = jobs
        self.output = output
        self.resume = resume
        self.failFast = failFast
        self.progress = progress
        self.windowPerJob = windowPerJob
    }

    /// The CPUs this process may use: online cores, the affinity mask and the cgroup CPU
    /// quota, the least of them (see `AvailableCores`).
    public static var defaultJobs: Int { AvailableCores.count() }
}

/// What a run did.
public struct RunSummary: Sendable {
    public var ok = 0
    public var failed = 0
    /// The failed documents by why they failed.
    public var failures: [FailureKind: Int] = [:]
    /// Documents skipped because a resumed run had already written them.
    public var resumed = 0
    public var seconds = 0.0
    /// Bytes of source read in this run.
    public var bytes = 0
    public var peakMemoryBytes: Int?
    /// True when `--fail-fast` stopped the run early.
    public var stoppedEarly = false
    /// What each stage did (`mekong run --stats`); empty of documents until the run ends.
    public var statistics = RunStatistics(stageNames: [])

    public var processed: Int { ok + failed }

    /// The one-line summary printed at the end of every run.
    public var line: String {
        let rate = seconds > 0 ? Double(processed) / seconds : 0
        let mbps = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
        var s = "mekong: \(processed) documents: \(ok) ok, \(failed) failed"
        if failed > 0 {
            s += " (" + FailureKind.allCases.compactMap { k in failures[k].map(k.summary) }.joined(separator: ", ") + ")"
        }
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

    /// Runs the batch. Throws only for problems with the run itself (bad output path, a
    /// resume over different input, a write that failed); documents that fail become error
    /// records.
    public func run(_ inputs: DocumentInputs, total: Int? = nil) throws(RunError) -> RunSummary {
        let started = MonotonicClock.seconds()
        let sink = try RecordSink(output: options.output, resume: options.resume)
        var summary = RunSummary()
        summary.statistics = RunStatistics(stageNames: pipeline.stages.map(\.name))

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

        let progress = options.progress ? ProgressLine(total: total.map { $0 - skipped }) : nil
        var stop = false
        let failFast = options.failFast
        func deliver(_ outcome: DocumentOutcome) throws(RunError) {
            if stop { return }
            try sink.append(outcome.line)
            summary.bytes += outcome.bytes
            summary.statistics.add(outcome)
            if let kind = outcome.failure {
                summary.failed += 1
                summary.failures[kind, default: 0] += 1
                if failFast {
                    stop = true
                    summary.stoppedEarly = true
                }
            } else {
                summary.ok += 1
            }
            progress?.update(done: summary.processed, failed: summary.failed)
        }
        // Reading is timed here, where documents are taken: a clock read each.
        var readSeconds = 0.0
        let next = { () -> InputItem? in
            let started = MonotonicClock.seconds()
            defer { readSeconds += MonotonicClock.seconds() - started }
            return inputs.next()
        }
        do {
            if let isolation = options.isolation {
                try runSupervised(next, isolation: isolation, stop: { stop }, deliver: deliver)
            } else {
                try runThreaded(next, stop: { stop }, deliver: deliver)
            }
        } catch {
            sink.abandon()
            throw error
        }
        summary.statistics.addReading(seconds: readSeconds)
        progress?.update(done: summary.processed, failed: summary.failed, force: true)
        progress?.clear()
        try sink.commit()
        summary.seconds = MonotonicClock.seconds() - started
        let own = PeakMemory.bytes
        let workers = options.isolation != nil ? WorkerPool.peakChildResidentBytes() : nil
        summary.peakMemoryBytes = [own, workers].compactMap { $0 }.max()
        return summary
    }

    /// Every stage on worker threads of this process.
    private func runThreaded(_ next: () -> InputItem?, stop: () -> Bool, deliver: (DocumentOutcome) throws(RunError) -> Void) throws(RunError) {
        let pipeline = self.pipeline
        let queue = OrderedWorkQueue<InputItem, DocumentOutcome>(workers: options.jobs, window: options.jobs * options.windowPerJob) { item in
            switch item {
            case .failure(let f): return .readFailure(f)
            case .document(let doc): return .process(doc, pipeline: pipeline, stages: pipeline.stages.indices)
            }
        }
        do {
            while !stop(), let item = next() {
                try queue.submit(item, deliver: deliver)
            }
            if stop() { queue.stop() } else { try queue.finish(deliver: deliver) }
        } catch let e as RunError {
            queue.stop()
            throw e
        } catch {
            queue.stop()
            throw .usage("\(error)")
        }
    }

    /// The document stages in worker processes, one document each at a time; the stages that
    /// gather across documents here, in input order, as records are written.
    private func runSupervised(_ next: () -> InputItem?, isolation: ProcessIsolation, stop: () -> Bool,
                               deliver: (DocumentOutcome) throws(RunError) -> Void) throws(RunError) {
        let pool = try WorkerPool(size: options.jobs, isolation: isolation, stageNames: pipeline.stages.map(\.name))
        defer { pool.shutdown() }
        let tail = pipeline.documentStages.upperBound..<pipeline.stages.count
        let window = options.jobs * options.windowPerJob
        var done: [Int: DocumentOutcome] = [:]
        var nextSequence = 0
        var nextDelivery = 0
        var lookahead: InputItem?
        var inputEnded = false
        while !stop() {
            // Hand out documents while a worker is free and the window has room.
            handOut: while !inputEnded && nextSequence - nextDelivery < window {
                if lookahead == nil {
                    lookahead = next()
                    if lookahead == nil { inputEnded = true; break }
                }
                switch lookahead! {
                case .failure(let f):
                    done[nextSequence] = .readFailure(f)
                case .document(let doc):
                    guard let worker = try pool.idleWorker() else { break handOut }
                    pool.start(doc, sequence: nextSequence, on: worker)
                }
                lookahead = nil
                nextSequence += 1
            }
            while let outcome = done.removeValue(forKey: nextDelivery) {
                nextDelivery += 1
                try deliver(tail.isEmpty ? outcome : finish(outcome, stages: tail))
                if stop() { return }
            }
            if inputEnded && nextDelivery == nextSequence { return }
            // With no document in a worker, everything handed out is delivered and the window
            // is free again: waiting would only stall a run of unreadable inputs (a malformed
            // JSON Lines file cost a second per few lines), so read on.
            if pool.busyCount == 0 { continue }
            for (sequence, outcome) in pool.wait(timeout: 1) { done[sequence] = outcome }
        }
    }

    /// Runs the stages that gather across documents over a finished document, in this process.
    private func finish(_ outcome: DocumentOutcome, stages: Range<Int>) -> DocumentOutcome {
        guard outcome.ok else { return outcome }
        let doc: Document
        do { doc = try Document(json: JSONParser.parse(outcome.line)) } catch {
            // A worker's own record always reads back; this would be a bug, said in the record.
            let id = (try? JSONParser.parse(outcome.line))?["id"]?.stringValue ?? "?"
            return .failed(.stage, id: id, source: Source(uri: id, format: .jsonl, size: outcome.bytes),
                           stage: pipeline.stages[stages.lowerBound].name, reason: "the worker's record could not be read back: \(error)")
        }
        var result = DocumentOutcome.process(doc, pipeline: pipeline, stages: stages)
        result.bytes = outcome.bytes
        result.samples = outcome.samples + result.samples
        return result
    }
}
