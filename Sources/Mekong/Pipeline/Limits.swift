/// The limits that keep one document from costing a batch more than its own record: how
/// large a document may be, how long it may take, and how much memory a worker may use.
/// Each has a default, a field under a pipeline's `"limits"`, and a flag of `mekong run`
/// that overrides both.
public struct Limits: Sendable, Equatable {
    /// Largest document in bytes (decompressed), checked before it is read whole.
    public var documentBytes: Int?
    /// Longest time one document may take, in seconds.
    public var documentSeconds: Double?
    /// Largest resident memory of one worker process, in bytes.
    public var workerMemoryBytes: Int?

    public init(documentBytes: Int? = nil, documentSeconds: Double? = nil, workerMemoryBytes: Int? = nil) {
        self.documentBytes = documentBytes
        self.documentSeconds = documentSeconds
        self.workerMemoryBytes = workerMemoryBytes
    }

    public static let defaultDocumentBytes = DocumentInputs.defaultMaxDocumentBytes
    public static let defaultDocumentSeconds = 120.0
    public static let defaultWorkerMemoryBytes = 4096 * 1_048_576

    /// The pipeline-file keys, as `"limits": {"documentBytes": …, "documentSeconds": …, "workerMemoryMB": …}`.
    static let keys = ["documentBytes", "documentSeconds", "workerMemoryMB"]

    /// Reads a pipeline's `"limits"` object; problems are reported with their JSON paths.
    static func parse(_ json: JSONValue, path: String, errors: inout [PipelineError]) -> Limits {
        var limits = Limits()
        guard let o = json.objectValue else {
            errors.append(PipelineError(path: path, message: "expected an object like {\"documentSeconds\": 60}, found \(json.typeName)"))
            return limits
        }
        for m in o {
            let p = "\(path).\(m.key)"
            switch m.key {
            case "documentBytes":
                guard let v = m.value.intValue, v >= 1, v <= DocumentInputs.largestDocumentLimit else {
                    errors.append(PipelineError(path: p, message: "expected an integer from 1 to \(DocumentInputs.largestDocumentLimit) (bytes)"))
                    continue
                }
                limits.documentBytes = v
            case "documentSeconds":
                guard let v = m.value.doubleValue, v > 0 else { errors.append(PipelineError(path: p, message: "expected a positive number (seconds)")); continue }
                limits.documentSeconds = v
            case "workerMemoryMB":
                guard let v = m.value.intValue, v >= 16 else { errors.append(PipelineError(path: p, message: "expected an integer of at least 16 (megabytes)")); continue }
                limits.workerMemoryBytes = v * 1_048_576
            default:
                var message = "unknown limit '\(m.key)' (limits: \(keys.joined(separator: ", ")))"
                if let s = Suggestion.closest(to: m.key, in: keys) { message += "; did you mean '\(s)'?" }
                errors.append(PipelineError(path: p, message: message))
            }
        }
        return limits
    }

    /// Seconds as written in messages: `120`, `0.5`.
    public static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
