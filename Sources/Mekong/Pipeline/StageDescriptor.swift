/// What the registry knows about a stage before building it: its name, what it does, its
/// options, the layers it needs and adds, and the factory that builds it from options.
public struct StageDescriptor: Sendable {
    public var name: String
    /// One line for `mekong stages`.
    public var summary: String
    public var options: [OptionSpec]
    public var needs: [LayerName]
    public var adds: [LayerName]
    /// An example `with` object for the docs, when the stage takes options.
    public var example: JSONObject?
    public var make: @Sendable (StageOptions) throws -> any Stage

    public init(name: String, summary: String, options: [OptionSpec] = [], needs: [LayerName], adds: [LayerName],
                example: JSONObject? = nil, make: @escaping @Sendable (StageOptions) throws -> any Stage) {
        self.name = name
        self.summary = summary
        self.options = options
        self.needs = needs
        self.adds = adds
        self.example = example
        self.make = make
    }
}

/// Maps the names used in pipeline files to stage factories.
///
/// `StageRegistry.builtIn` holds Mekong's own stages. A Swift plugin copies it, registers
/// its stages, and hands the registry to `Pipeline.load` or to the command line.
public struct StageRegistry: Sendable {
    private var byName: [String: StageDescriptor] = [:]
    public private(set) var names: [String] = []

    public init() {}

    /// Adds a stage, or replaces the one registered under the same name.
    public mutating func register(_ descriptor: StageDescriptor) {
        if byName[descriptor.name] == nil { names.append(descriptor.name) }
        byName[descriptor.name] = descriptor
    }

    public func descriptor(named name: String) -> StageDescriptor? { byName[name] }

    public var descriptors: [StageDescriptor] { names.map { byName[$0]! } }
}
