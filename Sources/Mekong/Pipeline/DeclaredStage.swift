/// A stage declared once, by the descriptor it is registered with: its `name`, `needs` and
/// `adds` are read from `descriptor`, so the registry, `mekong stages`, validation, the JSON
/// Schema of pipelines and the stage that runs cannot disagree.
///
/// A stage whose layers follow its options (the gazetteer's `layer`, an external program's
/// `adds`) implements `needs` or `adds` itself; its declaration then gives the defaults.
/// Mekong's own stages are all declared stages; a plugin's may be one or a plain `Stage`.
public protocol DeclaredStage: Stage {
    /// The stage's registry entry: name, summary, options, `needs`, `adds` and factory.
    static var descriptor: StageDescriptor { get }
}

extension DeclaredStage {
    public var name: String { Self.descriptor.name }
    public var needs: [LayerName] { Self.descriptor.needs }
    public var adds: [LayerName] { Self.descriptor.adds }
}
