/// What became of one input document: the record line written for it, and how it ended.
/// Both ways of running a batch (worker threads in this process, or worker processes under
/// a supervisor) produce these, so records and the summary are the same either way.
struct DocumentOutcome: Sendable {
    var line: [UInt8]
    var failure: FailureKind?
    var bytes: Int
    /// What each stage the document began took (for `--stats`).
    var samples: [StageSample] = []

    var ok: Bool { failure == nil }

    /// A document that could not be read: its record names the `read` pseudo-stage.
    static func readFailure(_ f: InputFailure) -> DocumentOutcome {
        let source = Source(uri: f.uri, format: f.format, size: 0)
        return DocumentOutcome(line: Records.errorLine(id: f.id, source: source, stage: InputFailure.stage, reason: f.reason),
                               failure: .read, bytes: 0)
    }

    /// An error record for a document that failed in `stage` for a reason the runner saw
    /// (a crash, a time-out), not one a stage reported.
    static func failed(_ kind: FailureKind, id: String, source: Source, stage: String, reason: String, detail: String? = nil) -> DocumentOutcome {
        var source = source
        source.raw = nil
        return DocumentOutcome(line: Records.errorLine(id: id, source: source, stage: stage, reason: reason, detail: detail),
                               failure: kind, bytes: source.size)
    }

    /// Runs `stages` of the pipeline over a document; `willRun` hears each stage's index as
    /// it begins.
    static func process(_ document: Document, pipeline: Pipeline, stages: Range<Int>,
                        willRun: (Int) -> Void = { _ in }) -> DocumentOutcome {
        var doc = document
        let bytes = doc.source.size
        var samples: [StageSample] = []
        do {
            try pipeline.process(&doc, stages: stages, willRun: willRun, samples: &samples)
            return DocumentOutcome(line: Records.line(for: doc), failure: nil, bytes: bytes, samples: samples)
        } catch {
            var source = doc.source
            source.raw = nil
            return DocumentOutcome(line: Records.errorLine(id: doc.id, source: source, stage: error.stage, reason: error.reason, detail: error.detail),
                                   failure: .stage, bytes: bytes, samples: samples)
        }
    }
}

/// Why a document's record is an error record, for the run's summary.
public enum FailureKind: String, Sendable, CaseIterable {
    /// The input could not be read or decoded (too large, binary, malformed).
    case read
    /// A stage reported an error.
    case stage
    /// The document crashed its worker process (a signal, a trap, a C library fault).
    case crashed
    /// The document took longer than the time limit.
    case timedOut = "timed out"
    /// The worker processing it grew past the memory limit.
    case memory = "out of memory"

    /// How the summary line names a count of this kind.
    func summary(_ count: Int) -> String {
        "\(count) " + (self == .stage && count == 1 ? "stage error" : summaryName)
    }

    private var summaryName: String {
        switch self {
        case .read: return "unreadable"
        case .stage: return "stage errors"
        case .crashed: return "crashed"
        case .timedOut: return "timed out"
        case .memory: return "over the memory limit"
        }
    }
}
