import ArgumentParser
import Mekong

/// Runs stages over standard input, one line at a time, for people who want one step
/// without a pipeline file. The stages are the same ones pipelines use, built from the same
/// options through the registry.
enum QuickPath {
    static func pipeline(_ stages: [(String, JSONObject)], language: String?) throws -> Pipeline {
        let json: JSONValue = .object([
            "name": "quick",
            "language": language.map(JSONValue.string) ?? .null,
            "stages": .array(stages.map { .object(["use": .string($0.0), "with": .object($0.1)]) }),
        ])
        do {
            return try Pipeline.build(json, registry: MekongCommand.registry)
        } catch {
            StandardError.write(error.description + "\n")
            throw ExitCode(2)
        }
    }

    /// Reads standard input line by line and writes what `render` makes of each document.
    static func eachLine(_ pipeline: Pipeline, prepare: (inout Document) -> Void = { _ in }, render: (Document) -> String) throws {
        let reader = LineReader(fd: 0, path: "stdin")
        var number = 0
        var failed = false
        var buffer: [UInt8] = []
        while let line = try reader.next() {
            number += 1
            var doc = Document(id: "stdin#\(number)", text: String(decoding: line, as: UTF8.self))
            prepare(&doc)
            do {
                try pipeline.process(&doc)
                buffer.append(contentsOf: render(doc).utf8)
            } catch {
                StandardError.write("stdin line \(number): \(error.stage): \(error.reason)\n")
                failed = true
            }
            buffer.append(0x0A)
            if buffer.count > 1 << 16 { try FileIO.writeAll(fd: 1, buffer, path: "stdout"); buffer.removeAll(keepingCapacity: true) }
        }
        try FileIO.writeAll(fd: 1, buffer, path: "stdout")
        if failed { throw ExitCode(1) }
    }
}

enum QuickFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}

extension MekongCommand {
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Normalize standard input, line by line (the 'normalize' stage, without a pipeline).",
            discussion: """
                Examples:
                  echo 'Thanh Hoá, thuỷ điện' | mekong normalize                  → Thanh Hóa, thủy điện
                  mekong normalize --tones traditional < in.txt > out.txt
                  mekong normalize --format jsonl < in.txt      (text, revisions and the offset map)
                """)

        @Option(help: "Unicode form: NFC, NFD, NFKC, NFKD, NFKC_Casefold or none.") var form = "NFC"
        @Option(help: "Vietnamese tone marks: modern (hóa), traditional (hoá) or keep.") var tones = "modern"
        @Option(help: "Legacy font repair: auto, off, tcvn3 or vni.") var legacy = "auto"
        @Flag(help: "Typographic quotes to ASCII.") var asciiQuotes = false
        @Flag(help: "Dashes to ASCII -.") var asciiDashes = false
        @Flag(help: "Leave white space and invisible characters alone.") var keepWhitespace = false
        @Option(help: "Output: text (one line per input line) or jsonl (records with revisions).") var format: QuickFormat = .text

        func run() throws {
            let options: JSONObject = [
                "form": .string(form), "vietnameseTones": .string(tones), "legacy": .string(legacy),
                "asciiQuotes": .bool(asciiQuotes), "asciiDashes": .bool(asciiDashes), "whitespace": .bool(!keepWhitespace),
            ]
            let p = try QuickPath.pipeline([("normalize", options)], language: nil)
            try QuickPath.eachLine(p) { doc in
                format == .text ? doc.text : JSONWriter.serialize(doc.jsonValue())
            }
        }
    }

    struct Tokenize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split standard input into tokens (and sentences), line by line.",
            discussion: """
                Normalizes each line, then prints its tokens separated by spaces (one sentence \
                per line with --sentences), or the JSON record with --format jsonl.

                Example:
                  echo 'Giá 112,6 tỷ USD hôm 9/2.' | mekong tokenize --language vi
                """)

        @Option(help: "Language of the input (BCP 47), for ICU's rules.") var language: String?
        @Flag(help: "Print one sentence per line.") var sentences = false
        @Flag(help: "Skip normalization.") var raw = false
        @Option(help: "Output: text or jsonl.") var format: QuickFormat = .text

        func run() throws {
            var stages: [(String, JSONObject)] = raw ? [] : [("normalize", [:])]
            stages.append(("sentences", [:]))
            stages.append(("tokens", [:]))
            let p = try QuickPath.pipeline(stages, language: language)
            let split = sentences
            try QuickPath.eachLine(p) { doc in
                if format == .jsonl { return JSONWriter.serialize(doc.jsonValue()) }
                let view = TextView(doc.text)
                let tokens = doc.layers.spans(.tokens)
                guard split else { return tokens.map { view.string($0.range) }.joined(separator: " ") }
                return doc.layers.spans(.sentences).map { s in
                    tokens.filter { $0.start >= s.start && $0.end <= s.end }.map { view.string($0.range) }.joined(separator: " ")
                }.joined(separator: "\n")
            }
        }
    }
}

extension MekongCommand {
    struct Language: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "language",
            abstract: "Identify the language of each line of standard input (the 'language' stage).",
            discussion: """
                Prints, per line: the language code, the confidence (0–1), whether CLD2 found \
                it reliable, and the script.

                Example:
                  echo 'Ngành trí tuệ nhân tạo của Pháp' | mekong language     → vi  0.99  reliable  Latn
                """)

        @Option(help: "A declared language to use as a hint for short or unclear lines.") var hint: String?

        func run() throws {
            let p = try QuickPath.pipeline([("language", [:])], language: nil)
            try QuickPath.eachLine(p, prepare: { doc in
                if let hint { doc.metadata["declaredLanguage"] = .string(hint) }
            }) { doc in
                let confidence = doc.metadata["languageConfidence"]?.doubleValue ?? 0
                let reliable = doc.metadata["languageReliable"]?.boolValue == true ? "reliable" : "unreliable"
                return "\(doc.language ?? "und")\t\(confidence)\t\(reliable)\t\(doc.metadata["script"]?.stringValue ?? "-")"
            }
        }
    }
}

extension MekongCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a one-page HTML report of a run's output (JSON Lines records).",
            discussion: """
                Counts, languages, the most frequent entities per type with their links, quantities by \
                kind and money totals by currency, documents per day and the errors, with charts. The page \
                is self-contained: it loads nothing from any network.

                Example:
                  mekong run -p Pipelines/news.json Corpus/ -o out/corpus.jsonl
                  mekong report out/corpus.jsonl -o out/report.html
                """)

        @Argument(help: "The records a run wrote.") var records: String
        @Option(name: .shortAndLong, help: "The HTML file to write.") var output: String
        @Option(help: "The page's title.") var title = "Mekong corpus report"

        func run() throws {
            let reader = try LineReader(path: records)
            var report = CorpusReport()
            while let line = try reader.next() {
                guard !line.isEmpty else { continue }
                do { report.add(try JSONParser.parse(String(decoding: line, as: UTF8.self))) } catch {
                    StandardError.write("mekong report: \(records):\(reader.lineNumber): not a record: \(error)\n")
                    throw ExitCode(2)
                }
            }
            try FileIO.makeDirectories(FilePath.directory(of: output))
            try FileIO.writeAll(path: output, Array(report.html(title: title).utf8))
            print("\(output): \(report.documents) documents, \(report.failed.count) errors")
        }
    }
}
