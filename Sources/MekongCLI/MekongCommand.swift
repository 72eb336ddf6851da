import ArgumentParser
import Mekong

/// The `mekong` command line. A package with Swift stages of its own ships its own
/// executable that calls `MekongCommand.main(registry:)` with its stages registered.
public struct MekongCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mekong",
        abstract: "Multilingual text processing for news corpora, Vietnamese first.",
        discussion: """
            Documents flow through stages that a pipeline file names, and come out as JSON Lines \
            records with standoff annotations (offsets in Unicode code points, end exclusive).

            Exit codes: 0 all documents ok; 1 some documents failed (each has an error record); \
            2 usage or pipeline error (nothing was processed).

            Start with:  mekong run -p Pipelines/news.json Corpus/ -o out.jsonl
            """,
        version: MekongVersion.string,
        subcommands: [Run.self, Report.self, Normalize.self, Language.self, Tokenize.self, Segment.self, Quantities.self, KB.self, Train.self, Eval.self, Stages.self, Validate.self, Schema.self, Benchmark.self, Worker.self])

    public init() {}

    /// Stages available to this command line; a Swift plugin's executable adds its own.
    nonisolated(unsafe) public static var registry = StageRegistry.builtIn

    /// Runs the command line with the given registry and exits with a documented code.
    public static func main(registry: StageRegistry, arguments: [String]? = nil) -> Never {
        Self.registry = registry
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exit()
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // Argument errors are usage errors: 2, as for a bad pipeline.
            if code == .validationFailure {
                StandardError.write(fullMessage(for: error) + "\n")
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

public enum MekongVersion {
    public static let string = "0.1.0"
}
