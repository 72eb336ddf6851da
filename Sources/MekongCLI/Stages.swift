import ArgumentParser
import Mekong

extension MekongCommand {
    struct Stages: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every stage with its options, defaults, and the layers it needs and adds.")

        @Flag(help: "Print the list as JSON.")
        var json = false

        func run() throws {
            let registry = MekongCommand.registry
            if json {
                let list: [JSONValue] = registry.descriptors.map { d in
                    .object([
                        "name": .string(d.name), "summary": .string(d.summary),
                        "needs": .array(d.needs.map { .string($0.rawValue) }),
                        "adds": .array(d.adds.map { .string($0.rawValue) }),
                        "options": .array(d.options.map { o in
                            var obj: JSONObject = ["name": .string(o.name), "type": .string(o.kind.typeName),
                                                   "required": .bool(o.required), "help": .string(o.help)]
                            if let dv = o.defaultValue { obj["default"] = dv }
                            return .object(obj)
                        }),
                    ])
                }
                print(JSONWriter.serialize(.array(list), indent: 2))
                return
            }
            for d in registry.descriptors {
                print("\(d.name)\n  \(d.summary)")
                let needs = d.needs.isEmpty ? "—" : d.needs.map(\.rawValue).joined(separator: ", ")
                let adds = d.adds.isEmpty ? "—" : d.adds.map(\.rawValue).joined(separator: ", ")
                print("  needs: \(needs)   adds: \(adds)")
                for o in d.options {
                    var line = "    \(o.name) (\(o.kind.typeName)"
                    if case .choice(let c) = o.kind { line += ": " + c.joined(separator: "|") }
                    line += o.required ? ", required)" : ")"
                    if let dv = o.defaultValue { line += " = \(JSONWriter.serialize(dv))" }
                    print(line + "\n        \(o.help)")
                }
                if let example = d.example {
                    print("  example: {\"use\": \"\(d.name)\", \"with\": \(JSONWriter.serialize(.object(example)))}")
                }
                print("")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check pipeline files without running them.",
            discussion: "Reports every problem with its JSON path and exits 2 if there is one.")

        @Argument(help: ArgumentHelp("Pipeline files.", valueName: "pipeline.json"))
        var pipelines: [String]

        @Flag(help: "Let the stages read files outside the pipeline file's folder and Mekong's resources.")
        var allowPathsOutside = false

        func run() throws {
            var failed = false
            for file in pipelines {
                do {
                    let p = try Pipeline.load(contentsOf: file, registry: MekongCommand.registry,
                                              resources: ResourcePolicy(allowOutside: allowPathsOutside))
                    print("\(file): ok — \(p.name): \(p.stages.map(\.name).joined(separator: " → "))")
                    p.finish()
                } catch {
                    StandardError.write(error.description + "\n")
                    failed = true
                }
            }
            if failed { throw ExitCode(2) }
        }
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the JSON Schema of pipeline files (for editors), or of output records.",
            discussion: """
                Without options: the schema of pipeline files, from the stages this command \
                line knows (Pipelines/pipeline.schema.json is it for the built-in stages).

                --records: the schema of one output record of `mekong run` — a document with \
                its layers, or an error record. Built-in layers and fields have fixed types \
                (numbers are numbers or absent; dates carry their normal form in `normal`), \
                so tools such as Arrow, Parquet and Spark can type their columns from it; \
                plugins' layers and free metadata stay open.

                Examples:
                  mekong schema > pipeline.schema.json
                  mekong schema --records > record.schema.json
                """)

        @Flag(help: "Print the schema of output records instead of pipeline files.")
        var records = false

        func run() throws {
            let schema = records ? RecordSchema.generate() : PipelineSchema.generate(MekongCommand.registry)
            print(JSONWriter.serialize(schema, indent: 2))
        }
    }
}
