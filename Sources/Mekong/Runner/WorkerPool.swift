#if canImport(Glibc)
import Glibc
#endif

/// How a batch isolates documents from each other: each runs in a worker process that a
/// crash, a hang or runaway memory can take down without taking the batch with it.
public struct ProcessIsolation: Sendable {
    /// The command line that starts a worker (`mekong worker -p PIPELINE`); the worker speaks
    /// `WorkerFrame`s on its standard input and output.
    public var workerCommand: [String]
    /// A document that takes longer fails with `timed out after N s` and its worker is
    /// replaced; nil for no limit.
    public var documentSeconds: Double?
    /// A worker whose resident memory grows past this is killed, and its document fails;
    /// nil for no limit.
    public var workerMemoryBytes: Int?

    public init(workerCommand: [String], documentSeconds: Double? = Limits.defaultDocumentSeconds,
                workerMemoryBytes: Int? = Limits.defaultWorkerMemoryBytes) {
        self.workerCommand = workerCommand
        self.documentSeconds = documentSeconds
        self.workerMemoryBytes = workerMemoryBytes
    }
}

/// Worker processes under supervision: hands each one document at a time, watches the clock
/// and their memory, and turns a death, a time-out or a blow-up into that document's error
/// record. A replacement starts when the next document needs it.
final class WorkerPool {
    private let isolation: ProcessIsolation
    private let stageNames: [String]
    private let size: Int
    private var workers: [WorkerProcess] = []
    /// Documents finished (or failed) since the last `wait`, by sequence number.
    private var finished: [(Int, DocumentOutcome)] = []
    private var lastMemoryCheck = 0.0

    init(size: Int, isolation: ProcessIsolation, stageNames: [String]) throws(RunError) {
        self.size = max(1, size)
        self.isolation = isolation
        self.stageNames = stageNames
        // Ignored, so that writing to a worker that just died is an error, not our death.
        signal(SIGPIPE, SIG_IGN)
        // The Swift runtime's crash backtracer can take many seconds per crash; a worker's
        // crash is reported in its record instead.
        if getenv("SWIFT_BACKTRACE") == nil { setenv("SWIFT_BACKTRACE", "enable=no", 1) }
        for _ in 0..<self.size { workers.append(try start()) }
        // Wait for every worker to load the pipeline, so a worker that cannot start stops the
        // run before any document is handed out.
        for w in workers { try awaitReady(w) }
    }

    private func start() throws(RunError) -> WorkerProcess {
        try WorkerProcess(command: isolation.workerCommand)
    }

    private func awaitReady(_ w: WorkerProcess) throws(RunError) {
        while !w.ready {
            var fds = [pollfd(fd: w.fromWorker, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: w.standardErrorOpen ? w.errorsFromWorker : -1, events: Int16(POLLIN), revents: 0)]
            let r = poll(&fds, 2, 60_000)
            if r < 0 && errno == EINTR { continue }
            if r == 0 { w.kill(); throw .usage("a worker process did not start within 60 s") }
            if fds[1].revents != 0 { w.relayStandardError() }
            if fds[0].revents != 0 {
                for e in w.readEvents() {
                    if case .ended = e {
                        w.reap()
                        // Status 2: the pipeline did not load there (its models are loaded only
                        // in workers), and the worker's own message above says why.
                        if w.exitStatus == 2 { throw .usage("the pipeline could not be loaded in a worker process (the reason is above)") }
                        throw .usage("a worker process could not start (it \(w.endDescription))")
                    }
                }
            }
        }
    }

    var busyCount: Int { workers.reduce(0) { $0 + ($1.job != nil ? 1 : 0) } }

    /// A worker ready for a document, starting one if a place is free; nil when all are busy.
    func idleWorker() throws(RunError) -> WorkerProcess? {
        if let w = workers.first(where: \.isIdle) { return w }
        workers.removeAll { $0.exited && $0.job == nil }
        guard workers.count < size else { return nil }
        let w = try start()
        try awaitReady(w)
        workers.append(w)
        return w
    }

    /// Hands a document to a worker.
    func start(_ document: Document, sequence: Int, on worker: WorkerProcess) {
        // The raw bytes go beside the JSON form, which leaves them out.
        var doc = document
        let raw = doc.source.raw
        doc.source.raw = nil
        var w = JSONWriter()
        w.write(doc.jsonValue())
        worker.send(.document(json: w.bytes, raw: raw),
                    job: WorkerProcess.Job(sequence: sequence, id: doc.id, source: doc.source, started: MonotonicClock.seconds()))
    }

    /// Waits up to `timeout` seconds for something to happen, and returns the documents that
    /// finished (in whatever order they did).
    func wait(timeout: Double) -> [(Int, DocumentOutcome)] {
        let now = MonotonicClock.seconds()
        var wait = timeout
        if let limit = isolation.documentSeconds {
            for w in workers { if let job = w.job { wait = min(wait, max(0, job.started + limit - now)) } }
        }
        if isolation.workerMemoryBytes != nil && busyCount > 0 { wait = min(wait, 0.25) }
        var fds: [pollfd] = []
        var owners: [(WorkerProcess, Bool)] = []
        for w in workers where !w.exited {
            fds.append(pollfd(fd: w.fromWorker, events: Int16(POLLIN), revents: 0))
            owners.append((w, false))
            if w.standardErrorOpen {
                fds.append(pollfd(fd: w.errorsFromWorker, events: Int16(POLLIN), revents: 0))
                owners.append((w, true))
            }
            if w.wantsToWrite {
                fds.append(pollfd(fd: w.toWorker, events: Int16(POLLOUT), revents: 0))
                owners.append((w, false))
            }
        }
        let r = poll(&fds, nfds_t(fds.count), Int32((wait * 1000).rounded(.up)))
        if r > 0 {
            // Standard error first, so a crash's last words are in hand when its end is read.
            for (i, (w, isStderr)) in owners.enumerated() where isStderr && fds[i].revents != 0 { w.relayStandardError() }
            for (i, (w, isStderr)) in owners.enumerated() where !isStderr && fds[i].revents != 0 {
                if fds[i].fd == w.toWorker { w.flush(); continue }
                handle(w, w.readEvents())
            }
        }
        enforceLimits()
        defer { finished.removeAll() }
        return finished
    }

    private func handle(_ w: WorkerProcess, _ events: [WorkerProcess.Event]) {
        for e in events {
            switch e {
            case .hello, .stage:
                break
            case .timings(let samples):
                w.job?.samples = samples
            case .result(let ok, let line):
                guard let job = w.job else { continue }
                w.job = nil
                w.finished += 1
                finished.append((job.sequence, DocumentOutcome(line: line, failure: ok ? nil : .stage, bytes: job.source.size, samples: job.samples)))
                // A worker that grew large on one document gives its memory back by starting anew.
                if let limit = isolation.workerMemoryBytes, let rss = w.residentBytes, rss > limit / 2 { w.stop() }
            case .ended, .garbled:
                w.kill()
                if let job = w.job {
                    w.job = nil
                    let detail = w.recentStandardError
                    finished.append((job.sequence, .failed(.crashed, id: job.id, source: job.source, stage: stageName(job),
                                                            reason: w.endDescription, detail: detail.isEmpty ? nil : String(detail.suffix(2000)))
                                                    .blaming(job)))
                }
                return
            }
        }
    }

    private func stageName(_ job: WorkerProcess.Job) -> String {
        guard let i = job.stage, i >= 0, i < stageNames.count else { return "worker" }
        return stageNames[i]
    }

    /// Kills the workers whose document ran past the time limit or whose memory grew past the
    /// limit; their documents fail with the reason.
    private func enforceLimits() {
        let now = MonotonicClock.seconds()
        let checkMemory = isolation.workerMemoryBytes != nil && now - lastMemoryCheck >= 0.2
        if checkMemory { lastMemoryCheck = now }
        for w in workers where !w.exited {
            guard let job = w.job else { continue }
            if let limit = isolation.documentSeconds, now - job.started >= limit {
                w.kill()
                w.job = nil
                finished.append((job.sequence, .failed(.timedOut, id: job.id, source: job.source, stage: stageName(job),
                                                        reason: "timed out after \(Limits.format(limit)) s (--timeout)").blaming(job)))
            } else if checkMemory, let limit = isolation.workerMemoryBytes, let rss = w.residentBytes, rss > limit {
                w.kill()
                w.job = nil
                finished.append((job.sequence, .failed(.memory, id: job.id, source: job.source, stage: stageName(job),
                                                        reason: "used more than \(limit / 1_048_576) MB of memory (--max-memory)").blaming(job)))
            }
        }
    }

    /// Ends every worker: idle ones by closing their input, busy ones (after a fail-fast
    /// stop) by killing them.
    func shutdown() {
        for w in workers where !w.exited {
            if w.job != nil { w.kill() } else { w.stop() }
        }
        workers.removeAll()
    }

    /// The largest resident memory any worker reached (of those already reaped).
    static func peakChildResidentBytes() -> Int? {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        return usage.ru_maxrss * 1024
    }
}


extension DocumentOutcome {
    /// The outcome of a document its worker died on, with a failed sample for the stage it was
    /// in (from its `S` frame to now): the worker could not report its timings.
    func blaming(_ job: WorkerProcess.Job) -> DocumentOutcome {
        guard let stage = job.stage else { return self }
        var outcome = self
        outcome.samples = [StageSample(stage: stage, seconds: MonotonicClock.seconds() - job.stageStarted, annotations: 0, failed: true)]
        return outcome
    }
}
