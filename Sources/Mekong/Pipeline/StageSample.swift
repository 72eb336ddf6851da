/// One stage's work on one document: how long it took, how many annotations its layers hold
/// after it, and whether the document failed there. Workers send these to their supervisor.
struct StageSample: Sendable, Equatable {
    /// The stage's index in the pipeline.
    var stage: Int
    var seconds: Double
    var annotations: Int
    var failed: Bool = false
}
