/// A processing stage: reads some layers of a document and adds others.
///
/// A stage is built once per pipeline from its validated JSON options and then called for
/// many documents, from several threads at once: keep per-document state on the stack,
/// and guard anything shared.
public protocol Stage: Sendable {
    /// The name the stage is registered under, as written in a pipeline's `use`.
    var name: String { get }
    /// Layers that must exist before this stage runs (`text` for almost every stage).
    var needs: [LayerName] { get }
    /// Layers this stage adds.
    var adds: [LayerName] { get }
    /// Whether the stage rewrites the text (through `Document.rewriteText`), which is only
    /// allowed before span layers exist.
    var rewritesText: Bool { get }
    /// Whether the stage gathers what it sees across documents into something shared (a
    /// glossary, one export file). Such a stage and every stage after it run in the process
    /// that writes the records, never in a worker process, so they see every document once.
    var gathersAcrossDocuments: Bool { get }
    /// Processes one document. Throw `StageError` to fail this document alone.
    func process(_ document: inout Document) throws
    /// Called once when the pipeline is done with the stage (stop child processes, flush).
    func finish()
}

extension Stage {
    public var rewritesText: Bool { false }
    public var gathersAcrossDocuments: Bool { false }
    public func finish() {}
}
