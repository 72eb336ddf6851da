/// What one stage did over a run: `mekong run --stats` prints these as a table,
/// `--stats-json` writes them as JSON.
public struct StageStatistics: Sendable, Equatable {
    /// The stage's name (`read` for reading the inputs).
    public var name: String
    /// Time spent in the stage, summed over documents (wall clock, so with `--jobs N` the sum
    /// can be up to N times the run's length).
    public var seconds = 0.0
    /// Documents the stage began.
    public var documents = 0
    /// Their source bytes (decompressed).
    public var inputBytes = 0
    /// Annotations in the layers the stage adds, counted just after it ran.
    public var annotations = 0
    /// Documents that failed in this stage (an error, a crash, a time-out, the memory limit).
    public var errors = 0
}

/// Per-stage statistics of a run, reading the inputs (`read`) first, then the pipeline's
/// stages in order. Collecting them costs a clock read per stage per document.
public struct RunStatistics: Sendable, Equatable {
    public private(set) var stages: [StageStatistics]
    /// Documents whose records were written in this run.
    public private(set) var documents = 0

    public init(stageNames: [String]) {
        stages = [StageStatistics(name: InputFailure.stage)] + stageNames.map { StageStatistics(name: $0) }
    }

    /// Counts a document's outcome: its read, then each stage it began.
    mutating func add(_ outcome: DocumentOutcome) {
        documents += 1
        stages[0].documents += 1
        stages[0].inputBytes += outcome.bytes
        if outcome.failure == .read { stages[0].errors += 1 }
        for s in outcome.samples where s.stage + 1 < stages.count {
            stages[s.stage + 1].documents += 1
            stages[s.stage + 1].seconds += s.seconds
            stages[s.stage + 1].inputBytes += outcome.bytes
            stages[s.stage + 1].annotations += s.annotations
            if s.failed { stages[s.stage + 1].errors += 1 }
        }
    }

    /// Time spent reading and decoding the inputs (decompression included).
    mutating func addReading(seconds: Double) {
        stages[0].seconds += seconds
    }

    /// A table for people, one line per stage.
    public var table: String {
        let header = ["stage", "documents", "errors", "input bytes", "annotations", "seconds", "ms/doc"]
        var rows = [header]
        for s in stages {
            let perDocument = s.documents > 0 ? 1000 * s.seconds / Double(s.documents) : 0
            rows.append([s.name, String(s.documents), String(s.errors), String(s.inputBytes),
                         String(s.annotations), Self.format(s.seconds), Self.format(perDocument)])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// Seconds with three decimals: stages of a few milliseconds still show.
    static func format(_ seconds: Double) -> String {
        let thousandths = Int((seconds * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// The statistics as JSON: `{"documents": N, "stages": [{"stage": "read", "index": -1, …}, …]}`.
    public var json: JSONValue {
        let list: [JSONValue] = stages.enumerated().map { i, s in
            .object(["stage": .string(s.name), "index": .integer(i - 1), "documents": .integer(s.documents), "errors": .integer(s.errors),
                     "inputBytes": .integer(s.inputBytes), "annotations": .integer(s.annotations), "seconds": .number(s.seconds)])
        }
        return .object(["documents": .integer(documents), "stages": .array(list)])
    }
}
