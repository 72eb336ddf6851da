import ArgumentParser
import Mekong
#if canImport(Glibc)
import Glibc
#endif

extension MekongCommand {
    /// The worker process `mekong run` starts for each job: it loads the pipeline's document
    /// stages and serves documents on its standard input and output. Not for people to run.
    struct Worker: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "worker",
            abstract: "Serve documents to a supervising 'mekong run' (internal).",
            shouldDisplay: false)

        @Option(name: .shortAndLong, help: "The pipeline file.")
        var pipeline: String

        @Option(help: "How many of the pipeline's stages to build and run.")
        var stages: Int

        @Flag(help: "Let stages read files outside the pipeline's folder.")
        var allowPathsOutside = false

        func run() throws {
            let loaded: Pipeline
            do {
                loaded = try Pipeline.load(contentsOf: pipeline, registry: MekongCommand.registry, stageLimit: stages,
                                           resources: ResourcePolicy(allowOutside: allowPathsOutside))
            } catch {
                StandardError.write(error.description + "\n")
                throw ExitCode(2)
            }
            let status = WorkerService.serve(loaded)
            loaded.finish()
            if status != 0 { throw ExitCode(status) }
        }
    }
}

enum WorkerExecutable {
    /// This executable, which starts its own workers (a Swift plugin's binary included).
    static var path: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
