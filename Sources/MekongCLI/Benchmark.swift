import ArgumentParser
import Mekong

extension MekongCommand {
    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmark",
            abstract: "Measure text-stage throughput on one core against a bare ICU NFC pass over the same text.",
            discussion: """
                Reads the input files as plain UTF-8 text, cuts them into documents of about \
                --document-size bytes at line ends, and times, on one thread and in the same run: \
                (1) ICU NFC over each document, the floor for this kind of work; (2) the given \
                stages over each document. Prints MB/s for each, their ratio and peak memory. \
                Benchmarks/text-throughput.sh builds the input and runs this in release mode.
                """,
            shouldDisplay: false)

        @Argument(help: "Plain UTF-8 text files.") var inputs: [String]
        @Option(help: "Stages to run, comma-separated.") var stages = "normalize,sentences,tokens"
        @Option(help: "Language given to the documents.") var language = "vi"
        @Option(help: "Approximate document size in bytes.") var documentSize = 4_000
        @Option(help: "Repeat each measurement this many times and keep the fastest.") var repeats = 3
        @Flag(help: "Time the stages only (for profiling them).") var stagesOnly = false
        @Option(help: "A knowledge base for the entities and link stages (default: the one that ships).") var kb: String?
        @Option(help: "Also time these stages (a prefix of --stages) in the same run, interleaved, and report what the rest adds.") var baseline: String?
        @Option(name: .customLong("option"), help: "A stage option, STAGE.NAME=VALUE (VALUE read as JSON, else as a string): --option entities.recognizer=rules.") var options: [String] = []
        @Option(help: "Run the stages over this file's lines (one document each) before timing: models and knowledge-base pages loaded, caches as a long run has them, without timing the same text twice.") var warmUp: String?

        func run() throws {
            var documents: [String] = []
            var bytes = 0
            for path in inputs {
                let reader = try LineReader(path: path)
                var current = ""
                while let line = try reader.next() {
                    current += String(decoding: line, as: UTF8.self)
                    current += "\n"
                    if current.utf8.count >= documentSize { documents.append(current); bytes += current.utf8.count; current = "" }
                }
                if !current.isEmpty { documents.append(current); bytes += current.utf8.count }
            }
            let megabytes = Double(bytes) / 1_000_000
            print("input: \(documents.count) documents, \(String(format2: megabytes)) MB")

            // Floor 1: ICU's NFC over the UTF-8 bytes, all in C (bytes prepared beforehand).
            let utf8Documents = stagesOnly ? [] : documents.map { Array($0.utf8) }
            let bare = ICU.BareNFC()
            var floor = Double.infinity
            var checksum = 0
            for _ in 0..<(stagesOnly ? 0 : repeats) {
                let t = Timer()
                for d in utf8Documents { checksum &+= bare.run(d) }
                floor = min(floor, t.seconds)
            }
            // Floor 2: the same through Swift strings (String → UTF-16 → ICU → String).
            var bridged = Double.infinity
            for _ in 0..<(stagesOnly ? 0 : repeats) {
                let t = Timer()
                for d in documents { checksum &+= try ICU.normalize(d, .nfc).utf8.count }
                bridged = min(bridged, t.seconds)
            }
            // ICU's break iterators alone over the same text (UTF-16 prepared beforehand).
            let utf16Documents = stagesOnly ? [] : documents.map { Array($0.utf16) }
            var wordBreak = Double.infinity
            var sentenceBreak = Double.infinity
            for _ in 0..<(stagesOnly ? 0 : repeats) {
                var t = Timer()
                for d in utf16Documents { checksum &+= ICU.countBoundaries(.word, locale: language, utf16: d) }
                wordBreak = min(wordBreak, t.seconds)
                t = Timer()
                for d in utf16Documents { checksum &+= ICU.countBoundaries(.sentence, locale: language, utf16: d) }
                sentenceBreak = min(sentenceBreak, t.seconds)
            }
            let kb = self.kb
            var given: [String: JSONObject] = [:]
            for o in options {
                guard let eq = o.firstIndex(of: "="), let dot = o[..<eq].firstIndex(of: ".") else {
                    throw ValidationError("--option \(o): expected STAGE.NAME=VALUE")
                }
                let raw = String(o[o.index(after: eq)...])
                given[String(o[..<dot]), default: [:]][String(o[o.index(after: dot)..<eq])] = (try? JSONParser.parse(raw)) ?? .string(raw)
            }
            func build(_ list: String) throws -> Pipeline {
                try QuickPath.pipeline(list.split(separator: ",").map { name -> (String, JSONObject) in
                    let stage = String(name)
                    var with = given[stage] ?? [:]
                    if let kb, stage == "entities" || stage == "link" { with["kb"] = .string(kb) }
                    return (stage, with)
                }, language: language)
            }
            let pipeline = try build(stages)
            let prefix = try baseline.map(build)
            func time(_ p: Pipeline) throws -> (seconds: Double, annotations: Int) {
                let t = Timer()
                var count = 0
                for d in documents {
                    var doc = Document(id: "b", text: d, language: language)
                    try p.process(&doc)
                    for name in doc.layers.names { count += doc.layers.count(of: name) }
                }
                return (t.seconds, count)
            }
            if let warmUp {
                let reader = try LineReader(path: warmUp)
                while let line = try reader.next() {
                    for p in [prefix, pipeline].compactMap({ $0 }) {
                        var doc = Document(id: "w", text: String(decoding: line, as: UTF8.self), language: language)
                        try p.process(&doc)
                    }
                }
            }
            var best = Double.infinity
            var bestPrefix = Double.infinity
            var annotations = 0
            for _ in 0..<repeats {
                if let prefix { bestPrefix = min(bestPrefix, try time(prefix).seconds) }
                let (seconds, count) = try time(pipeline)
                best = min(best, seconds)
                annotations = count
            }
            // Read before the layers below are kept aside, which would raise it.
            let peak = PeakMemory.bytes
            // What the document model alone costs: the same layers (spans and labels the stages
            // made, kept aside) built into fresh documents and dropped, with no text work at all.
            var recorded: [[(LayerName, [(Int, Int, String?)])]] = []
            if !stagesOnly {
                for d in documents {
                    var doc = Document(id: "b", text: d, language: language)
                    try pipeline.process(&doc)
                    recorded.append(doc.layers.map { ($0.name, $0.annotations.map { ($0.start, $0.end, $0.label) }) })
                }
            }
            var modelFloor = Double.infinity
            for _ in 0..<(stagesOnly ? 0 : repeats) {
                let t = Timer()
                for (d, layers) in zip(documents, recorded) {
                    var doc = Document(id: "b", text: d, language: language)
                    for (name, spans) in layers {
                        var layer = SpanLayer()
                        layer.reserveCapacity(spans.count)
                        for (start, end, label) in spans { layer.append(start: start, end: end, label: label) }
                        doc.layers.set(name, layer)
                    }
                    for name in doc.layers.names { checksum &+= doc.layers.count(of: name) }
                }
                modelFloor = min(modelFloor, t.seconds)
            }
            recorded = []
            pipeline.finish()
            prefix?.finish()
            if let baseline {
                let extra = max(best - bestPrefix, 1e-9)
                print("\(baseline): \(String(format2: megabytes / bestPrefix)) MB/s (\(String(format2: bestPrefix)) s)")
                print("\(stages): \(String(format2: megabytes / best)) MB/s (\(String(format2: best)) s, \(annotations) annotations)")
                print("the stages after \(baseline) alone: \(String(format2: megabytes / extra)) MB/s per core, \(Int(Double(documents.count) / extra)) documents/s (\(String(format2: extra)) s for \(documents.count) documents, \(String(format2: 100 * extra / bestPrefix))% of the \(baseline) time)")
            }
            if stagesOnly {
                if let peak = PeakMemory.bytes { print("peak memory: \(peak / 1_048_576) MB") }
                if baseline != nil { return }
                print("\(stages): \(String(format2: megabytes / best)) MB/s (\(String(format2: best)) s, \(annotations) annotations)")
                return
            }
            print("bare ICU NFC, UTF-8 in C:       \(String(format2: megabytes / floor)) MB/s (\(String(format2: floor)) s)")
            print("ICU NFC through Swift strings:  \(String(format2: megabytes / bridged)) MB/s (\(String(format2: bridged)) s)")
            print("ICU word break alone, UTF-16:   \(String(format2: megabytes / wordBreak)) MB/s (\(String(format2: wordBreak / floor))× the bare NFC time)")
            print("ICU sentence break alone:       \(String(format2: megabytes / sentenceBreak)) MB/s (\(String(format2: sentenceBreak / floor))× the bare NFC time)")
            print("the same layers built, no text work: \(String(format2: modelFloor)) s (\(String(format2: modelFloor / floor))× the bare NFC time)")
            print("\(stages): \(String(format2: megabytes / best)) MB/s (\(String(format2: best)) s, \(annotations) annotations)")
            print("time ratio stages / bare NFC: \(String(format2: best / floor))× (the target for normalize,sentences,tokens: ≤ 4×); / NFC through Swift strings: \(String(format2: best / bridged))×")
            if let peak { print("peak memory: \(peak / 1_048_576) MB") }
            if checksum == 42 { print("") }
        }
    }
}

struct Timer {
    let start = MonotonicClock.seconds()
    var seconds: Double { MonotonicClock.seconds() - start }
}

extension String {
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let frac = abs(hundredths % 100)
        self = "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }
}
