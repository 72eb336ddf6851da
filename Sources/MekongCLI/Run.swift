import ArgumentParser
import Mekong
#if canImport(Glibc)
import Glibc
#endif

extension MekongCommand {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline over files, folders or standard input.",
            discussion: """
                INPUT may be files, folders (read recursively, in name order) or - for standard \
                input. Formats are told from the name and the first bytes: plain text (.txt), \
                HTML (.html), XML (.xml), WARC (.warc), JSON Lines (.jsonl) where each line \
                has "id" and "text" or "html", and JSON (.json): one such record or an array \
                of them, read whole. Compressed inputs (gzip, bzip2, zstd: a.jsonl.gz, \
                b.html.zst, or compressed standard input) are decompressed as they are read, the \
                format told from the name without .gz/.bz2/.zst; --max-document-bytes counts \
                decompressed bytes. Empty standard input holds no document (no record).

                Every input document yields exactly one output record, in input order: the \
                document with its layers, or {"id", "source", "error": {"stage", "message"}}.

                Documents run in worker processes (one per job, one document each at a time): \
                a document that crashes its worker, runs past --timeout or grows it past \
                --max-memory gets an error record, and the batch goes on with a fresh worker.

                Exit codes: 0 every document ok; 1 some documents failed (each has an error \
                record) — with --fail-on never, failed documents leave the status 0, for Spark's \
                rdd.pipe or a shell pipe that reads the error records itself; 2 usage or \
                pipeline error (nothing was processed); 3 the output could not be written (the \
                records so far are kept: rerun with --resume); 4 another run is writing the same \
                output. --fail-on never changes only status 1: the others stay.

                Examples:
                  mekong run -p Pipelines/news.json Corpus/ -o out.jsonl
                  mekong run -p Pipelines/news.json big.jsonl -o out.jsonl --resume
                  cat page.html | mekong run -p Pipelines/news.json - > out.jsonl
                  mekong run -p Pipelines/news.json crawl.jsonl.zst -o out.jsonl.gz --stats
                  (Spark) rdd.pipe("mekong run -p news.json - --jobs 1 --fail-on never --resources mekong-resources")
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("The pipeline file.", valueName: "pipeline.json"))
        var pipeline: String

        @Argument(help: ArgumentHelp("Files, folders, or - for standard input.", valueName: "input"))
        var inputs: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("Output JSON Lines file (default: standard output). Written as FILE.part and renamed when the run ends; compressed when named .gz (gzip) or .zst (zstd), in members of about 1 MB of records, which --resume keeps.", valueName: "out.jsonl"))
        var output: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Documents processed at once, each in a worker process (threads with --in-process) (default: the CPUs this process may use, the least of the online cores, its CPU affinity mask and its cgroup's CPU quota: here \(RunOptions.defaultJobs)). Under Spark, where each task has a core of its own, pass 1.", valueName: "N"))
        var jobs: Int?

        @Option(name: .customLong("max-document-bytes"), help: ArgumentHelp("Largest document in bytes, after decompression; a larger one becomes an error record without being read whole (default: the pipeline's limits.documentBytes, else \(Limits.defaultDocumentBytes)).", valueName: "bytes"))
        var maxDocumentBytes: Int?

        @Option(help: ArgumentHelp("Seconds one document may take before it fails with 'timed out' (default: the pipeline's limits.documentSeconds, else \(Limits.format(Limits.defaultDocumentSeconds))).", valueName: "seconds"))
        var timeout: Double?

        @Option(name: .customLong("max-memory"), help: ArgumentHelp("Megabytes of resident memory one worker may use; the document that grows it further fails (default: the pipeline's limits.workerMemoryMB, else \(Limits.defaultWorkerMemoryBytes / 1_048_576)).", valueName: "MB"))
        var maxMemory: Int?

        @Flag(help: "Let the pipeline's stages read files outside the pipeline file's folder and Mekong's resources.")
        var allowPathsOutside = false

        @Option(help: ArgumentHelp("A resources folder laid out like the shipped one (kb/, ner/, quantities/, vi-segmenter.mkseg, a prebuilt kb/store/ from 'mekong kb prebuild'): its files are used before the shipped ones, here and in the worker processes. The same as MEKONG_RESOURCES=DIR, which it overrides.", valueName: "dir"))
        var resources: String?

        @Flag(help: "Run documents on threads of this process instead of worker processes: no crash isolation, no --timeout or --max-memory.")
        var inProcess = false

        @Flag(help: "Continue a run that was stopped or killed: keep the records already written and process the rest.")
        var resume = false

        @Flag(help: "Stop at the first document that fails.")
        var failFast = false

        @Option(name: .customLong("fail-on"), help: ArgumentHelp("When failed documents make the exit status 1: 'error' (any failed document; the default) or 'never' (error records are output like any other: the status stays 0 unless the run itself fails with 2, 3 or 4).", valueName: "error|never"))
        var failOn: FailurePolicy = .error

        @Flag(inversion: .prefixedNo, help: "Show a progress line on standard error when it is a terminal.")
        var progress = true

        @Flag(name: .shortAndLong, help: "Print no summary line.")
        var quiet = false

        @Flag(help: "At the end, print a table on standard error of what each stage did: documents, errors, input bytes, annotations added, seconds (summed over documents) and milliseconds per document; 'read' is reading and decoding the inputs.")
        var stats = false

        @Option(name: .customLong("stats-json"), help: ArgumentHelp("Write the same statistics as JSON to FILE (- for standard error): {\"documents\", \"seconds\", \"jobs\", \"stages\": [{\"stage\", \"index\", \"documents\", \"errors\", \"inputBytes\", \"annotations\", \"seconds\"}]}.", valueName: "file"))
        var statsJSON: String?

        func validate() throws {
            guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
            if let maxDocumentBytes, !(1...DocumentInputs.largestDocumentLimit).contains(maxDocumentBytes) {
                throw ValidationError("--max-document-bytes must be from 1 to \(DocumentInputs.largestDocumentLimit)")
            }
            if let timeout, !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
            if let maxMemory, maxMemory < 16 { throw ValidationError("--max-memory must be at least 16 (megabytes)") }
            if resume && (output == nil || output == "-") { throw ValidationError("--resume needs an output file (-o FILE)") }
            // A run stopped at its first failure did not do its work: that cannot end in 0.
            if failFast && failOn == .never { throw ValidationError("--fail-fast stops at the first failure, which --fail-on never says is no failure of the run; use one or the other") }
        }

        func run() throws {
            // Before any resource is loaded; the workers inherit it with the environment.
            if let resources { MekongResources.use(resources) }
            if let problem = MekongResources.overrideProblem {
                StandardError.write("mekong: \(problem)\n")
                throw ExitCode(2)
            }
            let loaded: Pipeline
            do {
                // With worker processes, the document stages' models load there, not here too.
                loaded = try Pipeline.load(contentsOf: pipeline, registry: MekongCommand.registry,
                                           resources: ResourcePolicy(allowOutside: allowPathsOutside),
                                           preparing: inProcess ? .all : .recordStages)
            } catch {
                StandardError.write(error.description + "\n")
                throw ExitCode(2)
            }
            defer { loaded.finish() }
            let showProgress = progress && StandardError.isTerminal
            let total = showProgress ? InputCounter.count(inputs) : nil
            var isolation: ProcessIsolation?
            if !inProcess {
                var command = [WorkerExecutable.path, "worker", "-p", pipeline, "--stages", String(loaded.documentStages.count)]
                if allowPathsOutside { command.append("--allow-paths-outside") }
                isolation = ProcessIsolation(
                    workerCommand: command,
                    documentSeconds: timeout ?? loaded.limits.documentSeconds ?? Limits.defaultDocumentSeconds,
                    workerMemoryBytes: maxMemory.map { $0 * 1_048_576 } ?? loaded.limits.workerMemoryBytes ?? Limits.defaultWorkerMemoryBytes)
            }
            let runner = BatchRunner(pipeline: loaded, options: RunOptions(
                jobs: jobs ?? RunOptions.defaultJobs, output: output, resume: resume, failFast: failFast, progress: showProgress,
                isolation: isolation))
            if let output, output != "-" { Interruption.install() }
            // A file size limit must fail a write (and say so), not kill the run.
            signal(SIGXFSZ, SIG_IGN)
            let summary: RunSummary
            do {
                let documentBytes = maxDocumentBytes ?? loaded.limits.documentBytes ?? Limits.defaultDocumentBytes
                summary = try runner.run(DocumentInputs(paths: inputs, xmlMapping: loaded.xmlMapping, maxDocumentBytes: documentBytes), total: total)
            } catch {
                var message = "mekong: \(error)\n"
                if case .io = error, let output, output != "-" {
                    message += "mekong: the records written so far are kept in \(output).part; rerun the same command with --resume to continue\n"
                }
                StandardError.write(message)
                throw ExitCode(error.exitStatus)
            }
            if !quiet { StandardError.write(summary.line + "\n") }
            if stats { StandardError.write(summary.statistics.table) }
            if let statsJSON { try writeStatistics(summary, jobs: runner.options.jobs, to: statsJSON) }
            if let status = failOn.exitStatus(failed: summary.failed) { throw ExitCode(status) }
        }
    }
}

extension MekongCommand.Run {
    /// `--stats-json`: the statistics with the run's length and jobs, as one JSON object.
    func writeStatistics(_ summary: RunSummary, jobs: Int, to path: String) throws {
        guard case .object(var object) = summary.statistics.json else { return }
        object["seconds"] = .number(summary.seconds)
        object["jobs"] = .integer(jobs)
        var w = JSONWriter()
        w.write(.object(object))
        let bytes = w.bytes + [0x0A]
        if path == "-" { StandardError.write(String(decoding: bytes, as: UTF8.self)); return }
        do { try FileIO.writeAll(path: path, bytes) } catch {
            StandardError.write("mekong: \(error)\n")
            throw ExitCode(3)
        }
    }
}

/// `--fail-on`: whether documents that failed make the run's exit status 1.
enum FailurePolicy: String, ExpressibleByArgument, CaseIterable {
    /// Any failed document: exit status 1 (the default).
    case error
    /// Failed documents are records like any other: exit status 0. A Spark task (`rdd.pipe`)
    /// fails its whole partition on a non-zero status, which the error records do not call for.
    case never

    /// The status a finished run ends with, or nil for 0.
    func exitStatus(failed: Int) -> Int32? {
        switch self {
        case .error: return failed > 0 ? 1 : nil
        case .never: return nil
        }
    }
}

/// Counts input documents up front, for the progress line's ETA.
enum InputCounter {
    static func count(_ paths: [String]) -> Int? {
        var total = 0
        var pending = Array(paths.reversed())
        while let p = pending.popLast() {
            if p == "-" { return nil }
            if FileIO.isDirectory(p) {
                guard let entries = try? FileIO.listDirectory(p) else { continue }
                pending.append(contentsOf: entries.reversed().map { p.hasSuffix("/") ? p + $0 : p + "/" + $0 })
            } else if FileIO.exists(p) && !FileIO.isRegularFile(p) {
                return nil  // a pipe can be read once: by the run, not by this count
            } else if FormatSniffer.format(name: p) == .jsonl {
                guard let reader = try? LineReader(decompressing: p) else { continue }
                while let line = try? reader.next() { if !line.isEmpty { total += 1 } }
            } else {
                total += 1
            }
        }
        return total
    }
}

/// On Ctrl-C or SIGTERM, says how to continue before leaving: the records written so far
/// stay in FILE.part for `--resume`.
enum Interruption {
    static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            let message = "\nmekong: interrupted; the records written so far are kept: rerun the same command with --resume to continue\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            _exit(128 + signal)
        }
        Glibc.signal(SIGINT, handler)
        Glibc.signal(SIGTERM, handler)
    }
}
