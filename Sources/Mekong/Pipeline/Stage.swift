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
    /// Loads what the stage needs for documents (a model, a knowledge base) before the first
    /// one, so that a resource that does not load fails the pipeline instead of every document.
    /// Building a pipeline prepares the stages it will run; a process that only writes records
    /// leaves its workers' stages unprepared (`StagePreparation`). Keep the stage's own init
    /// cheap and load here (`LoadOnce` holds the result).
    func prepare() throws(PipelineError)
    /// Processes one document. Throw `StageError` to fail this document alone.
    func process(_ document: inout Document) throws
    /// Called once when the pipeline is done with the stage (stop child processes, flush).
    func finish()
}

extension Stage {
    public var rewritesText: Bool { false }
    public var gathersAcrossDocuments: Bool { false }
    public func prepare() throws(PipelineError) {}
    public func finish() {}
}

/// Which stages building a pipeline prepares (`Stage.prepare`: loads their models and
/// knowledge bases).
public enum StagePreparation: Sendable {
    /// Every stage: the pipeline runs documents itself.
    case all
    /// Only the stages that gather across documents and those after them: the process writes
    /// the records and its worker processes run the document stages (`Pipeline.documentStages`),
    /// so loading their resources here would only cost time and memory.
    case recordStages
}
