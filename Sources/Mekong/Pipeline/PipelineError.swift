/// A problem in a pipeline file, located by its JSON path (`$.stages[2].with.timeout`): the
/// located error every layer uses for its files (`Support/LocatedError.swift`).
public typealias PipelineError = LocatedError

/// Everything wrong with a pipeline file, found before any document is read.
public struct PipelineValidationError: Error, Sendable, CustomStringConvertible {
    /// The pipeline file, when it came from one.
    public var file: String?
    public var errors: [PipelineError]
    public init(file: String?, errors: [PipelineError]) {
        self.file = file
        self.errors = errors
    }
    public var description: String {
        let prefix = file.map { "\($0): " } ?? ""
        return errors.map { prefix + $0.description }.joined(separator: "\n")
    }
}
