/// The declaration of one option of a stage: what `mekong stages` prints, what the JSON
/// Schema says, and what the loader checks before a stage is built.
public struct OptionSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        case string
        case integer
        case number
        case boolean
        case stringList
        case object
        /// One of the given strings.
        case choice([String])
        /// A path the stage writes, resolved against the pipeline file's folder.
        case path
        /// A file the stage reads, resolved against the pipeline file's folder: it must be a
        /// regular file inside that folder or Mekong's resources (see `ResourcePolicy`).
        case resource
        /// Files the stage reads, each as for `resource`.
        case resourceList
        /// A list of strings where the first is a program (a command line).
        case command

        public var typeName: String {
            switch self {
            case .string, .path, .resource, .choice: return "string"
            case .integer: return "integer"
            case .number: return "number"
            case .boolean: return "boolean"
            case .stringList, .resourceList, .command: return "array of strings"
            case .object: return "object"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    public var defaultValue: JSONValue?
    /// Inclusive bounds for integer and number options.
    public var minimum: Double?
    public var maximum: Double?
    public var help: String

    public init(_ name: String, _ kind: Kind, required: Bool = false, default defaultValue: JSONValue? = nil,
                minimum: Double? = nil, maximum: Double? = nil, help: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.help = help
    }
}

/// A stage's options after validation, with defaults filled in and paths resolved.
/// Typed accessors cannot fail for declared options: the loader already checked them.
public struct StageOptions: Sendable {
    /// The stage these options belong to.
    public let stage: String
    /// The JSON path of the `with` object, for errors a factory raises itself.
    public let path: String
    /// The folder relative paths are resolved against.
    public let baseDirectory: String
    public let values: JSONObject

    public init(stage: String, path: String = "$", baseDirectory: String = ".", values: JSONObject = JSONObject()) {
        self.stage = stage
        self.path = path
        self.baseDirectory = baseDirectory
        self.values = values
    }

    public subscript(name: String) -> JSONValue? { values[name].flatMap { $0.isNull ? nil : $0 } }
    public func string(_ name: String) -> String? { self[name]?.stringValue }
    public func int(_ name: String) -> Int? { self[name]?.intValue }
    public func double(_ name: String) -> Double? { self[name]?.doubleValue }
    public func bool(_ name: String) -> Bool? { self[name]?.boolValue }
    public func strings(_ name: String) -> [String]? { self[name]?.arrayValue?.compactMap(\.stringValue) }
    public func object(_ name: String) -> JSONObject? { self[name]?.objectValue }

    /// An error about one option, naming the stage and its JSON path.
    public func error(_ option: String, _ message: String) -> PipelineError {
        PipelineError(path: "\(path).\(option)", message: "stage '\(stage)', option '\(option)': \(message)")
    }

    /// Checks `raw` against `specs`: unknown options (with a suggestion), wrong types,
    /// missing required values, bounds. Returns every problem found, not only the first.
    static func validate(_ raw: JSONObject, specs: [OptionSpec], stage: String, path: String,
                         baseDirectory: String, resources: ResourcePolicy = ResourcePolicy()) -> (options: StageOptions?, problems: [PipelineError]) {
        var problems: [PipelineError] = []
        var values = JSONObject()
        for member in raw {
            guard let spec = specs.first(where: { $0.name == member.key }) else {
                var message = "unknown option '\(member.key)' for stage '\(stage)'"
                if let s = Suggestion.closest(to: member.key, in: specs.map(\.name)) { message += "; did you mean '\(s)'?" }
                else if !specs.isEmpty { message += " (options: \(specs.map(\.name).joined(separator: ", ")))" }
                else { message += " (it takes no options)" }
                problems.append(PipelineError(path: "\(path).\(member.key)", message: message))
                continue
            }
            if let problem = check(member.value, against: spec) {
                problems.append(PipelineError(path: "\(path).\(member.key)", message: "stage '\(stage)', option '\(member.key)': \(problem)"))
                continue
            }
            var value = member.value
            switch spec.kind {
            case .path:
                if let p = value.stringValue { value = .string(FilePath.resolve(p, against: baseDirectory)) }
            case .resource:
                let resolved = FilePath.resolve(value.stringValue ?? "", against: baseDirectory)
                if let problem = resources.check(resolved, baseDirectory: baseDirectory) {
                    problems.append(PipelineError(path: "\(path).\(member.key)", message: "stage '\(stage)', option '\(member.key)': \(problem)"))
                    continue
                }
                value = .string(resolved)
            case .resourceList:
                var list: [JSONValue] = []
                for (i, item) in (value.arrayValue ?? []).enumerated() {
                    let resolved = FilePath.resolve(item.stringValue ?? "", against: baseDirectory)
                    if let problem = resources.check(resolved, baseDirectory: baseDirectory) {
                        problems.append(PipelineError(path: "\(path).\(member.key)[\(i)]", message: "stage '\(stage)', option '\(member.key)': \(problem)"))
                    }
                    list.append(.string(resolved))
                }
                value = .array(list)
            default:
                break
            }
            values[member.key] = value
        }
        for spec in specs where raw[spec.name] == nil {
            if spec.required {
                problems.append(PipelineError(path: path, message: "stage '\(stage)' needs option '\(spec.name)' (\(spec.kind.typeName)): \(spec.help)"))
            } else if let d = spec.defaultValue {
                values[spec.name] = d
            }
        }
        if !problems.isEmpty { return (nil, problems) }
        return (StageOptions(stage: stage, path: path, baseDirectory: baseDirectory, values: values), [])
    }

    private static func check(_ value: JSONValue, against spec: OptionSpec) -> String? {
        func wrongType() -> String { "expected \(spec.kind.typeName), found \(value.typeName)" }
        switch spec.kind {
        case .string, .path, .resource:
            guard case .string(let s) = value else { return wrongType() }
            if spec.kind != .string && s.isEmpty { return "expected a file path, found an empty string" }
        case .choice(let choices):
            guard case .string(let s) = value else { return wrongType() }
            if !choices.contains(s) {
                var m = "'\(s)' is not one of \(choices.map { "'\($0)'" }.joined(separator: ", "))"
                if let c = Suggestion.closest(to: s, in: choices) { m += "; did you mean '\(c)'?" }
                return m
            }
        case .integer:
            guard case .integer(let i) = value else { return wrongType() }
            return checkBounds(Double(i), spec)
        case .number:
            guard let d = value.doubleValue else { return wrongType() }
            return checkBounds(d, spec)
        case .boolean:
            guard case .bool = value else { return wrongType() }
        case .stringList, .resourceList, .command:
            guard case .array(let a) = value else { return wrongType() }
            if let bad = a.firstIndex(where: { $0.stringValue == nil }) {
                return "element \(bad) should be a string, found \(a[bad].typeName)"
            }
            if spec.kind == .command && a.isEmpty { return "expected a command line such as [\"python3\", \"plugin.py\"], found an empty array" }
        case .object:
            guard case .object = value else { return wrongType() }
        }
        return nil
    }

    private static func checkBounds(_ d: Double, _ spec: OptionSpec) -> String? {
        if let lo = spec.minimum, d < lo { return "\(format(d)) is below the minimum \(format(lo))" }
        if let hi = spec.maximum, d > hi { return "\(format(d)) is above the maximum \(format(hi))" }
        return nil
    }

    private static func format(_ d: Double) -> String { d == d.rounded() ? String(Int(d)) : String(d) }
}
