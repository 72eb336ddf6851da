/// A problem located in a file: by a JSON path (`$.stages[2].with.timeout`), a file and line
/// (`cues.json:12`) or a file name — what a pipeline file, a knowledge-base source, a cue
/// list, an XML mapping or an export path reports. `Pipeline` calls it `PipelineError`.
public struct LocatedError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}
